import { Stack, Text, Tooltip } from "@mantine/core";
import type { CSSProperties, ReactNode } from "react";
import { formatDateTime } from "../../lib/format";
import type { MessageAnalysis } from "../../lib/types";
import { formatSentimentScore } from "./AnalysisBadges";
import { collectMarks, formatDue, segmentText, type Mark, type Segment } from "./highlight";
import { KIND_COLORS, signalInfo } from "./signals";

interface Props {
  text: string;
  analysis: MessageAnalysis | null;
  showSentimentCues: boolean;
}

const PLACEHOLDER = /\[(CARD|CVV|IBAN|NATIONAL_ID|EMAIL|PHONE)\]/g;

const PLACEHOLDER_LABELS: Record<string, string> = {
  CARD: "card number",
  CVV: "card security code",
  IBAN: "bank account number",
  NATIONAL_ID: "national id",
  EMAIL: "email address",
  PHONE: "phone number",
};

/** Redaction placeholders ("[CARD]") look like what they are: something removed, not something typed. */
function renderText(text: string): ReactNode {
  if (!text.includes("[")) return text;
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const at = match.index;
    if (at > last) parts.push(text.slice(last, at));
    const kind = match[1] ?? "";
    parts.push(
      <span
        key={at}
        title={`Redacted ${PLACEHOLDER_LABELS[kind] ?? "personal data"}`}
        style={{
          fontFamily: "var(--mantine-font-family-monospace)",
          fontSize: "0.85em",
          padding: "0 3px",
          borderRadius: 3,
          background: "var(--mantine-color-gray-2)",
          color: "var(--mantine-color-gray-7)",
        }}
      >
        {match[0]}
      </span>,
    );
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function describeMark(m: Mark): string {
  if (m.type === "term") return `Sentiment cue “${m.text}” ${formatSentimentScore(m.weight)}`;
  const info = signalInfo(m.name);
  const due = m.due ? ` · due ${formatDue(m.due, formatDateTime)}` : "";
  return `${info.label} · score ${m.score.toFixed(2)}${due}`;
}

function colorOf(m: Extract<Mark, { type: "signal" }>): string {
  return KIND_COLORS[signalInfo(m.name).kind];
}

/**
 * One run of text. The riskiest signal paints the background; a second, different-coloured signal on the
 * same words shows as the underline, so an overlap stays visible; sentiment cues are a dotted underline.
 */
function renderSegment(seg: Segment): ReactNode {
  const signals = seg.marks.filter(
    (m): m is Extract<Mark, { type: "signal" }> => m.type === "signal",
  );
  const term = seg.marks.find((m): m is Extract<Mark, { type: "term" }> => m.type === "term");
  const style: CSSProperties = {};
  if (signals[0]) {
    const first = colorOf(signals[0]);
    const second = signals.map(colorOf).find((c) => c !== first) ?? first;
    style.background = `var(--mantine-color-${first}-1)`;
    style.color = "inherit";
    style.borderBottom = `2px solid var(--mantine-color-${second}-${second === first ? 5 : 6})`;
    style.padding = "0 1px";
  }
  if (term) {
    const tone = term.weight > 0 ? "green" : "red";
    style.textDecoration = `underline dotted var(--mantine-color-${tone}-7)`;
    style.textDecorationThickness = "2px";
    style.textUnderlineOffset = signals.length > 0 ? "5px" : "3px";
  }
  const label = (
    <Stack gap={0}>
      {seg.marks.map((m, i) => (
        <Text key={i} size="xs">
          {describeMark(m)}
        </Text>
      ))}
    </Stack>
  );
  const Tag = signals.length > 0 ? "mark" : "span";
  return (
    <Tooltip
      key={seg.start}
      label={label}
      withArrow
      openDelay={100}
      events={{ hover: true, focus: true, touch: true }}
    >
      <Tag
        style={style}
        tabIndex={0}
        data-signals={signals.map((s) => s.name).join(" ") || undefined}
        data-sentiment-cue={term ? formatSentimentScore(term.weight) : undefined}
      >
        {renderText(seg.text)}
      </Tag>
    </Tooltip>
  );
}

/** A message's text with the engine's evidence highlighted inline, so every flag can be checked by eye. */
export function HighlightedText({ text, analysis, showSentimentCues }: Props) {
  const segments = segmentText(text, collectMarks(analysis, text.length, showSentimentCues));
  return (
    <Text
      size="sm"
      component="div"
      style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", lineHeight: 1.7 }}
    >
      {segments.map((seg) =>
        seg.marks.length === 0 ? (
          <span key={seg.start}>{renderText(seg.text)}</span>
        ) : (
          renderSegment(seg)
        ),
      )}
    </Text>
  );
}

import { Stack, Text, Tooltip } from "@mantine/core";
import type { CSSProperties, ReactNode } from "react";
import { formatDateTime } from "../../lib/format";
import type { MessageAnalysis } from "../../lib/types";
import { formatSentimentScore } from "./AnalysisBadges";
import {
  collectMarks,
  formatDue,
  placeholderMarks,
  segmentText,
  type Mark,
  type Segment,
} from "./highlight";
import { KIND_COLORS, signalInfo } from "./signals";

interface Props {
  text: string;
  analysis: MessageAnalysis | null;
  showSentimentCues: boolean;
}

const PLACEHOLDER_LABELS: Record<string, string> = {
  CARD: "card number",
  CVV: "card security code",
  IBAN: "bank account number",
  NATIONAL_ID: "national id",
  EMAIL: "email address",
  PHONE: "phone number",
};

// Redaction placeholders ("[CARD]") look like what they are: something removed, not something typed.
const REDACTED_STYLE: CSSProperties = {
  fontFamily: "var(--mantine-font-family-monospace)",
  fontSize: "0.85em",
  background: "var(--mantine-color-gray-2)",
  color: "var(--mantine-color-gray-7)",
};

function describeMark(m: Mark): string {
  if (m.type === "redacted") return `Redacted ${PLACEHOLDER_LABELS[m.kind] ?? "personal data"}`;
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
  const redacted = seg.marks.some((m) => m.type === "redacted");
  const style: CSSProperties = redacted ? { ...REDACTED_STYLE } : {};
  if (redacted && seg.marks.length === 1) {
    return (
      <span key={seg.start} style={style} title={describeMark(seg.marks[0]!)}>
        {seg.text}
      </span>
    );
  }
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
        {seg.text}
      </Tag>
    </Tooltip>
  );
}

/** A message's text with the engine's evidence highlighted inline, so every flag can be checked by eye. */
export function HighlightedText({ text, analysis, showSentimentCues }: Props) {
  const marks = [
    ...collectMarks(analysis, text.length, showSentimentCues),
    ...placeholderMarks(text),
  ];
  const segments = segmentText(text, marks);
  return (
    <Text
      size="sm"
      component="div"
      style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", lineHeight: 1.7 }}
    >
      {segments.map((seg) =>
        seg.marks.length === 0 ? <span key={seg.start}>{seg.text}</span> : renderSegment(seg),
      )}
    </Text>
  );
}

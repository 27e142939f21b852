import { Badge, Group, Text, Tooltip } from "@mantine/core";
import type { SatisfactionOutcome, SentimentLabel } from "../../lib/types";
import { KIND_COLORS, signalInfo } from "./signals";

/** Predicted satisfaction 1–5 → a red-to-green scale, in Mantine colour names. */
export function satisfactionColor(score: number): string {
  if (score < 2) return "red";
  if (score < 2.75) return "orange";
  if (score < 3.5) return "yellow";
  if (score < 4.25) return "lime";
  return "green";
}

export function formatSatisfaction(score: number): string {
  return score.toFixed(1);
}

export const SENTIMENT_COLORS: Record<SentimentLabel, string> = {
  negative: "red",
  neutral: "gray",
  positive: "green",
};

/** A sentiment score in [-1, 1] with its sign, e.g. "+0.42". */
export function formatSentimentScore(score: number): string {
  return `${score > 0 ? "+" : score < 0 ? "−" : "±"}${Math.abs(score).toFixed(2)}`;
}

/** Confidence 0–1 of a satisfaction prediction as a word (thresholds at 0.35 and 0.65). */
export function confidenceLevel(confidence: number): "low" | "medium" | "high" {
  if (confidence < 0.35) return "low";
  if (confidence < 0.65) return "medium";
  return "high";
}

export function SatisfactionScore({
  score,
  confidence,
  outcome,
}: {
  score: number;
  /** Absent for analyses stored before engine 2026.12.1. */
  confidence?: number | null;
  outcome?: SatisfactionOutcome | null;
}) {
  const color = satisfactionColor(score);
  const unknown = outcome === "unknown";
  const level = typeof confidence === "number" ? confidenceLevel(confidence) : undefined;
  const confidenceText = level === undefined ? "" : `, ${level} confidence`;
  return (
    <Tooltip
      label={`Predicted customer satisfaction, 1 (very dissatisfied) to 5 (very satisfied)${confidenceText}${unknown ? ": no customer reply to an agent yet" : ""}`}
      multiline
      maw={260}
    >
      <Badge
        color={color}
        variant={unknown ? "outline" : "light"}
        radius="sm"
        size="lg"
        aria-label={`Predicted satisfaction ${formatSatisfaction(score)} of 5${confidenceText}${unknown ? ", outcome unknown" : ""}`}
        styles={{ label: { fontVariantNumeric: "tabular-nums" } }}
      >
        {formatSatisfaction(score)}
        {unknown ? "?" : ""}
      </Badge>
    </Tooltip>
  );
}

export function SentimentBadge({ label, score }: { label: SentimentLabel; score?: number }) {
  return (
    <Badge
      color={SENTIMENT_COLORS[label] ?? "gray"}
      variant="dot"
      radius="sm"
      title={score === undefined ? undefined : `Customer sentiment ${formatSentimentScore(score)}`}
    >
      {label}
    </Badge>
  );
}

export function SignalChip({ name, count }: { name: string; count?: number }) {
  const info = signalInfo(name);
  return (
    <Badge color={KIND_COLORS[info.kind]} variant="light" radius="sm" size="sm" tt="none" fw={500}>
      {info.label}
      {count !== undefined && count > 1 ? ` ×${count}` : ""}
    </Badge>
  );
}

/** At most `max` chips, risk first; the rest folds into "+N" with their names in a tooltip. */
export function SignalChips({ names, max = 3 }: { names: string[]; max?: number }) {
  if (names.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  }
  const shown = names.slice(0, max);
  const rest = names.slice(max);
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((n) => (
        <SignalChip key={n} name={n} />
      ))}
      {rest.length > 0 && (
        <Tooltip label={rest.map((n) => signalInfo(n).label).join(", ")} multiline maw={260}>
          <Badge color="gray" variant="outline" radius="sm" size="sm">
            +{rest.length}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

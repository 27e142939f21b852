import { Badge, Group, Text, Tooltip } from "@mantine/core";
import type { SentimentLabel } from "../../lib/types";
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

export function SatisfactionScore({ score }: { score: number }) {
  const color = satisfactionColor(score);
  return (
    <Tooltip label="Predicted customer satisfaction, 1 (very dissatisfied) to 5 (very satisfied)">
      <Badge
        color={color}
        variant="light"
        radius="sm"
        size="lg"
        aria-label={`Predicted satisfaction ${formatSatisfaction(score)} of 5`}
        styles={{ label: { fontVariantNumeric: "tabular-nums" } }}
      >
        {formatSatisfaction(score)}
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

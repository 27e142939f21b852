import { Group, Text } from "@mantine/core";
import { KIND_COLORS, KIND_LABELS, type SignalKind } from "./signals";

const SHOWN: SignalKind[] = ["risk", "concern", "positive", "agent", "coaching", "routine"];

function Swatch({ color }: { color: string }) {
  return (
    <span
      aria-hidden
      style={{
        display: "inline-block",
        width: 14,
        height: 10,
        background: `var(--mantine-color-${color}-1)`,
        borderBottom: `2px solid var(--mantine-color-${color}-5)`,
      }}
    />
  );
}

/** What the highlight colours mean; hover a highlight for the signal and its score. */
export function HighlightLegend({ withSentimentCues }: { withSentimentCues: boolean }) {
  return (
    <Group gap="md" wrap="wrap" aria-label="Highlight colours" role="list">
      {SHOWN.map((kind) => (
        <Group key={kind} gap={4} wrap="nowrap" role="listitem">
          <Swatch color={KIND_COLORS[kind]} />
          <Text size="xs" c="dimmed">
            {KIND_LABELS[kind]}
          </Text>
        </Group>
      ))}
      {withSentimentCues && (
        <>
          <Text
            size="xs"
            c="dimmed"
            role="listitem"
            style={{
              textDecoration: "underline dotted var(--mantine-color-green-7) 2px",
              textUnderlineOffset: 3,
            }}
          >
            positive cue
          </Text>
          <Text
            size="xs"
            c="dimmed"
            role="listitem"
            style={{
              textDecoration: "underline dotted var(--mantine-color-red-7) 2px",
              textUnderlineOffset: 3,
            }}
          >
            negative cue
          </Text>
        </>
      )}
    </Group>
  );
}

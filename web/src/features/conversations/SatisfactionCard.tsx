import { Badge, Box, Group, Paper, Stack, Text, Title, Tooltip } from "@mantine/core";
import type { AnalysisDetail, SatisfactionDriver, Trajectory } from "../../lib/types";
import {
  confidenceLevel,
  formatSatisfaction,
  formatSentimentScore,
  satisfactionColor,
} from "./AnalysisBadges";

/**
 * The engine starts every conversation from this neutral score and adds the drivers' effects, then clamps
 * to 1–5 (BASE in src/analysis/satisfaction.ts; the API does not send it).
 */
const BASELINE = 3.5;

export const TRAJECTORIES: Record<
  Trajectory,
  { label: string; color: string; description: string }
> = {
  recovered: {
    label: "Recovered",
    color: "teal",
    description: "The customer started unhappy and ended satisfied.",
  },
  improved: {
    label: "Improved",
    color: "green",
    description: "Customer sentiment rose over the conversation.",
  },
  steady: {
    label: "Steady",
    color: "gray",
    description: "Customer sentiment stayed about the same.",
  },
  deteriorated: {
    label: "Deteriorated",
    color: "red",
    description: "Customer sentiment fell over the conversation.",
  },
  unknown: { label: "Unknown", color: "gray", description: "Too few customer messages to tell." },
};

function signed(n: number): string {
  return `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(n).toFixed(2)}`;
}

/** One driver as a bar growing left (lowers the score) or right (raises it) from the middle. */
function DriverRow({ driver, scale }: { driver: SatisfactionDriver; scale: number }) {
  const width = `${Math.min(50, (Math.abs(driver.effect) / scale) * 50)}%`;
  const positive = driver.effect >= 0;
  return (
    <Box component="li">
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="xs" style={{ flex: 1 }}>
          {driver.label}
        </Text>
        <Text
          size="xs"
          fw={600}
          c={positive ? "green" : "red"}
          style={{ fontVariantNumeric: "tabular-nums" }}
        >
          {signed(driver.effect)}
        </Text>
      </Group>
      <Box pos="relative" h={6} mt={2} bg="gray.1" style={{ borderRadius: 3 }} aria-hidden>
        <Box pos="absolute" top={0} bottom={0} left="50%" w={1} bg="gray.4" />
        <Box
          pos="absolute"
          top={0}
          bottom={0}
          bg={positive ? "green.5" : "red.5"}
          style={{
            width,
            left: positive ? "50%" : undefined,
            right: positive ? undefined : "50%",
            borderRadius: 3,
          }}
        />
      </Box>
    </Box>
  );
}

export function SatisfactionCard({ detail }: { detail: AnalysisDetail }) {
  const predicted = detail.satisfaction?.predicted;
  const confidence = detail.satisfaction?.confidence;
  const unknownOutcome = detail.satisfaction?.outcome === "unknown";
  const drivers = detail.satisfaction?.drivers ?? [];
  const trajectory = TRAJECTORIES[detail.trajectory ?? "unknown"] ?? TRAJECTORIES.unknown;
  const total = drivers.reduce((sum, d) => sum + d.effect, 0);
  const raw = BASELINE + total;
  const clamped = raw > 5 || raw < 1;
  const scale = Math.max(0.5, ...drivers.map((d) => Math.abs(d.effect)));

  return (
    <Paper withBorder p="md">
      {/* Wraps: in the narrow analysis column the trajectory badge goes under the score, not past the edge. */}
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={0}>
          <Title order={2} size="h5" style={{ whiteSpace: "nowrap" }}>
            Predicted satisfaction
          </Title>
          <Group gap={4} align="baseline" wrap="nowrap">
            <Text
              fz={44}
              fw={700}
              lh={1.1}
              c={predicted === undefined ? "dimmed" : satisfactionColor(predicted)}
              aria-label={
                predicted === undefined
                  ? "No prediction"
                  : `${formatSatisfaction(predicted)} out of 5`
              }
              style={{ fontVariantNumeric: "tabular-nums" }}
            >
              {predicted === undefined ? "—" : formatSatisfaction(predicted)}
            </Text>
            <Text c="dimmed" size="sm">
              / 5
            </Text>
          </Group>
          {confidence !== undefined && (
            <Text
              size="xs"
              c="dimmed"
              title="How much evidence of the outcome the prediction rests on, 0–1"
            >
              Confidence: {confidenceLevel(confidence)} ({confidence.toFixed(1)})
              {unknownOutcome ? " · no customer reply to an agent yet" : ""}
            </Text>
          )}
        </Stack>
        <Tooltip label={trajectory.description} multiline maw={240}>
          <Badge
            color={trajectory.color}
            variant="light"
            radius="sm"
            size="sm"
            aria-label={`Trajectory: ${trajectory.label}. ${trajectory.description}`}
          >
            {trajectory.label}
          </Badge>
        </Tooltip>
      </Group>
      {detail.sentiment && (
        <Text size="xs" c="dimmed" title="Customer sentiment, −1 to +1">
          Customer sentiment {formatSentimentScore(detail.sentiment.start)} at the start,{" "}
          {formatSentimentScore(detail.sentiment.end)} at the end
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        Why: starts from a neutral {BASELINE.toFixed(1)}, drivers add {signed(total)}
        {clamped ? `, capped at ${raw > 5 ? 5 : 1}` : ""}.
      </Text>
      {drivers.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          No driver moved the score.
        </Text>
      ) : (
        <Stack
          component="ul"
          gap={8}
          mt="sm"
          p={0}
          m={0}
          style={{ listStyle: "none" }}
          aria-label="Satisfaction drivers"
        >
          {drivers.map((d) => (
            <DriverRow key={d.name} driver={d} scale={scale} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

import { Group, Loader, Paper, SimpleGrid, Stack, Switch, Text, Title } from "@mantine/core";
import { lazy, Suspense, useState, type ReactNode } from "react";
import type { AnalysisDetail, Message, TimedSpan } from "../../lib/types";
import { SatisfactionCard } from "./SatisfactionCard";
import { SignalSummary } from "./SignalSummary";

// Recharts is the heaviest dependency: load it after the transcript is on screen.
const SentimentChart = lazy(() => import("./SentimentChart"));

function Stat({
  label,
  value,
  hint,
  warn,
}: {
  label: string;
  value: ReactNode;
  hint?: string;
  warn?: boolean;
}) {
  return (
    <Stack gap={0} title={hint}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text
        size="lg"
        fw={600}
        c={warn ? "orange" : undefined}
        style={{ fontVariantNumeric: "tabular-nums" }}
      >
        {value}
      </Text>
    </Stack>
  );
}

function Section({
  title,
  children,
  aside,
}: {
  title: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} size="h5">
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}

function seconds(n: number): string {
  return n >= 60
    ? `${Math.floor(n / 60)}m ${String(Math.round(n % 60)).padStart(2, "0")}s`
    : `${n.toFixed(1)}s`;
}

function totalSeconds(spans: TimedSpan[]): number {
  return spans.reduce((sum, s) => sum + s.seconds, 0);
}

interface Props {
  detail: AnalysisDetail | null;
  messages: Message[];
}

export function AnalysisPanel({ detail, messages }: Props) {
  const [withAgent, setWithAgent] = useState(false);

  if (!detail) {
    return (
      <Paper withBorder p="md" aria-label="Analysis">
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">Analysing this conversation…</Text>
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          Scores, signals and highlights appear here once the engine has read it. This page
          refreshes by itself.
        </Text>
      </Paper>
    );
  }

  const effort = detail.effort;
  const timings = detail.timings;
  return (
    <Stack gap="md" component="section" aria-label="Analysis">
      <SatisfactionCard detail={detail} />
      <Section
        title="Sentiment trajectory"
        aside={
          <Switch
            size="xs"
            label="Agent"
            checked={withAgent}
            onChange={(e) => setWithAgent(e.currentTarget.checked)}
          />
        }
      >
        <Suspense fallback={<Loader size="sm" />}>
          <SentimentChart messages={messages} withAgent={withAgent} />
        </Suspense>
      </Section>
      {effort && (
        <Section title="Customer effort">
          <SimpleGrid cols={3} spacing="xs">
            <Stat
              label="Repetitions"
              value={effort.repetitions}
              warn={effort.repetitions > 0}
              hint="Customer messages that restate an earlier one"
            />
            <Stat
              label="Transfers"
              value={effort.transfers}
              warn={effort.transfers > 0}
              hint="Hand-overs between agents"
            />
            <Stat
              label="Long waits"
              value={effort.longWaits}
              warn={effort.longWaits > 0}
              hint="Customer waits over the threshold before an agent reply"
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="xs">
            Effort score {effort.score.toFixed(2)} (0 effortless, 1 very high)
            {effort.longestWaitSeconds !== undefined
              ? ` · longest wait ${seconds(effort.longestWaitSeconds)}`
              : ""}
          </Text>
        </Section>
      )}
      {timings && (
        <Section title="Call timings">
          <SimpleGrid cols={3} spacing="xs">
            <Stat
              label="Silences"
              value={timings.silences.length}
              hint={`Gaps over the silence threshold, ${seconds(totalSeconds(timings.silences))} in all`}
              warn={timings.silences.length > 0}
            />
            <Stat
              label="Overtalk"
              value={timings.overtalk.length}
              hint={`Both speaking at once, ${seconds(totalSeconds(timings.overtalk))} in all`}
              warn={timings.overtalk.length > 0}
            />
            <Stat
              label="Agent talk"
              value={`${Math.round(timings.agentTalkRatio * 100)}%`}
              hint="Agent speaking time over all speaking time"
              warn={timings.agentTalkRatio > 0.7}
            />
          </SimpleGrid>
          {(timings.silences.length > 0 || timings.overtalk.length > 0) && (
            <Text size="xs" c="dimmed" mt="xs">
              {timings.silences.length > 0 &&
                `Silence ${seconds(totalSeconds(timings.silences))} in all. `}
              {timings.overtalk.length > 0 &&
                `Overtalk ${seconds(totalSeconds(timings.overtalk))} in all.`}
            </Text>
          )}
        </Section>
      )}
      <Section title="Signals detected">
        <SignalSummary messages={messages} />
      </Section>
      <Text size="xs" c="dimmed">
        Analysis engine {detail.engineVersion ?? "unknown version"}
      </Text>
    </Stack>
  );
}

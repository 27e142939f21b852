import { Group, Paper, SegmentedControl, SimpleGrid, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { CHANNEL_LABELS } from "../components/ChannelBadge";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { SatisfactionChart, SignalsChart } from "../features/dashboard/ExperienceCharts";
import { toExperienceRows, topCustomerSignals } from "../features/dashboard/overview";
import { useOverview, useVolume } from "../features/dashboard/stats.api";
import { VolumeChart } from "../features/dashboard/VolumeChart";
import { PulseCard } from "../features/surveys/PulseCard";
import { summarizeVolume } from "../features/dashboard/volume";
import { formatNumber } from "../lib/format";

const RANGES = ["30", "90"] as const;

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.3}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function trend(last: number, prev: number): string {
  if (prev === 0)
    return last === 0 ? "No change vs the 7 days before" : "Up from none the 7 days before";
  const pct = Math.round(((last - prev) / prev) * 100);
  return `${pct >= 0 ? "+" : ""}${pct}% vs the 7 days before`;
}

export default function DashboardPage() {
  const [range, setRange] = useState<(typeof RANGES)[number]>("90");
  const days = Number(range);
  const volume = useVolume(days);
  const overview = useOverview(days);
  const experience = useMemo(
    () =>
      overview.data
        ? {
            rows: toExperienceRows(overview.data),
            signals: topCustomerSignals(overview.data, 8),
            totals: overview.data.totals,
          }
        : null,
    [overview.data],
  );
  const summary = useMemo(
    () => (volume.data ? summarizeVolume(volume.data, days) : null),
    [volume.data, days],
  );

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="How much your customers contact you, where, and how they feel about it."
        actions={
          <SegmentedControl
            aria-label="Time range"
            value={range}
            onChange={(value) => setRange(value as (typeof RANGES)[number])}
            data={RANGES.map((r) => ({ value: r, label: `${r} days` }))}
          />
        }
      />
      <PulseCard />
      {volume.isPending && <LoadingState label="Loading volume…" />}
      {volume.isError && <ErrorState error={volume.error} onRetry={() => void volume.refetch()} />}
      {summary && (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mb="md">
            <Stat label={`Conversations, ${days} days`} value={formatNumber(summary.total)} />
            <Stat label="Average per day" value={formatNumber(Math.round(summary.perDay))} />
            <Stat
              label="Last 7 full days"
              value={formatNumber(summary.last7)}
              hint={trend(summary.last7, summary.prev7)}
            />
            <Stat
              label="Busiest channel"
              value={summary.busiestChannel ? CHANNEL_LABELS[summary.busiestChannel.channel] : "—"}
              hint={
                summary.busiestChannel && summary.total > 0
                  ? `${Math.round((summary.busiestChannel.count / summary.total) * 100)}% of volume`
                  : undefined
              }
            />
          </SimpleGrid>
          <Paper withBorder p="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Volume per day by channel
              </Title>
            </Group>
            {summary.total === 0 ? (
              <EmptyMessage title="No conversations in this period">
                Volume appears here once conversations are imported.
              </EmptyMessage>
            ) : (
              <VolumeChart
                rows={summary.rows}
                channels={summary.channels}
                partialDay={summary.partialDay}
              />
            )}
          </Paper>
        </>
      )}
      {overview.isError && (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      )}
      {experience && experience.totals.analysed > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }} mt="md">
          <Paper withBorder p="md">
            <Title order={2} size="h4">
              Predicted satisfaction per day
            </Title>
            <Text size="sm" mb="sm">
              Mean of {formatNumber(experience.totals.analysed)} analysed conversations:{" "}
              {experience.totals.satisfaction?.toFixed(2) ?? "—"} of 5;{" "}
              {Math.round((experience.totals.negative / experience.totals.analysed) * 100)}% with
              negative customer sentiment.
            </Text>
            <SatisfactionChart rows={experience.rows} />
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4">
              What customers raised
            </Title>
            <Text size="sm" mb="sm">
              Conversations per customer signal in the period.
            </Text>
            <SignalsChart data={experience.signals} />
          </Paper>
        </SimpleGrid>
      )}
    </>
  );
}

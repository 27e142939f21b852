import { BarChart } from "@mantine/charts";
import { NativeSelect, Paper, Stack, Title } from "@mantine/core";
import { useState } from "react";
import { EmptyMessage, ErrorState, LoadingState } from "../../components/QueryState";
import { type QaReportRow, useQaReport } from "./qa.api";

/** One row per group with the automatic and the human score side by side. */
export function pivotScores(rows: QaReportRow[]) {
  const byKey = new Map<string, { group: string; auto: number | null; human: number | null }>();
  for (const r of rows) {
    const entry = byKey.get(r.label) ?? { group: r.label, auto: null, human: null };
    entry[r.kind] = r.score;
    byKey.set(r.label, entry);
  }
  return [...byKey.values()];
}

/** Failure rate (%) per criterion, automatic and human answers apart. */
export function pivotFailures(rows: QaReportRow[]) {
  const byKey = new Map<string, { group: string; auto: number | null; human: number | null }>();
  for (const r of rows) {
    const entry = byKey.get(r.label) ?? { group: r.label, auto: null, human: null };
    const decided = r.passed + r.failed;
    entry[r.kind] = decided ? Math.round((r.failed / decided) * 1000) / 10 : null;
    byKey.set(r.label, entry);
  }
  return [...byKey.values()];
}

const SERIES = [
  { name: "auto", label: "Automatic", color: "blue.7" },
  { name: "human", label: "Human", color: "orange.8" },
];

export function QaReports() {
  const [groupBy, setGroupBy] = useState("week");
  const scores = useQaReport(groupBy);
  const criteria = useQaReport("criterion");
  if (scores.isPending || criteria.isPending) return <LoadingState label="Loading QA reports…" />;
  if (scores.isError) return <ErrorState error={scores.error} />;
  if (criteria.isError) return <ErrorState error={criteria.error} />;
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-label="QA score chart">
        <Title order={3} size="h5" mb="sm">
          QA score by {groupBy}
        </Title>
        <NativeSelect
          label="Group by"
          w={200}
          mb="sm"
          value={groupBy}
          onChange={(e) => setGroupBy(e.currentTarget.value)}
          data={[
            { value: "week", label: "Week" },
            { value: "agent", label: "Agent" },
            { value: "team", label: "Team" },
            { value: "channel", label: "Channel" },
          ]}
        />
        {scores.data.items.length === 0 ? (
          <EmptyMessage title="No evaluations in the last 120 days" />
        ) : (
          <BarChart
            h={280}
            data={pivotScores(scores.data.items)}
            dataKey="group"
            series={SERIES}
            withLegend
            yAxisProps={{ domain: [0, 100] }}
          />
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-label="Criterion failure chart">
        <Title order={3} size="h5" mb="sm">
          Failure rate by criterion (%)
        </Title>
        <BarChart
          h={320}
          data={pivotFailures(criteria.data.items)}
          dataKey="group"
          series={SERIES}
          withLegend
        />
      </Paper>
    </Stack>
  );
}

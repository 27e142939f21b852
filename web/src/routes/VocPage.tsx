import { BarChart, LineChart } from "@mantine/charts";
import { Grid, SimpleGrid, Table, Text } from "@mantine/core";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import {
  useBudgetReport,
  usePredictedVsActual,
  useSurveyOverview,
} from "../features/surveys/surveys.api";
import { ReportSection } from "../features/surveys/ReportSection";
import { ResponseRates } from "../features/surveys/ResponseRates";
import { SurveyDrivers } from "../features/surveys/SurveyDrivers";
import { formatNumber, weekInProgress } from "../lib/format";

const REASON_LABELS: Record<string, string> = {
  excluded: "Excluded",
  no_contact: "No contact",
  open_follow_up: "Open follow-up",
  open_case: "Open complaint",
  cooldown: "Cooldown",
  survey_interval: "Survey interval",
  sampled_out: "Sampled out",
};

const fmt = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? "—" : x.toFixed(digits);

function PredictedVsActual() {
  const report = usePredictedVsActual();
  if (report.isPending) return <LoadingState label="Loading predicted vs actual…" />;
  if (report.isError) return <ErrorState error={report.error} />;
  const { overall, calibration, byChannel, byMonth } = report.data;
  const rows = calibration.map((c) => ({
    predicted: `Predicted ${c.predicted}`,
    actual: c.meanActual ?? 0,
    ideal: c.predicted,
    count: c.count,
  }));
  return (
    <ReportSection title="Predicted vs actual satisfaction">
      <Text size="sm" mb="sm">
        {formatNumber(overall.n)} conversations with both a predicted score and a CSAT answer: mean
        absolute error {fmt(overall.mae)}, rank correlation (Spearman) {fmt(overall.spearman)}.
      </Text>
      <BarChart
        h={260}
        data={rows}
        dataKey="predicted"
        series={[
          { name: "actual", label: "Mean CSAT answer", color: "blue.7" },
          { name: "ideal", label: "Perfectly calibrated", color: "gray.6" },
        ]}
        withLegend
        yAxisProps={{ domain: [0, 5], ticks: [0, 1, 2, 3, 4, 5] }}
        aria-label="Calibration: mean CSAT answer for each predicted satisfaction score"
        role="img"
      />
      <Table mt="md" aria-label="Prediction accuracy per channel and month" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Channel or month</Table.Th>
            <Table.Th ta="right">Answers</Table.Th>
            <Table.Th ta="right">MAE</Table.Th>
            <Table.Th ta="right">Spearman</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[
            ...byChannel.map((r) => ({ key: r.channel, ...r })),
            ...byMonth.map((r) => ({ key: r.month, ...r })),
          ].map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.key}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.n)}</Table.Td>
              <Table.Td ta="right">{fmt(r.mae)}</Table.Td>
              <Table.Td ta="right">{fmt(r.spearman)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ReportSection>
  );
}

function BudgetReport() {
  const report = useBudgetReport();
  if (report.isPending) return <LoadingState label="Loading the budget report…" />;
  if (report.isError) return <ErrorState error={report.error} />;
  const data = report.data.suppressed.map((s) => ({
    rule: REASON_LABELS[s.reason] ?? s.reason,
    suppressed: s.count,
  }));
  return (
    <ReportSection title="Contact-pressure budget">
      <Text size="sm" mb="sm">
        {formatNumber(report.data.invited)} invitations sent in the last 90 days; suppressed by
        rule:
      </Text>
      <BarChart
        h={240}
        data={data}
        dataKey="rule"
        series={[{ name: "suppressed", label: "Suppressed", color: "orange.8" }]}
        aria-label="Invitations suppressed per budget rule"
        role="img"
      />
      <Table mt="sm" aria-label="Suppressions per rule" verticalSpacing={2}>
        <Table.Tbody>
          {data.map((d) => (
            <Table.Tr key={d.rule}>
              <Table.Td>{d.rule}</Table.Td>
              <Table.Td ta="right">{formatNumber(d.suppressed)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ReportSection>
  );
}

/**
 * The CSAT trend's value axis: the whole 1–5 scale, widened only when a survey's interval reaches
 * past it, so a week's wobble reads as one (an axis from 0 up to 8 made 3.9 look like mid-scale).
 */
function scoreAxis(
  trend: readonly { low: number | null; high: number | null }[],
): [number, number] {
  const lows = trend.flatMap((t) => (t.low === null ? [] : [t.low]));
  const highs = trend.flatMap((t) => (t.high === null ? [] : [t.high]));
  return [Math.floor(Math.min(1, ...lows)), Math.ceil(Math.max(5, ...highs))];
}

function Overview() {
  const report = useSurveyOverview();
  if (report.isPending) return <LoadingState label="Loading survey results…" />;
  if (report.isError) return <ErrorState error={report.error} />;
  const { responseRate, score, trend, loopClosure } = report.data;
  return (
    <>
      <ReportSection title="CSAT trend (95% confidence interval)">
        <Text size="sm" mb="sm">
          Raw mean {fmt(score.raw)}; weighted for non-response by channel{" "}
          {fmt(score.nonResponseWeighted)}.
        </Text>
        <LineChart
          h={240}
          data={trend.map((t) => ({
            week: weekInProgress(t.week) ? `${t.week} (so far)` : t.week,
            mean: t.mean,
            low: t.low,
            high: t.high,
          }))}
          dataKey="week"
          yAxisProps={{ domain: scoreAxis(trend) }}
          series={[
            { name: "mean", label: "Mean", color: "blue.7" },
            { name: "low", label: "95% CI low", color: "gray.6", strokeDasharray: "4 4" },
            { name: "high", label: "95% CI high", color: "gray.6", strokeDasharray: "4 4" },
          ]}
          withLegend
          aria-label={`Weekly CSAT with its 95% confidence interval${
            trend.some((t) => weekInProgress(t.week)) ? "; the last week is still in progress" : ""
          }`}
          role="img"
        />
      </ReportSection>
      <ResponseRates rates={responseRate} />
      <ReportSection title="Loop closure by team">
        <Table aria-label="Loop closure by team" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Team</Table.Th>
              <Table.Th ta="right">Opened</Table.Th>
              <Table.Th ta="right">Closed</Table.Th>
              <Table.Th ta="right">Median hours to close</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loopClosure.map((l) => (
              <Table.Tr key={l.team ?? "none"}>
                <Table.Td>{l.team ?? "No team"}</Table.Td>
                <Table.Td ta="right">{l.opened}</Table.Td>
                <Table.Td ta="right">{l.closed}</Table.Td>
                <Table.Td ta="right">{fmt(l.medianHoursToClose, 1)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ReportSection>
      <SurveyDrivers report={report.data} />
    </>
  );
}

export default function VocPage() {
  return (
    <>
      <PageHeader
        title="Voice of the customer"
        description="Survey answers, the contact-pressure budget, and how far predicted satisfaction can be trusted."
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <PredictedVsActual />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <BudgetReport />
        </Grid.Col>
      </Grid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} mt="md">
        <Overview />
      </SimpleGrid>
    </>
  );
}

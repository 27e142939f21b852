import { Paper, Title } from "@mantine/core";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { weekInProgress } from "../../lib/format";
import { metricAxis, type ScorecardMetric, type TeamScorecards } from "./scorecards.api";

type Trend = TeamScorecards["trend"];

/** Per agent: observed, expected and adjusted of one metric, the adjusted with its 95 % interval bar. */
export function AgentsIntervalChart({
  data,
  metric,
  label,
}: {
  data: TeamScorecards["agents"];
  metric: string;
  label: string;
}) {
  const rows = data.flatMap((a) => {
    const m = a.metrics.find((x) => x.key === metric);
    if (!m || m.adjusted === null) return [];
    const ci = m.adjustedCi95;
    return [
      {
        name: a.name,
        observed: m.value,
        expected: m.expected,
        adjusted: m.adjusted,
        interval: ci ? [m.adjusted - ci[0], ci[1] - m.adjusted] : [0, 0],
      },
    ];
  });
  const summary = rows
    .map((r) => `${r.name}: adjusted ${r.adjusted.toFixed(2)}, expected ${r.expected?.toFixed(2)}`)
    .join("; ");
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {label}: observed, expected and adjusted, with 95 % intervals
      </Title>
      <div
        role="img"
        aria-label={`${label} by agent. ${summary.slice(0, 600)}`}
        style={{ height: 300 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="name"
              fontSize={11}
              interval={0}
              angle={-20}
              textAnchor="end"
              height={60}
            />
            <YAxis fontSize={11} />
            <Tooltip />
            <Legend />
            <Bar dataKey="observed" name="Observed" fill="#9bb4d4" />
            <Bar dataKey="expected" name="Expected for the case mix" fill="#c9c9c9" />
            <Bar dataKey="adjusted" name="Adjusted (95 % interval)" fill="#2f6fb3">
              <ErrorBar dataKey="interval" width={4} strokeWidth={1.5} stroke="#1a1a1a" />
            </Bar>
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </Paper>
  );
}

/** Weekly trend of one metric: observed and adjusted. */
export function WeeklyTrendChart({
  trend,
  metrics,
  metric,
  label,
}: {
  trend: Trend;
  /** The period's figures, whose scales the chart's axis follows. */
  metrics: readonly ScorecardMetric[];
  metric: string;
  label: string;
}) {
  const rows = trend.map((w) => {
    const m = w.metrics.find((x) => x.key === metric);
    return {
      week: w.week,
      observed: m?.value ?? null,
      adjusted: m?.adjusted ?? null,
      n: m?.n ?? 0,
    };
  });
  const current = trend.findLast((w) => weekInProgress(w.week))?.week;
  const figures = metrics.find((m) => m.key === metric);
  const scale = figures && metricAxis(figures);
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {label} per week
      </Title>
      <div
        role="img"
        aria-label={`${label} per week: ${rows
          .map((r) => `${r.week} ${r.adjusted?.toFixed(2) ?? "none"}`)
          .join(", ")
          .slice(0, 600)}${current ? `; the week of ${current} is still in progress` : ""}`}
        style={{ height: 240 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" fontSize={11} />
            <YAxis
              fontSize={11}
              domain={scale?.domain ?? [0, "auto"]}
              tickFormatter={scale?.tick}
              allowDataOverflow={false}
            />
            <Tooltip />
            <Legend />
            {current && (
              <ReferenceLine
                x={current}
                stroke="#495057"
                label={{ value: "This week, so far", position: "insideTopRight", fontSize: 11 }}
              />
            )}
            <Line dataKey="observed" name="Observed" stroke="#7a9cc6" dot={false} connectNulls />
            <Line
              dataKey="adjusted"
              name="Adjusted"
              stroke="#1d4f8a"
              strokeWidth={2}
              connectNulls
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Paper>
  );
}

import { BarChart } from "@mantine/charts";
import type { FixImpact } from "./insights.api";

/** Targeted conversations per 1,000 by week, before and after the fix shipped. */
export function ImpactChart({ impact }: { impact: FixImpact }) {
  const data = impact.weeks.map((w) => ({
    week: w.weekStart.slice(5),
    before: w.after ? 0 : Math.round(w.ratePer1000 * 10) / 10,
    after: w.after ? Math.round(w.ratePer1000 * 10) / 10 : 0,
  }));
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="week"
      type="stacked"
      withLegend
      legendProps={{ verticalAlign: "bottom" }}
      yAxisLabel="Per 1,000 conversations"
      series={[
        { name: "before", label: "Before the fix", color: "gray.6" },
        { name: "after", label: "After the fix", color: "teal.7" },
      ]}
      role="img"
      aria-label="Targeted conversations per 1,000 conversations by week, before and after the fix"
    />
  );
}

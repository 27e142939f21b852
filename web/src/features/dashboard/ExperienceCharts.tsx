import { BarChart, LineChart } from "@mantine/charts";
import { formatDay, formatNumber } from "../../lib/format";
import type { ExperienceRow } from "./overview";

export function SatisfactionChart({ rows }: { rows: ExperienceRow[] }) {
  return (
    <LineChart
      h={240}
      data={rows}
      dataKey="day"
      withDots={false}
      curveType="monotone"
      strokeWidth={2}
      series={[{ name: "satisfaction", label: "Predicted satisfaction", color: "teal.7" }]}
      yAxisProps={{ domain: [1, 5], ticks: [1, 2, 3, 4, 5], width: 32 }}
      xAxisProps={{ tickFormatter: (value: string) => formatDay(value), minTickGap: 24 }}
      valueFormatter={(value) => value.toFixed(2)}
      tooltipProps={{ labelFormatter: (label) => formatDay(String(label)) }}
      role="img"
      aria-label="Mean predicted customer satisfaction per day, from 1 to 5"
    />
  );
}

export function SignalsChart({ data }: { data: { label: string; conversations: number }[] }) {
  return (
    <BarChart
      h={240}
      data={data}
      dataKey="label"
      orientation="vertical"
      yAxisProps={{ width: 130 }}
      series={[{ name: "conversations", label: "Conversations", color: "orange.7" }]}
      valueFormatter={(value) => formatNumber(value)}
      role="img"
      aria-label="Conversations per customer signal, most frequent first"
    />
  );
}

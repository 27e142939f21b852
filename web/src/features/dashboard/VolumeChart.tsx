import { AreaChart } from "@mantine/charts";
import { CHANNEL_COLORS, CHANNEL_LABELS } from "../../components/ChannelBadge";
import { formatDay, formatNumber } from "../../lib/format";
import type { Channel } from "../../lib/types";
import type { VolumeRow } from "./volume";

interface Props {
  rows: VolumeRow[];
  channels: Channel[];
  /** Today, when the chart ends on it: marked, since its count is still growing. */
  partialDay?: string | null;
}

export function VolumeChart({ rows, channels, partialDay = null }: Props) {
  const dayLabel = (day: string) => `${formatDay(day)}${day === partialDay ? " (so far)" : ""}`;
  return (
    <AreaChart
      h={320}
      data={rows}
      dataKey="day"
      type="stacked"
      curveType="monotone"
      withDots={false}
      withLegend
      legendProps={{ verticalAlign: "bottom" }}
      fillOpacity={0.35}
      strokeWidth={1.5}
      series={channels.map((c) => ({
        name: c,
        label: CHANNEL_LABELS[c],
        // Shade 7: every channel line keeps 3:1 against the page (WCAG 1.4.11, non-text contrast).
        color: `${CHANNEL_COLORS[c]}.7`,
      }))}
      xAxisProps={{ tickFormatter: (value: string) => formatDay(value), minTickGap: 24 }}
      referenceLines={
        partialDay
          ? [
              {
                x: partialDay,
                label: "Today, so far",
                color: "gray.7",
                labelPosition: "insideTopRight",
              },
            ]
          : undefined
      }
      valueFormatter={(value) => formatNumber(value)}
      tooltipProps={{ labelFormatter: (label) => dayLabel(String(label)) }}
      aria-label="Conversation volume per day by channel"
      role="img"
    />
  );
}

import { LineChart } from "@mantine/charts";
import type { Message } from "../../lib/types";
import { formatSentimentScore } from "./AnalysisBadges";

interface Point {
  message: number;
  customer: number | null;
  agent: number | null;
}

/** One point per analysed message, by position in the transcript; each side is its own series. */
export function toSentimentPoints(messages: Message[]): Point[] {
  return [...messages]
    .sort((a, b) => a.seq - b.seq)
    .map((m, i) => {
      const score = m.analysis?.sentiment.score;
      const value = typeof score === "number" ? Math.round(score * 100) / 100 : null;
      return {
        message: i + 1,
        customer: m.role === "customer" ? value : null,
        agent: m.role === "agent" || m.role === "bot" ? value : null,
      };
    })
    .filter((p) => p.customer !== null || p.agent !== null);
}

export default function SentimentChart({
  messages,
  withAgent,
}: {
  messages: Message[];
  withAgent: boolean;
}) {
  const data = toSentimentPoints(messages).filter((p) => withAgent || p.customer !== null);
  return (
    <LineChart
      h={200}
      data={data}
      dataKey="message"
      connectNulls
      curveType="monotone"
      strokeWidth={2}
      withLegend
      legendProps={{ verticalAlign: "bottom", height: 24 }}
      series={[
        { name: "customer", label: "Customer", color: "orange.8" },
        ...(withAgent
          ? [{ name: "agent", label: "Agent", color: "indigo.6", strokeDasharray: "4 3" }]
          : []),
      ]}
      yAxisProps={{
        domain: [-1, 1],
        ticks: [-1, -0.5, 0, 0.5, 1],
        width: 32,
        tickFormatter: (v: number) => (v === 0 ? "0" : v > 0 ? `+${v}` : `−${-v}`),
      }}
      xAxisLabel="Message #"
      xAxisProps={{ allowDecimals: false }}
      referenceLines={[{ y: 0, color: "gray.5" }]}
      valueFormatter={(v) => formatSentimentScore(v)}
      tooltipProps={{ labelFormatter: (label) => `Message ${String(label)}` }}
      role="img"
      aria-label="Sentiment trajectory: sentiment of each message, from −1 to +1, in transcript order"
    />
  );
}

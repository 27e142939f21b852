import { LineChart } from "@mantine/charts";
import { Text } from "@mantine/core";
import type { Message } from "../../lib/types";
import { formatSentimentScore } from "./AnalysisBadges";
import { hasTrajectory, toSentimentPoints, type SentimentPoint } from "./sentiment-points";

/** What the panel says instead of a chart when there is no line to draw. */
function OnePointSummary({ points }: { points: SentimentPoint[] }) {
  const values = points.flatMap((p) => [
    ...(p.customer !== null
      ? [`the customer's message ${p.message}: ${formatSentimentScore(p.customer)}`]
      : []),
    ...(p.agent !== null
      ? [`the agent's message ${p.message}: ${formatSentimentScore(p.agent)}`]
      : []),
  ]);
  return (
    <Text size="sm" data-testid="sentiment-single">
      {values.length === 0
        ? "No message has been analysed yet."
        : `Too few messages for a trajectory: a line needs two messages from one side. Sentiment of ${values.join("; ")}.`}
    </Text>
  );
}

export default function SentimentChart({
  messages,
  withAgent,
}: {
  messages: Message[];
  withAgent: boolean;
}) {
  const data = toSentimentPoints(messages).filter((p) => withAgent || p.customer !== null);
  if (!hasTrajectory(data, withAgent)) return <OnePointSummary points={data} />;
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

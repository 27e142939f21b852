import { LineChart } from "@mantine/charts";
import { weekInProgress } from "../../lib/format";
import type { ContactReason } from "./insights.api";

/** Weekly conversations of one reason with its control limit; spike weeks are marked with a dot. */
export function ReasonTrendChart({ reason }: { reason: ContactReason }) {
  // The current week's count and limit cover only its days so far (the limit is scaled to them).
  const current = reason.trend.findLast((w) => weekInProgress(w.week));
  const data = reason.trend.map((w) => ({
    week: w === current ? `${w.week.slice(5)} (so far)` : w.week.slice(5),
    conversations: w.count,
    limit: Math.round(w.upperLimit * 10) / 10,
  }));
  const spikes = reason.trend.filter((w) => w.spike).map((w) => w.week);
  return (
    <LineChart
      // Below about 240 px recharts drops a y tick whose label it thinks would collide (0, 20, 40,
      // 80 with no 60), which reads as an uneven scale.
      h={240}
      // Room for the last week's "(so far)" label beside the one before it.
      lineChartProps={{ margin: { right: 36 } }}
      data={data}
      dataKey="week"
      curveType="linear"
      withLegend
      legendProps={{ verticalAlign: "bottom" }}
      series={[
        { name: "conversations", label: "Conversations", color: "blue.7" },
        { name: "limit", label: "Control limit", color: "red.7", strokeDasharray: "5 5" },
      ]}
      role="img"
      aria-label={`Weekly conversations for ${reason.name} against the control limit${
        spikes.length > 0 ? `; spike in the week of ${spikes.join(", ")}` : ""
      }${current ? `; the week of ${current.week} is still in progress` : ""}`}
    />
  );
}

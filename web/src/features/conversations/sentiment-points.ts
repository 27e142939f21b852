import type { Message } from "../../lib/types";

export interface SentimentPoint {
  message: number;
  customer: number | null;
  agent: number | null;
}

/** One point per analysed message, by position in the transcript; each side is its own series. */
export function toSentimentPoints(messages: Message[]): SentimentPoint[] {
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

/**
 * Whether the points make a trajectory: a line needs two points of one series. With fewer, a chart
 * would draw an empty frame (recharts draws no curve for a single point), so the panel states the
 * one value in words instead.
 */
export function hasTrajectory(points: SentimentPoint[], withAgent: boolean): boolean {
  const customer = points.filter((p) => p.customer !== null).length;
  const agent = withAgent ? points.filter((p) => p.agent !== null).length : 0;
  return customer >= 2 || agent >= 2;
}

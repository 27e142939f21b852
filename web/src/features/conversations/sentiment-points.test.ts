import { describe, expect, it } from "vitest";
import type { Message } from "../../lib/types";
import { hasTrajectory, toSentimentPoints } from "./sentiment-points";

function message(seq: number, role: Message["role"], score: number | null): Message {
  return {
    id: `m${seq}`,
    seq,
    role,
    text: "…",
    analysis: score === null ? null : { sentiment: { score } },
  } as unknown as Message;
}

describe("toSentimentPoints", () => {
  it("numbers points by transcript order and keeps each side in its own series", () => {
    const points = toSentimentPoints([
      message(2, "agent", 0.5),
      message(1, "customer", -0.333),
      message(3, "customer", null),
    ]);
    expect(points).toEqual([
      { message: 1, customer: -0.33, agent: null },
      { message: 2, customer: null, agent: 0.5 },
    ]);
  });
});

describe("hasTrajectory", () => {
  it("is false for a conversation with one customer message", () => {
    expect(hasTrajectory(toSentimentPoints([message(1, "customer", -0.4)]), true)).toBe(false);
  });

  it("is false for one message per side, a line needs two points of one series", () => {
    const points = toSentimentPoints([message(1, "customer", -0.4), message(2, "agent", 0.3)]);
    expect(hasTrajectory(points, true)).toBe(false);
  });

  it("counts agent messages only when the agent series is shown", () => {
    const points = toSentimentPoints([
      message(1, "customer", -0.4),
      message(2, "agent", 0.3),
      message(3, "agent", 0.6),
    ]);
    expect(hasTrajectory(points, true)).toBe(true);
    expect(hasTrajectory(points, false)).toBe(false);
  });

  it("is true for two customer messages", () => {
    const points = toSentimentPoints([message(1, "customer", -0.4), message(3, "customer", 0.2)]);
    expect(hasTrajectory(points, false)).toBe(true);
  });
});

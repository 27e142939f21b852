import { describe, expect, it } from "vitest";
import { buildMetricViews } from "./scorecards.service.ts";
import { MIN_VERDICT_N, type MetricSums } from "./stats.ts";

/** The sums of `n` conversations of one yes/no metric, `yes` of them 1, each expected at `e`. */
function shareSums(n: number, yes: number, e: number): MetricSums {
  return {
    n,
    sum: yes,
    sumSq: yes,
    sumExpected: n * e,
    sumResidualSq: yes * (1 - e) ** 2 + (n - yes) * e ** 2,
  };
}

const slaOf = (sums: MetricSums) =>
  buildMetricViews(new Map([["sla_compliance", sums]]), new Map([["sla_compliance", 0.975]])).find(
    (m) => m.key === "sla_compliance",
  )!;

describe("a scorecard's verdict against the org", () => {
  it("gives none on fewer conversations than the floor, however far the value is from the org's", () => {
    const one = slaOf(shareSums(1, 0, 0.975));
    // One breached case: the interval alone would call it clearly short.
    expect(one.adjustedCi95![1]).toBeLessThan(0.975);
    expect(one.significance).toBe("too_few");
    expect(slaOf(shareSums(MIN_VERDICT_N - 1, 0, 0.975)).significance).toBe("too_few");
  });

  it("says worse or better once there are enough", () => {
    expect(slaOf(shareSums(MIN_VERDICT_N, 0, 0.975)).significance).toBe("worse");
    expect(slaOf(shareSums(400, 400, 0.9)).significance).toBe("better");
    expect(slaOf(shareSums(40, 39, 0.975)).significance).toBe("as_expected");
  });
});

describe("a scorecard metric's scale", () => {
  it("is the values the metric can take, most null when unbounded", () => {
    const scales = new Map(buildMetricViews(new Map(), new Map()).map((m) => [m.key, m.scale]));
    expect(scales.get("predicted_satisfaction")).toEqual([1, 5]);
    expect(scales.get("qa_auto")).toEqual([0, 100]);
    expect(scales.get("ces")).toEqual([1, 7]);
    expect(scales.get("nps")).toEqual([-100, 100]);
    expect(scales.get("fcr")).toEqual([0, 1]);
    expect(scales.get("handle_minutes")).toEqual([0, null]);
  });
});

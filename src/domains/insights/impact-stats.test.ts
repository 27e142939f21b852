import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { differenceInDifferences, mean, proportion, riskRatio, verdictOf } from "./impact-stats.ts";
import { checkWeeks, weekStartOf } from "./spikes.ts";

describe("riskRatio", () => {
  it("puts the ratio inside its 95% interval for any counts", () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500), (a1, x1, a0, x0) => {
        const r = riskRatio(a1, a1 + x1 + 1, a0, a0 + x0 + 1);
        expect(r.ci95).not.toBeNull();
        expect(r.ci95![0]).toBeLessThanOrEqual(r.ratio! * (1 + 1e-9));
        expect(r.ci95![1]).toBeGreaterThanOrEqual(r.ratio! * (1 - 1e-9));
      }),
    );
  });
  it("matches the Katz interval computed by hand: exp(±1.96·√0.13)", () => {
    const r = riskRatio(10, 100, 20, 100);
    expect(r.ratio).toBeCloseTo(0.5, 9);
    expect(r.ci95![0]).toBeCloseTo(0.2466, 3);
    expect(r.ci95![1]).toBeCloseTo(1.0136, 3);
  });
});

describe("proportion and mean", () => {
  it("keeps Wilson intervals within [0, 1]", () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (s, f) => {
        const p = proportion(s, s + f + 1);
        expect(p.ci95![0]).toBeGreaterThanOrEqual(0);
        expect(p.ci95![1]).toBeLessThanOrEqual(1);
      }),
    );
  });
  it("gives no estimate without data", () => {
    expect(mean(0, 0, 0).value).toBeNull();
    expect(proportion(0, 0).ci95).toBeNull();
  });
});

describe("verdictOf", () => {
  it("calls a large, surely-below-1 drop worked and a flat rate did not work", () => {
    const worked = riskRatio(13, 1818, 90, 1755);
    expect(verdictOf(worked, differenceInDifferences(90, 13, 1665, 1805))).toBe("worked");
    const flat = riskRatio(880, 18000, 800, 17000);
    expect(verdictOf(flat, differenceInDifferences(800, 880, 16200, 17120))).toBe("did_not_work");
    const few = riskRatio(2, 100, 4, 100);
    expect(verdictOf(few, differenceInDifferences(4, 2, 96, 98))).toBe("inconclusive");
  });
});

describe("checkWeeks", () => {
  const week = (w: number) => weekStartOf(new Date(Date.UTC(2026, 0, 5 + 7 * w)));
  const days = (counts: number[]) =>
    counts.flatMap((c, w) =>
      Array.from({ length: 7 }, (_, d) => ({
        week: week(w),
        weekday: d,
        reason: d === 0 ? c : 0,
        total: 100,
      })),
    );
  it("flags a week far above the reason's own history and not an ordinary one", () => {
    const checks = checkWeeks(days([5, 6, 4, 5, 6, 5, 40]));
    expect(checks.at(-1)!.spike).toBe(true);
    expect(checks.slice(0, -1).every((c) => !c.spike)).toBe(true);
  });
  it("does not flag a busier week whose share is normal", () => {
    const base = days([5, 6, 4, 5, 6, 5]);
    const busy = Array.from({ length: 7 }, (_, d) => ({
      week: week(6),
      weekday: d,
      reason: d === 0 ? 20 : 0,
      total: 400,
    }));
    expect(checkWeeks([...base, ...busy]).at(-1)!.spike).toBe(false);
  });
  it("never flags without history", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { maxLength: 3 }), (counts) => {
        expect(checkWeeks(days(counts))).toEqual([]);
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meanAbsoluteError, meanWithCi, ranks, spearman } from "./stats.ts";

describe("survey statistics", () => {
  it("ranks ties by their average rank", () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it("gives Spearman 1 for a monotone relation and -1 for a reversed one", () => {
    const up = [1, 2, 3, 4, 5].map((x) => [x, x * x] as const);
    expect(spearman(up)).toBeCloseTo(1);
    expect(spearman(up.map(([x, y]) => [x, -y] as const))).toBeCloseTo(-1);
    expect(
      spearman([
        [1, 1],
        [2, 1],
      ]),
    ).toBeNull();
  });

  it("keeps Spearman within [-1, 1] and symmetric", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), {
          minLength: 2,
          maxLength: 50,
        }),
        (pairs) => {
          const r = spearman(pairs);
          if (r === null) return;
          expect(Math.abs(r)).toBeLessThanOrEqual(1 + 1e-9);
          expect(spearman(pairs.map(([a, b]) => [b, a] as const))).toBeCloseTo(r);
        },
      ),
    );
  });

  it("computes MAE and a confidence interval around the mean", () => {
    expect(
      meanAbsoluteError([
        [1, 2],
        [5, 3],
      ]),
    ).toBe(1.5);
    const ci = meanWithCi([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.low).toBeLessThan(3);
    expect(ci.high).toBeCloseTo(6 - ci.low);
  });
});

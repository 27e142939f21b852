import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareMeans,
  estimate,
  meanInterval,
  rankRanges,
  tQuantile975,
  wilsonInterval,
  type MetricSums,
} from "./stats.ts";

const values = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), {
  minLength: 2,
  maxLength: 60,
});

function sumsOf(ys: number[], es: number[]): MetricSums {
  return {
    n: ys.length,
    sum: ys.reduce((a, b) => a + b, 0),
    sumSq: ys.reduce((a, b) => a + b * b, 0),
    sumExpected: es.reduce((a, b) => a + b, 0),
    sumResidualSq: ys.reduce((a, y, i) => a + (y - es[i]!) ** 2, 0),
  };
}

describe("meanInterval", () => {
  it("contains the mean and narrows as the same data is repeated", () => {
    fc.assert(
      fc.property(values, (ys) => {
        const s = sumsOf(ys, ys);
        const [lo, hi] = meanInterval(s.n, s.sum, s.sumSq);
        const mean = s.sum / s.n;
        expect(lo).toBeLessThanOrEqual(mean + 1e-9);
        expect(hi).toBeGreaterThanOrEqual(mean - 1e-9);
        const twice = [...ys, ...ys];
        const s2 = sumsOf(twice, twice);
        const [lo2, hi2] = meanInterval(s2.n, s2.sum, s2.sumSq);
        expect(hi2 - lo2).toBeLessThanOrEqual(hi - lo + 1e-9);
      }),
    );
  });
});

describe("tQuantile975", () => {
  it("falls with the degrees of freedom towards 1.96", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (df) => {
        expect(tQuantile975(df)).toBeGreaterThanOrEqual(tQuantile975(df + 1));
        expect(tQuantile975(df)).toBeGreaterThan(1.959);
      }),
    );
    expect(tQuantile975(30)).toBeCloseTo(2.042, 2);
  });
});

describe("wilsonInterval", () => {
  it("stays inside [0, 1] and contains the observed share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const k = Math.round(share * n);
          const [lo, hi] = wilsonInterval(k, n);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(1);
          expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
          expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
        },
      ),
    );
  });
});

describe("estimate", () => {
  it("adjusts to the org mean exactly when a person does what their case mix predicts", () => {
    fc.assert(
      fc.property(values, fc.double({ min: -50, max: 50, noNaN: true }), (es, orgMean) => {
        const e = estimate(sumsOf(es, es), orgMean, false);
        expect(e.adjusted).toBeCloseTo(orgMean, 6);
        expect(e.value).toBeCloseTo(e.expected!, 6);
      }),
    );
  });

  it("moves the adjusted value one for one with a constant lift over expected", () => {
    fc.assert(
      fc.property(values, fc.double({ min: -20, max: 20, noNaN: true }), (es, lift) => {
        const ys = es.map((e) => e + lift);
        const e = estimate(sumsOf(ys, es), 0, false);
        expect(e.adjusted).toBeCloseTo(lift, 6);
        // No spread in the residuals: the adjusted interval collapses onto the value. Rounding in
        // the sums of squares leaves a width of order √ε·|y| (1.05e-5 for values near 100, seen
        // in CI); the spread of the values themselves would give widths of tens.
        expect(e.adjustedCi95![1] - e.adjustedCi95![0]).toBeLessThan(1e-3);
      }),
    );
  });

  it("collapses the interval within rounding for the counterexample CI drew", () => {
    const es = [0, 99.99999999964517];
    const lift = 19.99999999994524;
    const e = estimate(
      sumsOf(
        es.map((x) => x + lift),
        es,
      ),
      0,
      false,
    );
    expect(e.adjusted).toBeCloseTo(lift, 6);
    expect(e.adjustedCi95![1] - e.adjustedCi95![0]).toBeLessThan(1e-3);
  });

  it("never collapses the interval of a yes/no metric, even when every conversation went one way", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (n, share, rate) => {
          const k = Math.round(share * n);
          const ys = Array.from({ length: n }, (_, i) => (i < k ? 1 : 0));
          const e = estimate(sumsOf(ys, Array<number>(n).fill(rate)), 0.8, true);
          const [lo, hi] = e.adjustedCi95!;
          expect(hi - lo).toBeGreaterThan(0);
          expect(lo).toBeLessThanOrEqual(e.adjusted! + 1e-12);
          expect(hi).toBeGreaterThanOrEqual(e.adjusted! - 1e-12);
          // Within 0–100 % unless the adjusted value itself is outside.
          expect(lo).toBeGreaterThanOrEqual(Math.min(0, e.adjusted!));
          expect(hi).toBeLessThanOrEqual(Math.max(1, e.adjusted!));
        },
      ),
    );
    // 17 of 17 within SLA, as the org expects: "at least about 82 %", not "exactly 100 %".
    const all = estimate(sumsOf(Array<number>(17).fill(1), Array<number>(17).fill(1)), 1, true);
    expect(all.adjustedCi95![1]).toBeCloseTo(1, 9);
    expect(all.adjustedCi95![0]).toBeLessThan(0.85);
  });

  it("reports no interval from a single conversation", () => {
    expect(estimate(sumsOf([4], [3]), 3.5, false).adjustedCi95).toBeNull();
    expect(estimate(sumsOf([4], [3]), 3.5, false, [1, 5]).ci95).toBeNull();
  });

  it("keeps a mean's interval on the metric's scale, and contains the value", () => {
    const scale = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), {
      minLength: 2,
      maxLength: 30,
    });
    fc.assert(
      fc.property(scale, scale, fc.double({ min: 0, max: 100, noNaN: true }), (ys, es, orgMean) => {
        const n = Math.min(ys.length, es.length);
        const e = estimate(sumsOf(ys.slice(0, n), es.slice(0, n)), orgMean, false, [0, 100]);
        const [lo, hi] = e.ci95!;
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(100);
        expect(lo).toBeLessThanOrEqual(e.value! + 1e-9);
        expect(hi).toBeGreaterThanOrEqual(e.value! - 1e-9);
        const [alo, ahi] = e.adjustedCi95!;
        expect(alo).toBeGreaterThanOrEqual(Math.min(0, e.adjusted!));
        expect(ahi).toBeLessThanOrEqual(Math.max(100, e.adjusted!));
      }),
    );
    // Four human reviews, two at 0 and two at 100: the t interval alone reads −42–142.
    const four = estimate(sumsOf([0, 100, 0, 100], [50, 50, 50, 50]), 50, false, [0, 100]);
    expect(four.ci95).toEqual([0, 100]);
    expect(estimate(sumsOf([0, 100, 0, 100], [50, 50, 50, 50]), 50, false).ci95![0]).toBeLessThan(
      0,
    );
  });
});

describe("rankRanges", () => {
  it("gives everyone the full range when all intervals overlap", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (centres) => {
          const items = centres.map((c, i) => ({
            id: String(i),
            interval: [c - 2, c + 2] as [number, number],
          }));
          for (const r of rankRanges(items, true).values())
            expect(r).toEqual({ best: 1, worst: items.length });
        },
      ),
    );
  });

  it("never ranks someone above a person whose interval lies wholly above theirs", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 100, noNaN: true }),
            fc.double({ min: 0, max: 10, noNaN: true }),
          ),
          {
            minLength: 2,
            maxLength: 20,
          },
        ),
        (pairs) => {
          const items = pairs.map(([c, h], i) => ({
            id: String(i),
            interval: [c - h, c + h] as [number, number],
          }));
          const ranks = rankRanges(items, true);
          for (const a of items) {
            for (const b of items) {
              if (b.interval[0] > a.interval[1]) {
                expect(ranks.get(b.id)!.worst).toBeLessThan(ranks.get(a.id)!.best + items.length);
                expect(ranks.get(b.id)!.best).toBeLessThan(ranks.get(a.id)!.best);
              }
            }
            const r = ranks.get(a.id)!;
            expect(r.best).toBeGreaterThanOrEqual(1);
            expect(r.worst).toBeLessThanOrEqual(items.length);
            expect(r.best).toBeLessThanOrEqual(r.worst);
          }
        },
      ),
    );
  });
});

describe("compareMeans", () => {
  it("is antisymmetric and finds a clear drop significant", () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        const x = compareMeans(
          sumsOf(
            a,
            a.map(() => 0),
          ),
          sumsOf(
            b,
            b.map(() => 0),
          ),
          true,
        );
        const y = compareMeans(
          sumsOf(
            b,
            b.map(() => 0),
          ),
          sumsOf(
            a,
            a.map(() => 0),
          ),
          true,
        );
        expect(x!.difference).toBeCloseTo(-y!.difference, 6);
      }),
    );
    const before = Array.from({ length: 40 }, (_, i) => 80 + (i % 5));
    const after = Array.from({ length: 40 }, (_, i) => 60 + (i % 5));
    const cmp = compareMeans(
      sumsOf(
        before,
        before.map(() => 0),
      ),
      sumsOf(
        after,
        after.map(() => 0),
      ),
      true,
    )!;
    expect(cmp.pWorse).toBeLessThan(0.01);
    expect(cmp.ci95[1]).toBeLessThan(0);
  });
});

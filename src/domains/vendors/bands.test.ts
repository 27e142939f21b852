import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessLevel, bandFor, shortfallOf, totalCredit, type CreditBand } from "./bands.ts";

/** Contiguous bands with non-decreasing credit, as contracts write them. */
const arbBands: fc.Arbitrary<CreditBand[]> = fc
  .array(
    fc.record({ width: fc.integer({ min: 1, max: 20 }), step: fc.integer({ min: 0, max: 5 }) }),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map((parts) => {
    let from = 0;
    let credit = 0;
    return parts.map((p, i) => {
      credit += p.step;
      const band = {
        from,
        to: i === parts.length - 1 ? null : from + p.width,
        creditPercent: credit,
      };
      from += p.width;
      return band;
    });
  });
const arbLevel = fc.record({
  direction: fc.constantFrom("higher" as const, "lower" as const),
  target: fc.integer({ min: 0, max: 100 }),
  bands: arbBands,
});
const arbActual = fc.double({ min: 0, max: 100, noNaN: true });

describe("penalty bands", () => {
  it("owe nothing when the level is met", () => {
    fc.assert(
      fc.property(arbLevel, (level) => {
        expect(assessLevel(level, level.target).creditPercent).toBe(0);
        const better = level.direction === "higher" ? level.target + 1 : level.target - 1;
        expect(assessLevel(level, better).creditPercent).toBe(0);
      }),
    );
  });

  it("never owe less for a worse result", () => {
    fc.assert(
      fc.property(arbLevel, arbActual, arbActual, (level, a, b) => {
        const ca = assessLevel(level, a);
        const cb = assessLevel(level, b);
        const aWorse = level.direction === "higher" ? a <= b : a >= b;
        if (aWorse) expect(ca.creditPercent).toBeGreaterThanOrEqual(cb.creditPercent);
        else expect(cb.creditPercent).toBeGreaterThanOrEqual(ca.creditPercent);
      }),
    );
  });

  it("put every positive shortfall of contiguous bands in exactly one band", () => {
    fc.assert(
      fc.property(arbBands, fc.double({ min: 1e-6, max: 500, noNaN: true }), (bands, s) => {
        const hits = bands.filter((b) => s > b.from && (b.to === null || s <= b.to));
        expect(hits).toHaveLength(1);
        expect(bandFor(bands, s)).toEqual(hits[0]);
      }),
    );
  });

  it("cap the month's total and never go negative", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (credits, cap, fee) => {
          const t = totalCredit(credits, cap, fee);
          expect(t.percent).toBeLessThanOrEqual(cap);
          expect(t.percent).toBeGreaterThanOrEqual(0);
          expect(t.amount).toBeLessThanOrEqual((fee * cap) / 100 + 0.005);
          expect(t.capped).toBe(credits.reduce((x, y) => x + y, 0) > cap);
        },
      ),
    );
  });

  it("measures shortfall in the metric's direction", () => {
    expect(shortfallOf("higher", 80, 74.5)).toBe(5.5);
    expect(shortfallOf("lower", 5, 7.25)).toBe(2.25);
    expect(shortfallOf("lower", 5, 3)).toBe(0);
    expect(totalCredit([2, 5], 10, 120_000)).toEqual({ percent: 7, amount: 8400, capped: false });
  });
});

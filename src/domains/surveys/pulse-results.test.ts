import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enpsOf, summarisePulse } from "./pulse-results.ts";

const answer = fc.record({
  teamId: fc.constantFrom(null, "t1", "t2", "t3", "t4"),
  score: fc.integer({ min: 0, max: 10 }),
  comment: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
});

describe("summarisePulse", () => {
  it("computes eNPS as promoters minus detractors in percent", () => {
    expect(enpsOf([10, 9, 8, 7, 0, 3], 5)).toEqual({
      n: 6,
      enps: 0,
      promoters: 2,
      passives: 2,
      detractors: 2,
    });
    expect(enpsOf([10, 10, 10, 10], 5).enps).toBeNull();
  });

  it("never shows a group, or the difference between the total and the shown groups, under the minimum", () => {
    fc.assert(
      fc.property(
        fc.array(answer, { maxLength: 60 }),
        fc.integer({ min: 2, max: 8 }),
        (answers, min) => {
          const r = summarisePulse(answers, new Map(), min);
          if (answers.length < min) {
            expect(r.overall.enps).toBeNull();
            expect(r.groups).toEqual([]);
            expect(r.comments).toEqual([]);
            return;
          }
          for (const g of r.groups) expect(g.n).toBeGreaterThanOrEqual(min);
          expect(r.groups.reduce((n, g) => n + g.n, 0)).toBe(answers.length);
        },
      ),
    );
  });

  it("merges a small team with the smallest shown one rather than let it be subtracted out", () => {
    const answers = [
      ...Array.from({ length: 7 }, () => ({ teamId: "big", score: 10, comment: null })),
      ...Array.from({ length: 5 }, () => ({ teamId: "mid", score: 0, comment: null })),
      ...Array.from({ length: 2 }, () => ({ teamId: "tiny", score: 0, comment: "b" })),
    ];
    const r = summarisePulse(answers, new Map([["big", "Big"]]), 5);
    expect(r.groups.map((g) => [g.label, g.n, g.merged])).toEqual([
      ["Big", 7, false],
      ["Other teams", 7, true],
    ]);
    expect(r.comments).toEqual(["b", "b"]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupBy } from "./group-by.ts";

describe("groupBy", () => {
  it("keeps every row once, in its order within its group, groups in first-seen order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), (xs) => {
        const groups = groupBy(xs, (x) => x % 7);
        expect([...groups.keys()]).toEqual([...new Set(xs.map((x) => x % 7))]);
        for (const [k, rows] of groups) expect(rows).toEqual(xs.filter((x) => x % 7 === k));
      }),
    );
  });
});

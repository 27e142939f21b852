import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitByRarity } from "./term-rarity.ts";

const termCounts = fc.uniqueArray(
  fc.record({ word: fc.stringMatching(/^[a-z]{3,8}$/), articles: fc.nat({ max: 5_000 }) }),
  { selector: (t) => t.word, maxLength: 24 },
);

describe("splitByRarity", () => {
  it("keeps every word once, takes at least one, and never a commoner word before a rarer one", () => {
    fc.assert(
      fc.property(termCounts, fc.integer({ min: 1, max: 2_000 }), (terms, budget) => {
        const { rare, common } = splitByRarity(terms, budget);
        expect([...rare, ...common].sort()).toEqual(terms.map((t) => t.word).sort());
        if (terms.length > 0) expect(rare.length).toBeGreaterThan(0);
        const count = new Map(terms.map((t) => [t.word, t.articles]));
        const maxRare = Math.max(...rare.map((w) => count.get(w)!));
        for (const w of common) expect(count.get(w)!).toBeGreaterThanOrEqual(maxRare);
      }),
    );
  });

  it("stays within the budget unless the rarest word alone exceeds it", () => {
    fc.assert(
      fc.property(termCounts, fc.integer({ min: 1, max: 2_000 }), (terms, budget) => {
        const { rare } = splitByRarity(terms, budget);
        const count = new Map(terms.map((t) => [t.word, t.articles]));
        const total = rare.reduce((n, w) => n + count.get(w)!, 0);
        if (rare.length > 1) expect(total).toBeLessThanOrEqual(budget);
      }),
    );
  });

  it("leaves nothing out when all the words together fit the budget", () => {
    fc.assert(
      fc.property(termCounts, (terms) => {
        const total = terms.reduce((n, t) => n + t.articles, 0);
        expect(splitByRarity(terms, Math.max(total, 1)).common).toEqual([]);
      }),
    );
  });

  it("puts the customer's rare words first and the words most articles share aside", () => {
    expect(
      splitByRarity(
        [
          { word: "refund", articles: 2_130 },
          { word: "twice", articles: 1 },
          { word: "order", articles: 2_233 },
          { word: "want", articles: 1 },
        ],
        400,
      ),
    ).toEqual({ rare: ["twice", "want"], common: ["refund", "order"] });
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { truncatedSvd } from "./svd.ts";
import { buildVocabulary, vectorizeTerms } from "./sparse.ts";
import { textTerms } from "./text-features.ts";
import { clusterTopics, labelTerms } from "./topics.ts";

const PHRASINGS = {
  activation: [
    "I never received the activation code for my card",
    "activation code text did not arrive, cannot activate card",
    "my card activation code is invalid",
  ],
  refund: [
    "I want my refund for the returned order",
    "my refund for the returned order is still not paid",
    "how long does a refund for a returned order take",
  ],
  password: [
    "I cannot reset my password",
    "password reset link expired",
    "locked out, password reset not accepted",
  ],
};

/** A quiet week: three reasons, a few phrasings each, repeated many times. */
const WEEK = Object.entries(PHRASINGS).flatMap(([reason, texts], r) =>
  Array.from({ length: [41, 60, 20][r]! }, (_, i) => ({ reason, text: texts[i % 3]! })),
);

/** Whether two labelings put the same items together (labels themselves may differ). */
function samePartition(a: string[], b: number[]): boolean {
  const map = new Map<string, number>();
  const used = new Map<number, string>();
  return a.every((label, i) => {
    const mine = map.get(label) ?? b[i]!;
    const theirs = used.get(b[i]!) ?? label;
    map.set(label, mine);
    used.set(b[i]!, theirs);
    return mine === b[i] && theirs === label;
  });
}

describe("clusterTopics", () => {
  it("finds the same three reasons whatever order a quiet week's repeated texts arrive in", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(WEEK, { minLength: WEEK.length }), (week) => {
        const fit = clusterTopics(
          week.map((w) => w.text),
          { k: 3 },
        );
        expect(
          samePartition(
            week.map((w) => w.reason),
            fit.assignments,
          ),
        ).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("names topics in the words the texts use, not their stems, and skips spoken fillers", () => {
    const texts = WEEK.map((w) =>
      w.reason === "refund" ? `uh huh, mm ${w.text}, Ms. Hawkings` : w.text,
    );
    const fit = clusterTopics(texts, { k: 3 });
    const activation = fit.topics[fit.assignments[0]!]!;
    expect(activation.label).toMatch(/\bactivation\b/);
    expect(activation.terms).toContain("activation code");
    const all = fit.topics.flatMap((t) => [t.label, ...t.terms]).join(" ");
    expect(all).not.toMatch(/\b(activat|cod|deliveri|uh|huh|mm|ms|hawkings)\b/);
  });
});

describe("truncatedSvd", () => {
  it("keeps no direction past the matrix's rank, so few distinct texts embed without noise", () => {
    const docs = WEEK.map((w) => textTerms(w.text));
    const vocab = buildVocabulary(docs, 1, 1000);
    const rows = docs.map((d) => vectorizeTerms(d, vocab));
    const m = vocab.terms.length;
    const comps = truncatedSvd(rows, m, m, 1);
    const kept = comps.cols;
    // Nine distinct texts span at most nine directions.
    expect(kept).toBeLessThanOrEqual(9);
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(comps.data.every((v) => Number.isFinite(v) && Math.abs(v) < 1e3)).toBe(true);
  });
});

describe("labelTerms", () => {
  const counts: Record<string, number> = {
    top: 40,
    up: 38,
    "top up": 36,
    limit: 20,
    "limit top": 4,
  };
  const count = (term: string) => counts[term] ?? 0;

  it("names a topic by the phrase its customers say, not its words apart", () => {
    expect(labelTerms(["top", "limit", "up", "top up", "limit top"], count)).toEqual([
      "top up",
      "limit",
    ]);
  });

  it("keeps a word when the topic rarely says the phrase holding it", () => {
    expect(labelTerms(["limit", "limit top", "top"], count)).toEqual(["limit", "top"]);
  });

  it("never names a topic by a particle alone", () => {
    expect(labelTerms(["up", "card"], count)).toEqual(["card"]);
  });

  it("gives at most three terms, none sharing a word, each one of the given terms", () => {
    const word = fc.constantFrom("card", "top", "up", "pin", "lost", "fee", "rate");
    const term = fc.oneof(
      word,
      fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
    );
    fc.assert(
      fc.property(fc.uniqueArray(term, { maxLength: 8 }), fc.nat(50), (terms, n) => {
        const picked = labelTerms(terms, (t) => (t.length * 7 + n) % 50);
        expect(picked.length).toBeLessThanOrEqual(3);
        for (const p of picked) expect(terms).toContain(p);
        const words = picked.flatMap((p) => [...new Set(p.split(" "))]);
        expect(new Set(words).size).toBe(words.length);
      }),
    );
  });
});

describe("textTerms", () => {
  it("drops redaction placeholders: they say what was removed, not why the customer wrote", () => {
    expect(textTerms("track purchase [PHONE] paid with [CARD]")).toEqual([
      "track",
      "purchas",
      "paid",
      "track purchas",
      "purchas paid",
    ]);
  });
});

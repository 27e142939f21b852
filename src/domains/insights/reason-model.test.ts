import { describe, expect, it } from "vitest";
import { clusterTopics, createTopicAssigner } from "../../analysis/topics/index.ts";
import { loadWordVectors } from "../../lib/word-vectors.ts";
import { blendParts, createReasonAssigner, topicPart } from "./reason-model.ts";

const words = loadWordVectors();
const phrasings = {
  refund: ["I want a refund for my order", "refund for the returned order not paid"],
  password: ["I cannot reset my password", "password reset link expired"],
  delivery: ["my parcel delivery is late", "delivery of the parcel never came"],
};
const texts = Object.values(phrasings).flatMap((p) =>
  Array.from({ length: 20 }, (_, i) => p[i % 2]!),
);
const fit = clusterTopics(texts, { k: 3, wordVectors: words });
const idf = Object.fromEntries(fit.model.terms.map((t, i) => [t, fit.model.idf[i]!]));
const stored = fit.topics.map((_, j) => ({ id: `r${j}`, ...topicPart(fit.model, j) }));
const reasonOf = (r: keyof typeof phrasings) =>
  `r${fit.assignments[texts.indexOf(phrasings[r][0]!)]}`;

describe("stored contact reasons with word vectors", () => {
  const assign = createReasonAssigner(idf, stored, { words, space: fit.model.vectors! });

  it("keep each reason's vector half, scaled like its term weights", () => {
    for (const r of stored) {
      expect(r.vector).toHaveLength(words.dims);
      const norm = Math.hypot(...Object.values(r.weights));
      expect(norm).toBeCloseTo(1, 6);
    }
  });

  it("assign as the fitted model does, and a phrasing sharing no term through its words", () => {
    const dense = createTopicAssigner(fit.model, words);
    for (const t of texts) expect(assign(t)).toBe(`r${dense(t)}`);
    expect(assign("reimburse me the money")).toBe(reasonOf("refund"));
    expect(assign("courier lost the package")).toBe(reasonOf("delivery"));
    // Without the vectors that message shares nothing with the reasons.
    expect(createReasonAssigner(idf, stored)("reimburse me the money")).toBeNull();
    expect(assign("zzzz qqqq")).toBeNull();
  });

  it("merge two reasons into one that takes both reasons' messages, words included", () => {
    const refund = stored.find((r) => r.id === reasonOf("refund"))!;
    const delivery = stored.find((r) => r.id === reasonOf("delivery"))!;
    const merged = { id: "merged", ...blendParts([refund, delivery]) };
    expect(merged.vector![0]).toBeCloseTo(
      (refund.vector![0]! + delivery.vector![0]!) / Math.hypot(...blendedTerms(refund, delivery)),
      9,
    );
    const password = stored.find((r) => r.id === reasonOf("password"))!;
    const after = createReasonAssigner(idf, [merged, password], {
      words,
      space: fit.model.vectors!,
    });
    expect(after("reimburse me the money")).toBe("merged");
    expect(after("courier lost the package")).toBe("merged");
    expect(after("I cannot reset my password")).toBe(password.id);
  });

  it("ignore the vectors of a model stored without a vector space", () => {
    const plain = createReasonAssigner(idf, stored);
    const termsOnly = createReasonAssigner(
      idf,
      stored.map(({ id, weights }) => ({ id, weights })),
      { words, space: fit.model.vectors! },
    );
    for (const t of texts) expect(termsOnly(t)).toBe(plain(t));
  });
});

/** The summed term weights of two reasons (all of them: fewer than the 400 kept per reason). */
function blendedTerms(...parts: Array<{ weights: Record<string, number> }>): number[] {
  const sum = new Map<string, number>();
  for (const p of parts)
    for (const [t, w] of Object.entries(p.weights)) sum.set(t, (sum.get(t) ?? 0) + w);
  return [...sum.values()].filter((w) => w > 0);
}

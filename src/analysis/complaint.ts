/**
 * Complaint probability of a customer message: a logistic model over the sentiment rule layer and
 * unigrams, fitted on permissive data (BANKING77 problem reports, Bitext `complaint`, GoEmotions
 * annoyance/disappointment/disapproval/anger; see scripts/train-analysis.ts).
 */
import complaintModelJson from "./models/complaint.json" with { type: "json" };
import { computeValence } from "./sentiment-rules.ts";
import {
  applyLink,
  denseFeatures,
  linearScores,
  loadLinearModel,
  type Contribution,
  type LinearModelJson,
} from "./linear-model.ts";
import type { Evidence } from "./types.ts";
import type { Token } from "./text/tokenize.ts";
import type { ValenceResult } from "./sentiment-rules.ts";

const MODEL = loadLinearModel(complaintModelJson as LinearModelJson);

/** Probability at or above which a message is treated as a complaint. */
export const COMPLAINT_THRESHOLD = 0.5;

/**
 * Probability in [0, 1] that the message is a complaint (reports a problem or a breach of
 * expectations). Pass `valence` when the sentiment rule layer already ran for these tokens.
 *
 * @example
 * const text = "@acme my order still hasn't arrived, 3 weeks now";
 * scoreComplaint(tokenize(text), text) > COMPLAINT_THRESHOLD; // true
 */
export function scoreComplaint(tokens: Token[], text: string, valence?: ValenceResult): number {
  return scoreComplaintDetail(tokens, text, valence).probability;
}

/** Probability plus the words that pushed it up most, as evidence spans. */
export function scoreComplaintDetail(
  tokens: Token[],
  text: string,
  valence: ValenceResult = computeValence(tokens, "customer"),
): { probability: number; evidence: Evidence[] } {
  const explain: Contribution[] = [];
  const z = linearScores(MODEL, tokens, valence.negated, denseFeatures(tokens, valence), explain);
  const p = applyLink(MODEL, z)[0] ?? 0;
  const probability = Number.isFinite(p) ? Math.round(p * 1000) / 1000 : 0;
  const evidence = explain
    .filter((c) => (c.weights[0] ?? 0) > 0.5)
    .sort((a, b) => (b.weights[0] ?? 0) - (a.weights[0] ?? 0))
    .slice(0, 3)
    .map((c) => {
      const t = tokens[c.token] as Token;
      return { start: t.start, end: t.end, text: text.slice(t.start, t.end) };
    })
    .sort((a, b) => a.start - b.start);
  return { probability, evidence };
}

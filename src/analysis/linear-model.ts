/**
 * Small explainable linear models over lexicon features and unigrams.
 *
 * A model is plain JSON produced by `scripts/train-analysis.ts`: one weight vector per output for
 * each vocabulary word (negated words carry a "¬" prefix) and for each dense feature. Scoring is a
 * Map lookup per token, so every contribution can be reported as a term with offsets.
 */
import type { Token } from "./text/tokenize.ts";
import type { ValenceResult } from "./sentiment-rules.ts";

/** Serialised model, as written by the training script. */
export interface LinearModelJson {
  outputs: string[];
  /** "softmax" (mutually exclusive classes) or "sigmoid" (independent outputs). */
  link: "softmax" | "sigmoid";
  bias: number[];
  dense: Record<string, number[]>;
  vocab: Record<string, number[]>;
}

export interface LinearModel {
  outputs: readonly string[];
  link: "softmax" | "sigmoid";
  bias: Float64Array;
  dense: ReadonlyMap<string, Float64Array>;
  vocab: ReadonlyMap<string, Float64Array>;
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
] as const;
export type DenseName = (typeof DENSE_FEATURES)[number];

export const NEGATED_PREFIX = "¬";

export function loadLinearModel(json: LinearModelJson): LinearModel {
  const toVec = (v: number[]) => Float64Array.from(v);
  return {
    outputs: json.outputs,
    link: json.link,
    bias: toVec(json.bias),
    dense: new Map(Object.entries(json.dense).map(([k, v]) => [k, toVec(v)])),
    vocab: new Map(Object.entries(json.vocab).map(([k, v]) => [k, toVec(v)])),
  };
}

/** The model key of a token: its norm (negated words prefixed), or undefined for punctuation. */
export function featureKey(token: Token, negated: boolean): string | undefined {
  if (token.kind === "punct") return undefined;
  const base = token.kind === "number" ? "<num>" : token.norm;
  return negated ? NEGATED_PREFIX + base : base;
}

/** Dense features shared by every model, derived from the rule layer. */
export function denseFeatures(tokens: Token[], valence: ValenceResult): Float64Array {
  let pos = 0;
  let neg = 0;
  for (const h of valence.hits) {
    if (h.weight > 0) pos += h.weight;
    else neg -= h.weight;
  }
  let words = 0;
  let caps = 0;
  for (const t of tokens) {
    if (t.kind === "word") {
      words++;
      if (t.caps) caps++;
    }
  }
  const s = valence.sum;
  const out = new Float64Array(DENSE_FEATURES.length);
  out[0] = Math.log1p(pos);
  out[1] = Math.log1p(neg);
  out[2] = s / Math.sqrt(s * s + 15);
  out[3] = Math.min(valence.exclamations, 3) / 3;
  out[4] = Math.min(valence.questions, 2) / 2;
  out[5] = valence.sarcasm ? 1 : 0;
  out[6] = words > 0 && caps >= 2 ? caps / words : 0;
  out[7] = Math.log1p(words) / 4;
  return out;
}

/** Per-token contribution collected when `explain` is requested. */
export interface Contribution {
  token: number;
  weights: Float64Array;
}

/**
 * Linear scores (before the link) for each output. Each distinct key counts once per message, as in
 * training (binary bag of words). When `explain` is given, token contributions are pushed to it.
 */
export function linearScores(
  model: LinearModel,
  tokens: Token[],
  negated: Uint8Array,
  dense: Float64Array,
  explain?: Contribution[],
): Float64Array {
  const k = model.outputs.length;
  const z = Float64Array.from(model.bias);
  for (let d = 0; d < DENSE_FEATURES.length; d++) {
    const x = dense[d] ?? 0;
    if (x === 0) continue;
    const w = model.dense.get(DENSE_FEATURES[d] as string);
    if (w === undefined) continue;
    for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + x * (w[c] ?? 0);
  }
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const key = featureKey(tokens[i] as Token, negated[i] === 1);
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    const w = model.vocab.get(key);
    if (w === undefined) continue;
    for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + (w[c] ?? 0);
    if (explain !== undefined) explain.push({ token: i, weights: w });
  }
  return z;
}

/** Applies the model's link to linear scores, in place. */
export function applyLink(model: LinearModel, z: Float64Array): Float64Array {
  if (model.link === "sigmoid") {
    for (let c = 0; c < z.length; c++) z[c] = 1 / (1 + Math.exp(-(z[c] ?? 0)));
    return z;
  }
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let total = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp((z[c] ?? 0) - max);
    z[c] = e;
    total += e;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] ?? 0) / total;
  return z;
}

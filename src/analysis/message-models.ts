/**
 * Runs the three fitted linear models (sentiment, emotions, complaint) in a single pass.
 *
 * Their vocabularies are merged at load into one Map from feature key to a 12-wide weight vector,
 * so each token costs one lookup for all models. The result is cached per token array (WeakMap),
 * so `scoreSentiment`, `scoreEmotions`, `scoreComplaint` and `scorePoliteness` on the same tokens
 * share one rule-layer and model pass.
 */
import sentimentJson from "./models/sentiment.json" with { type: "json" };
import emotionsJson from "./models/emotions.json" with { type: "json" };
import complaintJson from "./models/complaint.json" with { type: "json" };
import { computeValence, type ValenceResult } from "./sentiment-rules.ts";
import { DENSE_FEATURES, NEGATED_PREFIX, denseFeatures, type LinearModelJson } from "./linear-model.ts";
import type { Role } from "./types.ts";
import type { Token } from "./text/tokenize.ts";

interface Entry {
  w: Float64Array;
  /** Call stamp: a key counts once per message (binary bag of words, as in training). */
  stamp: number;
}

const PARTS = [sentimentJson, emotionsJson, complaintJson] as LinearModelJson[];
/** Offsets of each model's outputs inside the merged vectors. */
export const SENTIMENT_AT = 0;
export const EMOTIONS_AT = sentimentJson.outputs.length;
export const COMPLAINT_AT = EMOTIONS_AT + emotionsJson.outputs.length;
const WIDTH = COMPLAINT_AT + complaintJson.outputs.length;

export const SENTIMENT_OUTPUTS: readonly string[] = sentimentJson.outputs;
export const EMOTION_OUTPUTS: readonly string[] = emotionsJson.outputs;

const BIAS = new Float64Array(WIDTH);
const DENSE = DENSE_FEATURES.map(() => new Float64Array(WIDTH));
const VOCAB = new Map<string, Entry>();
{
  let at = 0;
  for (const part of PARTS) {
    const k = part.outputs.length;
    BIAS.set(part.bias, at);
    DENSE_FEATURES.forEach((name, d) => {
      const w = part.dense[name];
      if (w !== undefined) (DENSE[d] as Float64Array).set(w, at);
    });
    for (const [key, w] of Object.entries(part.vocab)) {
      let entry = VOCAB.get(key);
      if (entry === undefined) {
        entry = { w: new Float64Array(WIDTH), stamp: 0 };
        VOCAB.set(key, entry);
      }
      entry.w.set(w, at);
    }
    at += k;
  }
}
let callStamp = 0;

export interface MessageModels {
  role: Role;
  valence: ValenceResult;
  dense: Float64Array;
  /** Linear scores before the link, `WIDTH` wide (sentiment, emotions, complaint). */
  z: Float64Array;
  /** Token indexes whose key is in the vocabulary, with their weight vectors. */
  matched: number[];
  matchedWeights: Float64Array[];
}

const cache = new WeakMap<Token[], MessageModels>();

/**
 * Rule layer + all model scores for a token array, computed once and cached.
 * A cached result computed for another role is reused unless `role` is given explicitly.
 */
export function getMessageModels(tokens: Token[], role?: Role): MessageModels {
  const hit = cache.get(tokens);
  if (hit !== undefined && (role === undefined || hit.role === role)) return hit;
  const r: Role = role ?? "customer";
  const valence = computeValence(tokens, r);
  const dense = denseFeatures(tokens, valence);
  const z = Float64Array.from(BIAS);
  for (let d = 0; d < DENSE.length; d++) {
    const x = dense[d] ?? 0;
    if (x === 0) continue;
    const w = DENSE[d] as Float64Array;
    for (let c = 0; c < WIDTH; c++) z[c] = (z[c] ?? 0) + x * (w[c] ?? 0);
  }
  const stamp = ++callStamp;
  const matched: number[] = [];
  const matchedWeights: Float64Array[] = [];
  const negated = valence.negated;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === "punct") continue;
    const base = t.kind === "number" ? "<num>" : t.norm;
    const entry = VOCAB.get(negated[i] === 1 ? NEGATED_PREFIX + base : base);
    if (entry === undefined || entry.stamp === stamp) continue;
    entry.stamp = stamp;
    const w = entry.w;
    for (let c = 0; c < WIDTH; c++) z[c] = (z[c] ?? 0) + (w[c] ?? 0);
    matched.push(i);
    matchedWeights.push(w);
  }
  const result: MessageModels = { role: r, valence, dense, z, matched, matchedWeights };
  cache.set(tokens, result);
  return result;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

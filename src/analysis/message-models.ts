/**
 * Runs the three fitted linear models (sentiment, emotions, complaint) in a single pass.
 *
 * Their vocabularies are merged at load into one Map from feature key to a row of one flat weight
 * table (12 outputs wide), and each row is also stored on its word's lexeme record, so each token
 * costs one field read for all models. The result is cached for the last token array, so
 * `scoreSentiment`, `scoreEmotions`, `scoreComplaint` and `scorePoliteness` on the same tokens
 * share one rule-layer and model pass. The cache assumes token arrays are not mutated after
 * `tokenize` returns them.
 */
import sentimentJson from "./models/sentiment.json" with { type: "json" };
import emotionsJson from "./models/emotions.json" with { type: "json" };
import complaintJson from "./models/complaint.json" with { type: "json" };
import { lexeme } from "./lexeme.ts";
import { computeValence, IGNORED, NEGATED, type ValenceResult } from "./sentiment-rules.ts";
import {
  DENSE_FEATURES,
  NEGATED_PREFIX,
  denseFeatures,
  type LinearModelJson,
} from "./linear-model.ts";
import type { Role } from "./types.ts";
import type { Token } from "./text/tokenize.ts";

const PARTS = [sentimentJson, emotionsJson, complaintJson] as LinearModelJson[];
/** Offsets of each model's outputs inside the merged vectors. */
export const SENTIMENT_AT = 0;
export const EMOTIONS_AT = sentimentJson.outputs.length;
export const COMPLAINT_AT = EMOTIONS_AT + emotionsJson.outputs.length;
const WIDTH = COMPLAINT_AT + complaintJson.outputs.length;

export const SENTIMENT_OUTPUTS: readonly string[] = sentimentJson.outputs;
export const EMOTION_OUTPUTS: readonly string[] = emotionsJson.outputs;

// Plain number arrays, read with `as number`: in V8 small Float64Arrays read through `?? 0` were
// several times slower than this in the per-message loop (measured), and allocating them costs too.
const BIAS: number[] = new Array<number>(WIDTH).fill(0);
const DENSE: number[][] = DENSE_FEATURES.map(() => new Array<number>(WIDTH).fill(0));
/** Feature key → row; a row's weights are WEIGHTS[row * WIDTH .. row * WIDTH + WIDTH). */
const ROWS = new Map<string, number>();
const WEIGHTS: Float64Array = (() => {
  for (const part of PARTS)
    for (const key of Object.keys(part.vocab)) if (!ROWS.has(key)) ROWS.set(key, ROWS.size);
  const weights = new Float64Array(ROWS.size * WIDTH);
  let at = 0;
  for (const part of PARTS) {
    part.bias.forEach((b, c) => (BIAS[at + c] = b));
    DENSE_FEATURES.forEach((name, d) => {
      const row = DENSE[d] as number[];
      part.dense[name]?.forEach((w, c) => (row[at + c] = w));
    });
    for (const [key, w] of Object.entries(part.vocab))
      weights.set(w, (ROWS.get(key) ?? 0) * WIDTH + at);
    at += part.outputs.length;
  }
  return weights;
})();
// Each vocabulary key's row also sits on its word's lexeme record ("¬good" as the negated row of
// "good"), so the per-token pass reads rows without building or hashing the key.
for (const [key, row] of ROWS) {
  if (key.startsWith(NEGATED_PREFIX)) lexeme(key.slice(NEGATED_PREFIX.length)).negRow = row;
  else lexeme(key).row = row;
}
const NUM_ROW = ROWS.get("<num>") ?? -1;
const NUM_NEG_ROW = ROWS.get(NEGATED_PREFIX + "<num>") ?? -1;

/** Per-row call stamp: a key counts once per message (binary bag of words, as in training). */
const STAMPS = new Uint32Array(ROWS.size);
let callStamp = 0;

/** Weight of vocabulary row `row` for merged output `output`. */
export function rowWeight(row: number, output: number): number {
  return WEIGHTS[row * WIDTH + output] ?? 0;
}

export interface MessageModels {
  role: Role;
  valence: ValenceResult;
  dense: number[];
  /** Linear scores before the link, `WIDTH` wide (sentiment, emotions, complaint). */
  z: number[];
  /** Token indexes whose key is in the vocabulary, and their vocabulary rows (see rowWeight). */
  matched: number[];
  matchedRows: number[];
}

/**
 * Single-entry cache: the scorers of one message run back to back on the same token array, so
 * remembering the last array is enough (a WeakMap cost more than the lookup it saved, in GC).
 */
let lastTokens: Token[] | undefined;
let lastResult: MessageModels | undefined;

/**
 * Rule layer + all model scores for a token array, computed once and cached.
 * A cached result computed for another role is reused unless `role` is given explicitly.
 */
export function getMessageModels(tokens: Token[], role?: Role): MessageModels {
  if (
    tokens === lastTokens &&
    lastResult !== undefined &&
    (role === undefined || lastResult.role === role)
  ) {
    return lastResult;
  }
  const r: Role = role ?? "customer";
  const valence = computeValence(tokens, r);
  const dense = denseFeatures(valence);
  const z = BIAS.slice();
  for (let d = 0; d < DENSE.length; d++) {
    const x = dense[d] as number;
    if (x === 0) continue;
    const w = DENSE[d] as number[];
    for (let c = 0; c < WIDTH; c++) (z[c] as number) += x * (w[c] as number);
  }
  callStamp = callStamp >= 0xfffffffe ? 1 : callStamp + 1;
  if (callStamp === 1) STAMPS.fill(0);
  const stamp = callStamp;
  const matched: number[] = [];
  const matchedRows: number[] = [];
  const negated = valence.negated;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const mark = negated[i];
    if (t.kind === "punct" || mark === IGNORED) continue;
    let row: number;
    if (t.kind === "number") row = mark === NEGATED ? NUM_NEG_ROW : NUM_ROW;
    else {
      const lex = t.lex;
      row = lex === undefined ? -1 : mark === NEGATED ? lex.negRow : lex.row;
    }
    if (row < 0 || STAMPS[row] === stamp) continue;
    STAMPS[row] = stamp;
    matched.push(i);
    matchedRows.push(row);
  }
  addRows(z, matchedRows);
  const result: MessageModels = { role: r, valence, dense, z, matched, matchedRows };
  lastTokens = tokens;
  lastResult = result;
  return result;
}

/**
 * z[c] += the weights of each row, in row order. Four outputs at a time in local variables, over
 * all rows: each output still sums the same terms in the same order (so the floating-point result is
 * identical), but without a load and store of z per weight (measured ~3× faster than the plain loop).
 */
function addRows(z: number[], rows: readonly number[]): void {
  const n = rows.length;
  if (n === 0) return;
  let c = 0;
  for (; c + 4 <= WIDTH; c += 4) {
    let a0 = z[c] as number;
    let a1 = z[c + 1] as number;
    let a2 = z[c + 2] as number;
    let a3 = z[c + 3] as number;
    for (let k = 0; k < n; k++) {
      const off = (rows[k] as number) * WIDTH + c;
      a0 += WEIGHTS[off] as number;
      a1 += WEIGHTS[off + 1] as number;
      a2 += WEIGHTS[off + 2] as number;
      a3 += WEIGHTS[off + 3] as number;
    }
    z[c] = a0;
    z[c + 1] = a1;
    z[c + 2] = a2;
    z[c + 3] = a3;
  }
  for (; c < WIDTH; c++) {
    let a = z[c] as number;
    for (let k = 0; k < n; k++) a += WEIGHTS[(rows[k] as number) * WIDTH + c] as number;
    z[c] = a;
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

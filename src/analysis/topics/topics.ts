/**
 * Contact reasons without labels: TF-IDF (sublinear tf, bigrams, stop words, light stemming) →
 * LSA (truncated SVD) → spherical k-means with k-means++ and restarts. Each topic is named by its
 * most telling terms, and the fit yields a compact linear model (term → per-topic weight) that gives
 * a new message its topic in microseconds without refitting. Design and measurements:
 * docs/insights.md.
 */
import { mergeClusters, sphericalKMeans } from "./kmeans.ts";
import { createRng } from "./rng.ts";
import { buildVocabulary, vectorizeTerms, type SparseRow, type Vocabulary } from "./sparse.ts";
import { truncatedSvd } from "./svd.ts";
import { PARTICLES, textTerms, writtenForms, writtenTerm } from "./text-features.ts";
import { fitVectorPart, scoreVectorPart, vectorPartOf, type VectorPart } from "./vector-part.ts";
import type { WordVectors } from "./word-vectors.ts";

export interface TopicOptions {
  /** Number of topics; by default about √(n/4), between 2 and 40. */
  k?: number;
  /** Seed for the SVD and k-means (same seed and input → same output). */
  seed?: number;
  /** LSA dimensions (default 100, fewer for small inputs). */
  dims?: number;
  /** Fit on at most this many texts (a seeded sample), then assign the rest with the model. */
  fitSample?: number;
  restarts?: number;
  /** Pretrained word vectors; when given, each message is also placed by its words' meaning. */
  wordVectors?: WordVectors;
  /** Weight of the word-vector part against the LSA part (default VECTOR_WEIGHT). */
  vectorWeight?: number;
  /** k-means finds this many times k groups, Ward's merging joins them to k (default OVERCLUSTER). */
  overcluster?: number;
}

/**
 * k-means with few groups draws its borders through the middle of dense regions; finding five
 * times as many small groups and joining the nearest (Ward) follows the data's own gaps. Chosen on
 * the domains not tuned on (docs/insights.md): their mean NMI 0.574 → 0.612 (1, 2, 3, 5, 8 tried).
 */
export const OVERCLUSTER = 5;
/** Over-clustering stops at this many fit texts per small group on average. */
const TEXTS_PER_SMALL_GROUP = 4;

/** One found topic. */
export interface Topic {
  /** Short name from its most telling terms, as written, e.g. "card arrived / delivery". */
  label: string;
  /** Most telling terms, best first, each stem in its most frequent written form. */
  terms: string[];
  /** How many input texts it holds. */
  size: number;
}

/**
 * What assigning needs: per vocabulary term, its IDF and its weight towards each topic
 * (the SVD components times the centroids), so a message's topic is one sparse dot product.
 */
export interface TopicModel {
  terms: string[];
  idf: number[];
  k: number;
  /** terms.length × k, row-major. */
  weights: number[];
  /** The word-vector part, absent in models fitted without word vectors (and in older ones). */
  vectors?: VectorPart;
}

export interface TopicResult {
  /** Topic index per input text, in input order. */
  assignments: number[];
  topics: Topic[];
  model: TopicModel;
}

const DEFAULT_SEED = 20261205;

function defaultK(n: number): number {
  return Math.max(2, Math.min(40, Math.round(Math.sqrt(n / 4))));
}

function sampleIndices(n: number, size: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= size) return all;
  const rng = createRng(seed ^ 0x5bd1e995);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, size).sort((a, b) => a - b);
}

/**
 * LSA coordinates of unit TF-IDF rows; `unit` rescales each to length 1. Beside word vectors they
 * are kept as they are, so the assigner needs no SVD basis: the part's norm is then the TF-IDF
 * row's, 1.
 */
function embed(rows: SparseRow[], comps: Float64Array, dim: number, unit: boolean): Float64Array {
  const x = new Float64Array(rows.length * dim);
  rows.forEach((row, r) => {
    const off = r * dim;
    for (let j = 0; j < row.idx.length; j++) {
      const coff = row.idx[j]! * dim;
      const v = row.val[j]!;
      for (let d = 0; d < dim; d++) x[off + d] = x[off + d]! + v * comps[coff + d]!;
    }
    if (!unit) return;
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += x[off + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dim; d++) x[off + d] = x[off + d]! / norm;
  });
  return x;
}

/**
 * Scores a sparse row (and, with a word-vector part, the message's unit vector) against every
 * topic; returns the best topic or -1 when the message has no known term and no known word.
 */
export function scoreRow(row: SparseRow, model: TopicModel, vector?: Float64Array): number {
  const part = vector && model.vectors;
  if (row.idx.length === 0 && !(part && vector.some((x) => x !== 0))) return -1;
  let best = -1;
  let bestScore = -Infinity;
  for (let j = 0; j < model.k; j++) {
    let s = part ? scoreVectorPart(vector, part, j) : 0;
    for (let t = 0; t < row.idx.length; t++)
      s += row.val[t]! * model.weights[row.idx[t]! * model.k + j]!;
    if (s > bestScore) {
      bestScore = s;
      best = j;
    }
  }
  return best;
}

function vocabularyOf(model: TopicModel): Vocabulary {
  return {
    index: new Map(model.terms.map((t, i) => [t, i])),
    terms: model.terms,
    idf: Float32Array.from(model.idf),
  };
}

/**
 * Builds an assigner for a fitted model: text → topic index, or -1 when the text shares no term
 * with the model (say "thanks!"). Build once, call per message.
 */
export function createTopicAssigner(
  model: TopicModel,
  wordVectors?: WordVectors,
): (text: string) => number {
  const vocab = vocabularyOf(model);
  const part = model.vectors;
  if (!part || !wordVectors)
    return (text) => scoreRow(vectorizeTerms(textTerms(text), vocab), model);
  return (text) =>
    scoreRow(vectorizeTerms(textTerms(text), vocab), model, vectorPartOf(text, wordVectors, part));
}

/** The terms whose share inside a topic most exceeds their share overall (c-TF-IDF style). */
function nameTopics(
  rows: SparseRow[],
  labels: number[],
  k: number,
  vocab: Vocabulary,
  forms: Map<string, string>,
): Topic[] {
  const m = vocab.terms.length;
  const inTopic = new Float64Array(k * m);
  const overall = new Float64Array(m);
  const sizes = new Array<number>(k).fill(0);
  rows.forEach((row, r) => {
    const t = labels[r]!;
    if (t < 0) return;
    sizes[t]!++;
    for (let j = 0; j < row.idx.length; j++) {
      inTopic[t * m + row.idx[j]!] = inTopic[t * m + row.idx[j]!]! + 1;
      overall[row.idx[j]!] = overall[row.idx[j]!]! + 1;
    }
  });
  const n = rows.length || 1;
  return sizes.map((size, t) => {
    const scored: Array<[number, number]> = [];
    for (let i = 0; i < m; i++) {
      const c = inTopic[t * m + i]!;
      if (c === 0 || (c < 2 && size > 4)) continue;
      const share = c / Math.max(size, 1);
      scored.push([share * Math.log(1 + (share * n) / Math.max(overall[i]!, 1)), i]);
    }
    scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const terms = scored.slice(0, 8).map(([, i]) => vocab.terms[i]!);
    const count = (term: string) => inTopic[t * m + (vocab.index.get(term) ?? -1)] ?? 0;
    const written = (term: string) => writtenTerm(term, forms);
    return {
      label: labelTerms(terms, count).map(written).join(" / ") || `topic ${t + 1}`,
      terms: terms.map(written),
      size,
    };
  });
}

/**
 * Five k-means++ starts at least; small fits get more, up to 20, within a fixed amount of work
 * (n·k·dims ≤ 5·10⁷ per extra start). A few texts repeated many times, as a quiet week's contacts
 * are, leave k-means with near-equal local optima, and extra starts cost nothing there.
 */
function restartsFor(n: number, k: number, dims: number): number {
  return Math.min(20, Math.max(5, Math.floor(5e7 / Math.max(1, n * k * dims))));
}

/**
 * Groups texts into topics. Deterministic for the same texts, options and seed.
 *
 * @example
 * const r = clusterTopics(["card not arrived", "where is my card", "refund please", "want my money back"], { k: 2 });
 * r.assignments; // e.g. [0, 0, 1, 1]
 */
export function clusterTopics(texts: string[], options: TopicOptions = {}): TopicResult {
  const seed = options.seed ?? DEFAULT_SEED;
  const fitIdx = sampleIndices(texts.length, options.fitSample ?? 60_000, seed);
  const fitTerms = fitIdx.map((i) => textTerms(texts[i]!));
  const vocab = buildVocabulary(fitTerms, fitTerms.length >= 50 ? 2 : 1, 20_000);
  const k = Math.max(1, Math.min(options.k ?? defaultK(texts.length), texts.length));
  const m = vocab.terms.length;
  const fitRows = fitTerms.map((t) => vectorizeTerms(t, vocab));
  const dim = Math.max(1, Math.min(options.dims ?? 100, m, Math.max(2, fitRows.length - 1)));
  const comps = m === 0 ? new Float64Array(0) : truncatedSvd(fitRows, m, dim, seed).data;
  const realDim = m === 0 ? 0 : comps.length / m;
  const lsa = embed(fitRows, comps, realDim, !options.wordVectors);
  const fitTexts = fitIdx.map((i) => texts[i]!);
  const joint = fitVectorPart(lsa, realDim, fitTexts, options.wordVectors, options.vectorWeight);
  // Small groups of a few texts each: with one text per group, merging them would be agglomerative
  // clustering of the texts themselves, another method (tiny fits keep plain k-means).
  const groups = Math.max(
    k,
    Math.min(
      Math.round(k * (options.overcluster ?? OVERCLUSTER)),
      Math.floor(fitRows.length / TEXTS_PER_SMALL_GROUP),
    ),
  );
  const fine = sphericalKMeans(
    joint.x,
    fitRows.length,
    joint.dim,
    groups,
    seed,
    options.restarts ?? restartsFor(fitRows.length, groups, joint.dim),
  );
  const km = groups > k ? mergeClusters(joint.x, fitRows.length, joint.dim, fine, k) : fine;
  const weights = new Array<number>(m * km.k).fill(0);
  for (let t = 0; t < m; t++) {
    for (let j = 0; j < km.k; j++) {
      let s = 0;
      for (let d = 0; d < realDim; d++)
        s += comps[t * realDim + d]! * km.centroids[j * joint.dim + d]!;
      weights[t * km.k + j] = s;
    }
  }
  const vectors = joint.part?.(km.centroids, km.k);
  const model: TopicModel = { terms: vocab.terms, idf: Array.from(vocab.idf), k: km.k, weights };
  if (vectors) model.vectors = vectors;
  const rows = texts.map((text, i) => {
    const f = fitIdx.length === texts.length ? fitRows[i] : undefined;
    return f ?? vectorizeTerms(textTerms(text), vocab);
  });
  const wv = options.wordVectors;
  const scored = rows.map((row, i) =>
    scoreRow(row, model, wv && vectors ? vectorPartOf(texts[i]!, wv, vectors) : undefined),
  );
  const largest = mostCommon(scored, km.k);
  // Texts with no known term (greetings, one-word replies) join the largest topic, so every line
  // still gets a topic and --k stays an upper bound.
  const assignments = scored.map((t) => (t < 0 ? largest : t));
  const topics = nameTopics(rows, assignments, km.k, vocab, writtenForms(fitTexts));
  return { assignments, topics, model };
}

function mostCommon(labels: number[], k: number): number {
  const counts = new Array<number>(k).fill(0);
  for (const l of labels) if (l >= 0) counts[l]!++;
  return counts.indexOf(Math.max(...counts));
}

/**
 * Up to three of a topic's best terms (best first) for its label, as phrases where the topic says
 * them as phrases: a bigram takes the place of the picked words it holds when the topic says the
 * bigram at least half as often as the first of them ("top" → "top up"); a term sharing a word
 * with another picked term adds nothing, and a particle ("up") is never a label alone.
 */
export function labelTerms(terms: string[], count: (term: string) => number): string[] {
  let picked: string[] = [];
  const wordsOf = (term: string) => term.split(" ");
  const shares = (a: string, b: string) => wordsOf(a).some((w) => wordsOf(b).includes(w));
  for (const term of terms) {
    const held = picked.filter((p) => !p.includes(" ") && wordsOf(term).includes(p));
    if (term.includes(" ") && held.length > 0) {
      const clash = picked.some((p) => !held.includes(p) && shares(p, term));
      if (clash || count(term) * 2 < count(held[0]!)) continue;
      picked = picked.flatMap((p) => (p === held[0] ? [term] : held.includes(p) ? [] : [p]));
      continue;
    }
    if (PARTICLES.has(term) || picked.length === 3 || picked.some((p) => shares(p, term))) continue;
    picked.push(term);
  }
  return picked;
}

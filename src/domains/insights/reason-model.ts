/**
 * The stored form of the contact-reason model and the assigner built from it. The vocabulary's IDF
 * (and, with word vectors, the fit's vector space) is stored once per org; each reason stores its
 * own top term weights and its word-vector half, so merging, splitting and pinning reasons edit the
 * model directly and survive re-clustering (docs/insights.md).
 */
import {
  vectorPartOf,
  textTerms,
  type TopicModel,
  type VectorSpace,
  type WordVectors,
} from "../../analysis/topics/index.ts";

/** Terms kept per reason: enough for the assignment to agree with the full model on nearly all. */
export const TERMS_PER_REASON = 400;

/**
 * A reason's share of the model: its top term weights at unit length and, when the model has word
 * vectors, its centroid's vector half × the vector weight, divided by the same norm, so a stored
 * reason scores a message as the fitted topic does, up to that one factor.
 */
export interface ReasonPart {
  weights: Record<string, number>;
  vector?: number[] | null;
}

function topTerms(scored: Iterable<[string, number]>): {
  top: Array<[string, number]>;
  norm: number;
} {
  const top = [...scored]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TERMS_PER_REASON)
    .filter(([, w]) => w > 0);
  return { top, norm: Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1 };
}

function scaled(top: Array<[string, number]>, norm: number, vector?: number[]): ReasonPart {
  const weights = Object.fromEntries(top.map(([t, w]) => [t, w / norm]));
  return vector ? { weights, vector: vector.map((x) => x / norm) } : { weights };
}

/** A topic's column of the fitted model as a reason's part. */
export function topicPart(model: TopicModel, topic: number): ReasonPart {
  const { top, norm } = topTerms(
    model.terms.map((t, i): [string, number] => [t, model.weights[i * model.k + topic] ?? 0]),
  );
  const part = model.vectors;
  if (!part) return scaled(top, norm);
  const dims = part.mean.length;
  const half = part.centroids.slice(topic * dims, (topic + 1) * dims);
  return scaled(
    top,
    norm,
    half.map((x) => part.weight * x),
  );
}

/** The average direction of several reasons' parts (a merge), cut to the top terms. */
export function blendParts(parts: ReasonPart[]): ReasonPart {
  const sum = new Map<string, number>();
  for (const p of parts)
    for (const [t, w] of Object.entries(p.weights)) sum.set(t, (sum.get(t) ?? 0) + w);
  const { top, norm } = topTerms(sum);
  const vectors = parts.flatMap((p) => (p.vector ? [p.vector] : []));
  if (vectors.length === 0) return scaled(top, norm);
  return scaled(
    top,
    norm,
    vectors[0]!.map((_, d) => vectors.reduce((s, v) => s + (v[d] ?? 0), 0)),
  );
}

export interface ReasonWeights extends ReasonPart {
  id: string;
}

/** What the assigner needs to place a message by its words' meaning. */
export interface ReasonVectors {
  words: WordVectors;
  space: VectorSpace;
}

/**
 * Builds the assigner: text → reason id, or null when the text shares no term with any reason and
 * (with word vectors) has no known word. An inverted index (term → reasons) makes the term part
 * proportional to the text's terms; the vector part is one dot product per reason.
 */
export function createReasonAssigner(
  idf: Record<string, number>,
  reasons: ReasonWeights[],
  vectors?: ReasonVectors,
): (text: string) => string | null {
  const postings = new Map<string, Array<[number, number]>>();
  reasons.forEach((r, i) => {
    for (const [t, w] of Object.entries(r.weights)) {
      const list = postings.get(t) ?? [];
      list.push([i, w]);
      postings.set(t, list);
    }
  });
  const scores = new Float64Array(reasons.length);
  const idfOf = new Map(Object.entries(idf));
  const withVectors = vectors && reasons.some((r) => r.vector) ? vectors : undefined;
  return (text) => {
    scores.fill(0);
    let any = false;
    const tf = new Map<string, number>();
    for (const t of textTerms(text)) if (idfOf.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const list = postings.get(t);
      if (!list) continue;
      const x = (1 + Math.log(n)) * (idfOf.get(t) ?? 0) * (t.includes(" ") ? 0.5 : 1);
      for (const [i, w] of list) scores[i] = scores[i]! + x * w;
      any = true;
    }
    if (withVectors) any = addVectorScores(text, withVectors, reasons, scores) || any;
    if (!any) return null;
    let best = 0;
    for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
    return reasons[best]?.id ?? null;
  };
}

/** Adds each reason's vector score; false when the text has no word with a vector. */
function addVectorScores(
  text: string,
  { words, space }: ReasonVectors,
  reasons: ReasonWeights[],
  scores: Float64Array,
): boolean {
  const v = vectorPartOf(text, words, space);
  if (!v.some((x) => x !== 0)) return false;
  reasons.forEach((r, i) => {
    if (!r.vector) return;
    let s = 0;
    for (let d = 0; d < v.length; d++) s += v[d]! * (r.vector[d] ?? 0);
    scores[i] = scores[i]! + s;
  });
  return true;
}

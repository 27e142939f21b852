/**
 * The word-vector half of the topic model: each message's LSA coordinates are joined by its unit
 * SIF word-vector average × a weight, k-means runs on the joint rows, and each topic keeps the
 * vector half of its centroid. Assigning adds weight × (message vector · that half) to the LSA
 * score, one 100-dim dot product per topic. Measurements: docs/insights.md ("Accuracy").
 */
import {
  averageWordVector,
  commonComponent,
  messageVector,
  type WordVectors,
} from "./word-vectors.ts";

/**
 * Chosen on the sets not tuned on (Bitext intents and categories, product complaints), never on
 * BANKING77: docs/insights.md.
 */
export const VECTOR_WEIGHT = 0.25;

/** Fewer texts than this are centred but keep their first principal component. */
const MIN_TEXTS_FOR_COMPONENT = 200;

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** Where message vectors are placed: centred and with the common component removed. */
export interface VectorSpace {
  /** The fit sample's mean SIF average, subtracted first. */
  mean: number[];
  /** Its first principal component (what every message shares), removed next. */
  component: number[];
}

export interface VectorPart extends VectorSpace {
  weight: number;
  /** k × dims, row-major: the vector half of each topic's unit centroid. */
  centroids: number[];
}

/** A message's unit vector in `space` (zeros when none of its words has a vector). */
export function vectorPartOf(text: string, vectors: WordVectors, space: VectorSpace): Float64Array {
  return messageVector(averageWordVector(text, vectors), space.mean, space.component);
}

export function scoreVectorPart(vector: Float64Array, part: VectorPart, topic: number): number {
  const dims = vector.length;
  let s = 0;
  for (let d = 0; d < dims; d++) s += vector[d]! * part.centroids[topic * dims + d]!;
  return part.weight * s;
}

/**
 * The rows k-means clusters: the LSA rows alone, or joined with the weighted message vectors (each
 * joint row unit length). `part` turns the joint centroids into the model's vector part.
 */
export function fitVectorPart(
  lsa: Float64Array,
  dim: number,
  texts: string[],
  vectors: WordVectors | undefined,
  weight = VECTOR_WEIGHT,
): { x: Float64Array; dim: number; part?: (centroids: Float64Array, k: number) => VectorPart } {
  if (!vectors || weight <= 0 || texts.length === 0) return { x: lsa, dim };
  const avgs = texts.map((t) => averageWordVector(t, vectors));
  const known = avgs.filter((a): a is Float64Array => a !== null);
  if (known.length < 2) return { x: lsa, dim };
  const common = commonComponent(known, vectors.dims);
  const { mean } = common;
  // On a few texts the first component is what tells them apart, not what they all share.
  const component =
    known.length >= MIN_TEXTS_FOR_COMPONENT ? common.component : zeros(vectors.dims);
  const jointDim = dim + vectors.dims;
  const x = new Float64Array(texts.length * jointDim);
  avgs.forEach((avg, r) => {
    const v = messageVector(avg, mean, component);
    const off = r * jointDim;
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (x[off + d] = lsa[r * dim + d]!) ** 2;
    for (let d = 0; d < vectors.dims; d++) norm += (x[off + dim + d] = weight * v[d]!) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < jointDim; d++) x[off + d] = x[off + d]! / norm;
  });
  const part = (centroids: Float64Array, k: number): VectorPart => {
    const half: number[] = [];
    for (let j = 0; j < k; j++)
      for (let d = 0; d < vectors.dims; d++) half.push(centroids[j * jointDim + dim + d]!);
    return { weight, mean, component, centroids: half };
  };
  return { x, dim: jointDim, part };
}

/**
 * Spherical k-means (cosine) over unit-length dense rows, seeded with k-means++ and restarted a few
 * times; the run with the highest total similarity wins. Deterministic for a given seed.
 */
import { createRng } from "./rng.ts";

export interface KMeansResult {
  /** Cluster of each row. */
  labels: Int32Array;
  /** k × dim unit centroids, row-major. */
  centroids: Float64Array;
  k: number;
  /** Sum of each row's cosine to its centroid (higher is tighter). */
  score: number;
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) s += a[ao + i]! * b[bo + i]!;
  return s;
}

function seedPlusPlus(x: Float64Array, n: number, dim: number, k: number, rng: () => number) {
  const c = new Float64Array(k * dim);
  const first = Math.floor(rng() * n);
  c.set(x.subarray(first * dim, first * dim + dim), 0);
  const d2 = new Float64Array(n).fill(Infinity);
  for (let j = 1; j < k; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 2 - 2 * dot(x, i * dim, c, (j - 1) * dim, dim));
      if (d < d2[i]!) d2[i] = d;
      total += d2[i]!;
    }
    let pick = rng() * total;
    let chosen = n - 1;
    for (let i = 0; i < n; i++) {
      pick -= d2[i]!;
      if (pick <= 0) {
        chosen = i;
        break;
      }
    }
    c.set(x.subarray(chosen * dim, chosen * dim + dim), j * dim);
  }
  return c;
}

function runOnce(x: Float64Array, n: number, dim: number, k: number, rng: () => number) {
  const c = seedPlusPlus(x, n, dim, k, rng);
  const labels = new Int32Array(n).fill(-1);
  let score = 0;
  for (let iter = 0; iter < 40; iter++) {
    let changed = 0;
    score = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestSim = -Infinity;
      for (let j = 0; j < k; j++) {
        const s = dot(x, i * dim, c, j * dim, dim);
        if (s > bestSim) {
          bestSim = s;
          best = j;
        }
      }
      score += bestSim;
      if (labels[i] !== best) changed++;
      labels[i] = best;
    }
    c.fill(0);
    for (let i = 0; i < n; i++) {
      const off = labels[i]! * dim;
      for (let d = 0; d < dim; d++) c[off + d] = c[off + d]! + x[i * dim + d]!;
    }
    for (let j = 0; j < k; j++) {
      let norm = Math.sqrt(dot(c, j * dim, c, j * dim, dim));
      if (norm === 0) {
        // An emptied cluster restarts on a random row rather than staying dead.
        const r = Math.floor(rng() * n);
        c.set(x.subarray(r * dim, r * dim + dim), j * dim);
        norm = 1;
      }
      for (let d = 0; d < dim; d++) c[j * dim + d] = c[j * dim + d]! / norm;
    }
    if (changed === 0 || changed < n * 1e-4) break;
  }
  return { labels, centroids: c, k, score };
}

/** Clusters `n` unit rows of length `dim` into `k` groups, best of `restarts` runs. */
export function sphericalKMeans(
  x: Float64Array,
  n: number,
  dim: number,
  k: number,
  seed: number,
  restarts = 5,
): KMeansResult {
  const rng = createRng(seed);
  const kk = Math.max(1, Math.min(k, n));
  let best: KMeansResult | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = runOnce(x, n, dim, kk, rng);
    if (best === undefined || run.score > best.score) best = run;
  }
  return best!;
}

/**
 * Merges a clustering of `km.k` groups down to `k` by Ward's criterion on the groups' mean rows:
 * the pair whose merge adds least within-group spread goes first. Returns unit centroids of the
 * merged groups and each row's merged label. O(g² · dim + g³) for g = km.k groups.
 */
export function mergeClusters(
  x: Float64Array,
  n: number,
  dim: number,
  km: KMeansResult,
  k: number,
): KMeansResult {
  const g = km.k;
  const sums = new Float64Array(g * dim);
  const sizes = new Float64Array(g);
  for (let i = 0; i < n; i++) {
    const l = km.labels[i]!;
    sizes[l]!++;
    for (let d = 0; d < dim; d++) sums[l * dim + d]! += x[i * dim + d]!;
  }
  const alive = Array.from({ length: g }, (_, j) => sizes[j]! > 0);
  const wardCost = (a: number, b: number) => {
    let s = 0;
    for (let d = 0; d < dim; d++) {
      const diff = sums[a * dim + d]! / sizes[a]! - sums[b * dim + d]! / sizes[b]!;
      s += diff * diff;
    }
    return ((sizes[a]! * sizes[b]!) / (sizes[a]! + sizes[b]!)) * s;
  };
  const cost = new Float64Array(g * g).fill(Infinity);
  for (let a = 0; a < g; a++)
    for (let b = a + 1; b < g; b++) if (alive[a] && alive[b]) cost[a * g + b] = wardCost(a, b);
  const parent = Int32Array.from({ length: g }, (_, j) => j);
  let groups = alive.filter(Boolean).length;
  while (groups > k) {
    let best = 0;
    for (let c = 1; c < g * g; c++) if (cost[c]! < cost[best]!) best = c;
    const a = Math.floor(best / g);
    const b = best % g;
    for (let d = 0; d < dim; d++) sums[a * dim + d]! += sums[b * dim + d]!;
    sizes[a]! += sizes[b]!;
    alive[b] = false;
    parent[b] = a;
    groups--;
    for (let o = 0; o < g; o++) {
      cost[Math.min(o, b) * g + Math.max(o, b)] = Infinity;
      if (o !== a && alive[o]) cost[Math.min(o, a) * g + Math.max(o, a)] = wardCost(a, o);
    }
  }
  const root = (j: number): number => (parent[j] === j ? j : root(parent[j]!));
  const index = new Map<number, number>();
  for (let j = 0; j < g; j++) if (alive[j]) index.set(j, index.size);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = index.get(root(km.labels[i]!))!;
  const centroids = new Float64Array(index.size * dim);
  for (const [j, i] of index) {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += sums[j * dim + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dim; d++) centroids[i * dim + d] = sums[j * dim + d]! / norm;
  }
  let score = 0;
  for (let i = 0; i < n; i++) score += dot(x, i * dim, centroids, labels[i]! * dim, dim);
  return { labels, centroids, k: index.size, score };
}

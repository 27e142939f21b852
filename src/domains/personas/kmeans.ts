/**
 * Deterministic clustering for personas: z-score standardisation, k-means++ from a seeded generator,
 * and k chosen by the mean silhouette. Pure and synchronous; the same rows and seed give the same
 * clusters on every run and machine.
 */
import { seededRandom } from "./seeded.ts";

export type Vector = number[];

/** Standardises each column to mean 0, sd 1; a constant column becomes 0 (it separates no one). */
export function standardise(rows: readonly Vector[]): { rows: Vector[]; mean: Vector; sd: Vector } {
  const dims = rows[0]?.length ?? 0;
  const mean = Array.from(
    { length: dims },
    (_, j) => rows.reduce((a, r) => a + r[j]!, 0) / rows.length,
  );
  const sd = mean.map((m, j) =>
    Math.sqrt(rows.reduce((a, r) => a + (r[j]! - m) ** 2, 0) / Math.max(1, rows.length)),
  );
  return {
    rows: rows.map((r) => r.map((x, j) => (sd[j]! > 1e-12 ? (x - mean[j]!) / sd[j]! : 0))),
    mean,
    sd,
  };
}

export function distance2(a: Vector, b: Vector): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j]! - b[j]!) ** 2;
  return s;
}

function nearest(p: Vector, centres: readonly Vector[]): number {
  let best = 0;
  let bestD = Infinity;
  centres.forEach((c, i) => {
    const d = distance2(p, c);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** k-means with k-means++ seeding; stops when no point moves or after `maxIter` rounds. */
export function kmeans(points: readonly Vector[], k: number, seed: number, maxIter = 60) {
  const rand = seededRandom(seed);
  const centres: Vector[] = [points[Math.floor(rand() * points.length)]!.slice()];
  while (centres.length < k) {
    const d = points.map((p) => distance2(p, centres[nearest(p, centres)]!));
    const total = d.reduce((a, b) => a + b, 0);
    if (total === 0) break;
    let r = rand() * total;
    let i = 0;
    while (i < d.length - 1 && (r -= d[i]!) > 0) i++;
    centres.push(points[i]!.slice());
  }
  let labels = points.map((p) => nearest(p, centres));
  for (let iter = 0; iter < maxIter; iter++) {
    for (let c = 0; c < centres.length; c++) {
      const members = points.filter((_, i) => labels[i] === c);
      if (members.length === 0) continue;
      centres[c] = centres[c]!.map(
        (_, j) => members.reduce((a, m) => a + m[j]!, 0) / members.length,
      );
    }
    const next = points.map((p) => nearest(p, centres));
    const moved = next.some((l, i) => l !== labels[i]);
    labels = next;
    if (!moved) break;
  }
  return { centres, labels };
}

/** Mean silhouette over `points` (−1..1); higher means tighter, better-separated clusters. */
export function silhouette(
  points: readonly Vector[],
  labels: readonly number[],
  k: number,
): number {
  if (k < 2) return -1;
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const sums = new Array<number>(k).fill(0);
    const counts = new Array<number>(k).fill(0);
    for (let j = 0; j < points.length; j++) {
      if (i === j) continue;
      sums[labels[j]!]! += Math.sqrt(distance2(points[i]!, points[j]!));
      counts[labels[j]!]!++;
    }
    const own = labels[i]!;
    if (counts[own] === 0) continue;
    const a = sums[own]! / counts[own]!;
    let b = Infinity;
    for (let c = 0; c < k; c++)
      if (c !== own && counts[c]! > 0) b = Math.min(b, sums[c]! / counts[c]!);
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b, 1e-12);
  }
  return total / points.length;
}

/**
 * Clusters standardised points with each k in [kMin, kMax] and keeps the k with the best silhouette.
 * The silhouette is measured on a seeded sample of at most `sampleSize` points, because it costs
 * O(n²); k-means itself runs on every point.
 */
export function clusterBySilhouette(
  points: readonly Vector[],
  opts: { kMin: number; kMax: number; seed: number; sampleSize?: number },
) {
  const kMax = Math.min(opts.kMax, points.length - 1);
  const kMin = Math.min(opts.kMin, kMax);
  const rand = seededRandom(opts.seed ^ 0x5f3759df);
  const size = opts.sampleSize ?? 1500;
  const sample =
    points.length <= size
      ? points.map((_, i) => i)
      : Array.from({ length: size }, () => Math.floor(rand() * points.length));
  let best: { k: number; score: number; centres: Vector[]; labels: number[] } | null = null;
  for (let k = Math.max(2, kMin); k <= kMax; k++) {
    const { centres, labels } = kmeans(points, k, opts.seed + k);
    const score = silhouette(
      sample.map((i) => points[i]!),
      sample.map((i) => labels[i]!),
      k,
    );
    if (best === null || score > best.score + 1e-9) best = { k, score, centres, labels };
  }
  return best;
}

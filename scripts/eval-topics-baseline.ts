/**
 * The baseline the accuracy targets are quoted against: plain TF-IDF (raw tf, unigrams, no stop
 * words or stemming) and Euclidean k-means with random seeding, one run.
 */
import { createRng } from "../src/analysis/topics/rng.ts";

export function baselineKMeans(texts: string[], k: number, seed: number): number[] {
  const docs = texts.map((t) => t.toLowerCase().match(/[a-z']+/g) ?? []);
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const vocab = new Map([...df.keys()].map((w, i) => [w, i]));
  const n = docs.length;
  const rows = docs.map((d) => {
    const tf = new Map<number, number>();
    for (const w of d) tf.set(vocab.get(w)!, (tf.get(vocab.get(w)!) ?? 0) + 1);
    let norm = 0;
    const entries = [...tf].map(([i, c]) => {
      const w = c * (Math.log((1 + n) / (1 + df.get(d.find((x) => vocab.get(x) === i)!)!)) + 1);
      norm += w * w;
      return [i, w] as [number, number];
    });
    norm = Math.sqrt(norm) || 1;
    return entries.map(([i, w]) => [i, w / norm] as [number, number]);
  });
  const rng = createRng(seed);
  const m = vocab.size;
  const cents: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const c = new Float64Array(m);
    for (const [i, w] of rows[Math.floor(rng() * n)]!) c[i] = w;
    cents.push(c);
  }
  const labels = new Array<number>(n).fill(0);
  for (let iter = 0; iter < 30; iter++) {
    const norms = cents.map((c) => c.reduce((s, v) => s + v * v, 0));
    rows.forEach((row, r) => {
      let best = 0;
      let bestD = Infinity;
      cents.forEach((c, j) => {
        let dotp = 0;
        for (const [i, w] of row) dotp += w * c[i]!;
        const d = norms[j]! - 2 * dotp;
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      });
      labels[r] = best;
    });
    const counts = new Array<number>(k).fill(0);
    cents.forEach((c) => c.fill(0));
    rows.forEach((row, r) => {
      counts[labels[r]!]!++;
      for (const [i, w] of row) cents[labels[r]!]![i] = cents[labels[r]!]![i]! + w;
    });
    cents.forEach((c, j) => {
      if (counts[j]! > 0) for (let i = 0; i < m; i++) c[i] = c[i]! / counts[j]!;
    });
  }
  return labels;
}

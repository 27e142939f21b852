import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeClusters, type KMeansResult } from "./kmeans.ts";

/** Unit rows on the circle at these angles (degrees), as one flat array. */
function circle(angles: number[]): Float64Array {
  return Float64Array.from(
    angles.flatMap((a) => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)]),
  );
}

const clustering = (labels: number[], k: number): KMeansResult => ({
  labels: Int32Array.from(labels),
  centroids: new Float64Array(k * 2),
  k,
  score: 0,
});

describe("mergeClusters", () => {
  it("merges the nearest groups first (Ward) and gives unit centroids", () => {
    // Four small groups at 0°, 10°, 90° and 100°: two pairs of neighbours.
    const x = circle([0, 1, 10, 11, 90, 91, 100, 101]);
    const merged = mergeClusters(x, 8, 2, clustering([0, 0, 1, 1, 2, 2, 3, 3], 4), 2);
    expect(merged.k).toBe(2);
    const [a, , b, , c, , d] = Array.from(merged.labels);
    expect(a).toBe(b);
    expect(c).toBe(d);
    expect(a).not.toBe(c);
    for (let j = 0; j < 2; j++)
      expect(Math.hypot(merged.centroids[2 * j]!, merged.centroids[2 * j + 1]!)).toBeCloseTo(1, 9);
  });

  it("keeps rows of one group together and ends with min(k, groups) groups", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 359 }), fc.integer({ min: 0, max: 9 })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 12 }),
        (rows, k) => {
          const labels = rows.map(([, l]) => l);
          const merged = mergeClusters(
            circle(rows.map(([a]) => a)),
            rows.length,
            2,
            clustering(labels, 10),
            k,
          );
          expect(merged.k).toBe(Math.min(k, new Set(labels).size));
          const to = new Map<number, number>();
          labels.forEach((l, i) => {
            const m = merged.labels[i]!;
            expect(m).toBeGreaterThanOrEqual(0);
            expect(m).toBeLessThan(merged.k);
            expect(to.get(l) ?? m).toBe(m);
            to.set(l, m);
          });
        },
      ),
    );
  });
});

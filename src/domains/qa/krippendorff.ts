/**
 * Krippendorff's alpha, the agreement of several coders on the same units, tolerant of missing
 * answers: α = 1 − D_o / D_e, from the coincidence matrix of values paired within each unit
 * (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011). Pure; no I/O.
 *
 * `units[u][c]` is coder c's value for unit u, or null when that coder gave none. Units with fewer
 * than two values are not pairable and are left out, as the method prescribes.
 */
export type Level = "nominal" | "ordinal";

export function krippendorffAlpha(
  units: readonly (readonly (number | null)[])[],
  level: Level,
): number | null {
  const values = [...new Set(units.flat().filter((v): v is number => v !== null))].sort(
    (a, b) => a - b,
  );
  const index = new Map(values.map((v, i) => [v, i]));
  const k = values.length;
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const unit of units) {
    const present = unit.filter((v): v is number => v !== null);
    const m = present.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        o[index.get(present[i]!)!]![index.get(present[j]!)!]! += 1 / (m - 1);
      }
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  if (n <= 1) return null;
  const delta = distance(level, nc);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++)
    for (let d = 0; d < k; d++) {
      const dist = delta(c, d);
      observed += o[c]![d]! * dist;
      expected += nc[c]! * (nc[d]! - (c === d ? 1 : 0)) * dist;
    }
  if (expected === 0) return observed === 0 ? 1 : null;
  return 1 - ((n - 1) * observed) / expected;
}

/** δ² between value ranks c and d: 0/1 for nominal; for ordinal, from the marginal counts. */
function distance(level: Level, nc: number[]): (c: number, d: number) => number {
  if (level === "nominal") return (c, d) => (c === d ? 0 : 1);
  const prefix = [0];
  for (const x of nc) prefix.push(prefix[prefix.length - 1]! + x);
  return (c, d) => {
    const [lo, hi] = c < d ? [c, d] : [d, c];
    const between = prefix[hi + 1]! - prefix[lo]! - (nc[lo]! + nc[hi]!) / 2;
    return between * between;
  };
}

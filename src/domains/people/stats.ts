/**
 * The interval and comparison maths of the scorecards (pure; property-tested in stats.test.ts).
 * Sums in, estimates out: every figure comes from n, Σy, Σy², Σexpected and Σ(y − expected)².
 */

export interface MetricSums {
  n: number;
  sum: number;
  sumSq: number;
  sumExpected: number;
  sumResidualSq: number;
}

/**
 * Fewest conversations with a metric for a verdict against the org. An interval can exclude the
 * org's mean on one conversation (a single breached case against 97 % compliance: Wilson 0–79 %),
 * but across 13 metrics and a whole team such verdicts would mostly be chance, and one contact must
 * not mark a person "clearly short". The early alerts (alerts.service.ts) ask as much of each side of their comparison.
 */
export const MIN_VERDICT_N = 10;

export const EMPTY_SUMS: MetricSums = { n: 0, sum: 0, sumSq: 0, sumExpected: 0, sumResidualSq: 0 };

export function addSums(a: MetricSums, b: MetricSums): MetricSums {
  return {
    n: a.n + b.n,
    sum: a.sum + b.sum,
    sumSq: a.sumSq + b.sumSq,
    sumExpected: a.sumExpected + b.sumExpected,
    sumResidualSq: a.sumResidualSq + b.sumResidualSq,
  };
}

/** Two-sided 97.5 % quantile of Student's t with `df` degrees of freedom (1.96 for large df). */
export function tQuantile975(df: number): number {
  const table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];
  if (df < 1) return Number.POSITIVE_INFINITY;
  if (df <= 10) return table[Math.floor(df) - 1]!;
  // Cornish–Fisher expansion around the normal quantile: within 0.002 of the exact value for df > 10.
  const z = 1.959964;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  return z + g1 / df + g2 / df ** 2;
}

/** Sample variance from n, Σx, Σx² (0 when n < 2; never negative despite rounding). */
export function sampleVariance(n: number, sum: number, sumSq: number): number {
  if (n < 2) return 0;
  return Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
}

export type Interval = [number, number];

/** The t interval of a mean; for n < 2 the interval is unbounded (nothing supports a difference). */
export function meanInterval(n: number, sum: number, sumSq: number): Interval {
  if (n === 0) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  const mean = sum / n;
  if (n < 2) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  const half = tQuantile975(n - 1) * Math.sqrt(sampleVariance(n, sum, sumSq) / n);
  return [mean - half, mean + half];
}

/** Wilson score interval of a proportion (successes out of n): stays inside [0, 1], sane at 0 and n. */
export function wilsonInterval(successes: number, n: number): Interval {
  if (n === 0) return [0, 1];
  const z = 1.959964;
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface Estimate {
  n: number;
  value: number | null;
  expected: number | null;
  adjusted: number | null;
  ci95: Interval | null;
  adjustedCi95: Interval | null;
}

/**
 * Indirect standardisation: expected = the mean of the org's stratum means over this person's
 * conversations; adjusted = org mean + (observed − expected). Its interval is the t interval of the
 * residuals (y − expected) shifted by the org mean; for a yes/no metric, the Wilson interval of the
 * observed share shifted the same way (adjusted − observed), because the t interval collapses to a
 * point when every conversation went the same way (17 of 17 within SLA is not "exactly 100 %").
 * A t interval stops at the metric's `range` (four human reviews of 0 and 100 do not put the mean
 * anywhere in −35–110); the adjusted one stretches only as far as the adjusted value itself.
 */
export function estimate(
  s: MetricSums,
  orgMean: number | null,
  binary: boolean,
  range: readonly [number, number] = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
): Estimate {
  if (s.n === 0 || orgMean === null) {
    return { n: s.n, value: null, expected: null, adjusted: null, ci95: null, adjustedCi95: null };
  }
  const value = s.sum / s.n;
  const expected = s.sumExpected / s.n;
  const residualSum = s.sum - s.sumExpected;
  const adjusted = orgMean + residualSum / s.n;
  const bounds: Interval = binary ? [0, 1] : [range[0], range[1]];
  const ci95 = binary ? wilsonInterval(s.sum, s.n) : meanInterval(s.n, s.sum, s.sumSq);
  // Moved as the value moved (a yes/no metric: by adjusted − observed), within the bounds unless the
  // adjusted value itself lies outside them.
  const moved: Interval = binary
    ? [ci95[0] + adjusted - value, ci95[1] + adjusted - value]
    : shifted(meanInterval(s.n, residualSum, s.sumResidualSq), orgMean);
  return {
    n: s.n,
    value,
    expected,
    adjusted,
    ci95: finite(within(ci95, bounds)),
    adjustedCi95: finite(
      within(moved, [Math.min(bounds[0], adjusted), Math.max(bounds[1], adjusted)]),
    ),
  };
}

const shifted = (i: Interval, by: number): Interval => [i[0] + by, i[1] + by];

/** A finite interval cut to the bounds; an unbounded one (n < 2) stays unbounded. */
function within(i: Interval, [lo, hi]: Interval): Interval {
  if (!Number.isFinite(i[0]) || !Number.isFinite(i[1])) return i;
  return [Math.max(lo, i[0]), Math.min(hi, i[1])];
}

/** JSON has no infinity: an unbounded interval is reported as null. */
function finite(i: Interval): Interval | null {
  return Number.isFinite(i[0]) && Number.isFinite(i[1]) ? i : null;
}

/**
 * Rank ranges that only claim what the intervals support: best rank = 1 + the number of people
 * whose interval lies wholly above this one's (clearly better), worst = n − the number wholly below.
 * People whose intervals overlap share ranks; someone without an interval gets the full range.
 */
export function rankRanges(
  items: { id: string; interval: Interval | null }[],
  higherIsBetter: boolean,
): Map<string, { best: number; worst: number }> {
  const out = new Map<string, { best: number; worst: number }>();
  for (const a of items) {
    let better = 0;
    let worse = 0;
    for (const b of items) {
      if (a === b || !a.interval || !b.interval) continue;
      const bAbove = b.interval[0] > a.interval[1];
      const bBelow = b.interval[1] < a.interval[0];
      if (higherIsBetter ? bAbove : bBelow) better++;
      if (higherIsBetter ? bBelow : bAbove) worse++;
    }
    out.set(a.id, { best: 1 + better, worst: items.length - worse });
  }
  return out;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

export interface Comparison {
  difference: number;
  ci95: Interval;
  z: number;
  /** One-sided p-value of "after is worse than before" in the metric's good direction. */
  pWorse: number;
}

/** Welch comparison of two means of residuals (after − before) from their sums. */
export function compareMeans(
  before: MetricSums,
  after: MetricSums,
  higherIsBetter: boolean,
): Comparison | null {
  if (before.n < 2 || after.n < 2) return null;
  const rb = before.sum - before.sumExpected;
  const ra = after.sum - after.sumExpected;
  const vb = sampleVariance(before.n, rb, before.sumResidualSq) / before.n;
  const va = sampleVariance(after.n, ra, after.sumResidualSq) / after.n;
  const difference = ra / after.n - rb / before.n;
  const se = Math.sqrt(vb + va);
  const z = se > 0 ? difference / se : 0;
  const signed = higherIsBetter ? z : -z;
  return {
    difference,
    ci95: [difference - 1.959964 * se, difference + 1.959964 * se],
    z,
    pWorse: se > 0 ? normalCdf(signed) : 0.5,
  };
}

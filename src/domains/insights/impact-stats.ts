/**
 * The statistics behind a fix's measured impact: rates per 1,000 with a rate ratio, proportions and
 * means before and after with 95 % intervals, and a difference in differences against the
 * untargeted conversations, all in closed form (Wald intervals on the log or natural scale).
 * Pure functions; no database.
 */

const Z95 = 1.959963984540054;

export interface RateRatio {
  ratio: number | null;
  ci95: [number, number] | null;
}

/**
 * Ratio of two proportions a1/n1 ÷ a0/n0 with a log-scale Wald interval (Katz). Zero counts get
 * 0.5 added to every cell, so an emptied reason still gets a finite, honest interval.
 */
export function riskRatio(a1: number, n1: number, a0: number, n0: number): RateRatio {
  if (n1 <= 0 || n0 <= 0) return { ratio: null, ci95: null };
  const zero = a1 === 0 || a0 === 0 || a1 === n1 || a0 === n0;
  const c = zero ? 0.5 : 0;
  const [x1, m1, x0, m0] = [a1 + c, n1 + 2 * c, a0 + c, n0 + 2 * c];
  const ratio = x1 / m1 / (x0 / m0);
  const se = Math.sqrt(Math.max(0, 1 / x1 - 1 / m1 + 1 / x0 - 1 / m0));
  return { ratio, ci95: [ratio * Math.exp(-Z95 * se), ratio * Math.exp(Z95 * se)] };
}

export interface Estimate {
  value: number | null;
  ci95: [number, number] | null;
  n: number;
}

/** A proportion with its Wilson 95 % interval (well-behaved near 0 and 1). */
export function proportion(successes: number, n: number): Estimate {
  if (n <= 0) return { value: null, ci95: null, n: 0 };
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, ci95: [Math.max(0, centre - half), Math.min(1, centre + half)], n };
}

/** A mean from its sum, sum of squares and count, with a normal 95 % interval. */
export function mean(sum: number, sumSquares: number, n: number): Estimate {
  if (n <= 0) return { value: null, ci95: null, n: 0 };
  const m = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSquares - n * m * m) / (n - 1)) : 0;
  const half = Z95 * Math.sqrt(variance / n);
  return { value: m, ci95: [m - half, m + half], n };
}

/** The after − before difference of two estimates with a 95 % interval (independent samples). */
export function difference(before: Estimate, after: Estimate): Estimate {
  if (before.value === null || after.value === null || !before.ci95 || !after.ci95) {
    return { value: null, ci95: null, n: before.n + after.n };
  }
  const seB = (before.ci95[1] - before.ci95[0]) / (2 * Z95);
  const seA = (after.ci95[1] - after.ci95[0]) / (2 * Z95);
  const d = after.value - before.value;
  const half = Z95 * Math.sqrt(seB * seB + seA * seA);
  return { value: d, ci95: [d - half, d + half], n: before.n + after.n };
}

/**
 * Difference in differences on the log scale: how the targeted volume changed (after ÷ before)
 * relative to how the untargeted volume changed over the same weeks. Counts are treated as Poisson;
 * a ratio below 1 means the targeted contacts fell more than the rest, so a seasonal drop that hit
 * every reason is not credited to the fix.
 */
export function differenceInDifferences(
  targetedBefore: number,
  targetedAfter: number,
  otherBefore: number,
  otherAfter: number,
): RateRatio {
  if (otherBefore <= 0 || otherAfter <= 0) return { ratio: null, ci95: null };
  const c = targetedBefore === 0 || targetedAfter === 0 ? 0.5 : 0;
  const [tb, ta] = [targetedBefore + c, targetedAfter + c];
  if (tb === 0) return { ratio: null, ci95: null };
  const ratio = ta / tb / (otherAfter / otherBefore);
  const se = Math.sqrt(1 / tb + 1 / ta + 1 / otherBefore + 1 / otherAfter);
  return { ratio, ci95: [ratio * Math.exp(-Z95 * se), ratio * Math.exp(Z95 * se)] };
}

/** A fix meant to remove contacts should cut them by at least a quarter. */
const NO_EFFECT_FLOOR = 0.75;

export type Verdict = "worked" | "did_not_work" | "inconclusive";

/**
 * Worked: both the rate ratio and the difference in differences are surely below 1. Did not work:
 * the data rule out the reduction a fix is for, a quarter or more (an interval's lower end is at
 * or above 0.75). Anything else is inconclusive: too few conversations to tell either way.
 */
export function verdictOf(rate: RateRatio, did: RateRatio): Verdict {
  if (!rate.ci95 || !did.ci95) return "inconclusive";
  if (rate.ci95[1] < 1 && did.ci95[1] < 1) return "worked";
  if (rate.ci95[0] >= NO_EFFECT_FLOOR || did.ci95[0] >= NO_EFFECT_FLOOR) return "did_not_work";
  return "inconclusive";
}

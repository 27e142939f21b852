/**
 * Service-level shortfall and the credit it earns under a contract's bands. Pure, property-tested
 * (bands.test.ts): the penalty arithmetic is what a vendor will dispute, so it must be monotone,
 * capped and zero when the level is met.
 */

/** Higher is better (answer rate, QA score) or lower is better (abandonment). */
export type Direction = "higher" | "lower";

/** A band of shortfall, in the metric's own units, from (exclusive) to (inclusive; null = no upper end). */
export interface CreditBand {
  from: number;
  to: number | null;
  /** Credit owed for a shortfall in this band, percent of the monthly fee. */
  creditPercent: number;
}

/** How far `actual` falls short of `target`; 0 when met or exceeded. */
export function shortfallOf(direction: Direction, target: number, actual: number): number {
  const gap = direction === "higher" ? target - actual : actual - target;
  // Rounded to 1e-9 so 95 − 94.9 does not land in a band edge by floating-point noise.
  return gap > 0 ? Math.round(gap * 1e9) / 1e9 : 0;
}

/**
 * The band a shortfall falls in, or null when it is zero or in no band. With overlapping bands the
 * highest credit applies (the contract's reading most favourable to the client is the usual rule).
 */
export function bandFor(bands: readonly CreditBand[], shortfall: number): CreditBand | null {
  if (shortfall <= 0) return null;
  let best: CreditBand | null = null;
  for (const b of bands) {
    const inside = shortfall > b.from && (b.to === null || shortfall <= b.to);
    if (inside && (best === null || b.creditPercent > best.creditPercent)) best = b;
  }
  return best;
}

export interface LevelOutcome {
  shortfall: number;
  band: CreditBand | null;
  creditPercent: number;
}

/** One service level's result for a month; a missing figure earns no credit (shown as "no data"). */
export function assessLevel(
  level: { direction: Direction; target: number; bands: readonly CreditBand[] },
  actual: number | null,
): LevelOutcome {
  if (actual === null) return { shortfall: 0, band: null, creditPercent: 0 };
  const shortfall = shortfallOf(level.direction, level.target, actual);
  const band = bandFor(level.bands, shortfall);
  return { shortfall, band, creditPercent: band?.creditPercent ?? 0 };
}

/** The month's total credit: the sum of the levels' credits, capped, as an amount of the fee (cents rounded). */
export function totalCredit(
  creditPercents: readonly number[],
  capPercent: number,
  monthlyFee: number,
): { percent: number; amount: number; capped: boolean } {
  const sum = creditPercents.reduce((a, b) => a + b, 0);
  const percent = Math.min(sum, capPercent);
  return {
    percent,
    amount: Math.round(monthlyFee * percent) / 100,
    capped: sum > capPercent,
  };
}

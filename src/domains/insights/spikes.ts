/**
 * Spike detection for a reason's weekly volume: a p-chart on the reason's share of all
 * conversations. The expected count for a week is the reason's share on each weekday over its own
 * previous weeks times the week's total volume on that weekday, so a busy week or a week cut short
 * (today's) does not look like a spike, and a Monday-heavy reason is judged against Mondays.
 * The upper control limit is expected + 3σ (binomial). Pure functions.
 */

import { groupBy } from "../../lib/group-by.ts";

export interface DailyCounts {
  /** Monday-based week start, YYYY-MM-DD. */
  week: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  reason: number;
  total: number;
}

export interface WeekCheck {
  week: string;
  count: number;
  expected: number;
  upperLimit: number;
  spike: boolean;
}

/** Weeks of history a week is judged against, and the fewest weeks needed to judge at all. */
export const HISTORY_WEEKS = 8;
const MIN_HISTORY_WEEKS = 3;
/** A spike needs at least this many conversations, so 1 → 4 in a quiet reason is not an alert. */
const MIN_SPIKE_COUNT = 5;

/** Checks every week that has enough history before it, oldest first. */
export function checkWeeks(days: DailyCounts[]): WeekCheck[] {
  const weeks = [...new Set(days.map((d) => d.week))].sort();
  const byWeek = groupBy(days, (d) => d.week);
  const out: WeekCheck[] = [];
  weeks.forEach((week, i) => {
    if (i < MIN_HISTORY_WEEKS) return;
    const history = weeks
      .slice(Math.max(0, i - HISTORY_WEEKS), i)
      .flatMap((w) => byWeek.get(w) ?? []);
    const share = new Array<number>(7).fill(0).map((_, wd) => {
      const h = history.filter((d) => d.weekday === wd);
      const total = h.reduce((s, d) => s + d.total, 0);
      return total > 0 ? h.reduce((s, d) => s + d.reason, 0) / total : undefined;
    });
    const overallTotal = history.reduce((s, d) => s + d.total, 0);
    const overall = overallTotal > 0 ? history.reduce((s, d) => s + d.reason, 0) / overallTotal : 0;
    let expected = 0;
    let variance = 0;
    let count = 0;
    for (const d of byWeek.get(week) ?? []) {
      const p = share[d.weekday] ?? overall;
      expected += d.total * p;
      variance += d.total * p * (1 - p);
      count += d.reason;
    }
    // σ floor of 1: a reason that never appeared would otherwise alert on its first conversation.
    const upperLimit = expected + 3 * Math.max(1, Math.sqrt(variance));
    out.push({
      week,
      count,
      expected,
      upperLimit,
      spike: count > upperLimit && count >= MIN_SPIKE_COUNT,
    });
  });
  return out;
}

/** Monday (UTC) of the week holding `d`, as YYYY-MM-DD. */
export function weekStartOf(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
  return monday.toISOString().slice(0, 10);
}

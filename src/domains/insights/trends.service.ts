/**
 * Weekly volume per reason, spike checks against each reason's own history, and the alert to the
 * reason's owner (or the org's leaders) through the in-app notifications cases use, which the
 * notification e-mail job also sends when SMTP is configured.
 */
import type { Db } from "../../db/client.ts";
import { foldAllDeltaRows } from "../../db/delta-rollups.ts";
import * as notify from "./notify.repo.ts";
import * as repo from "./reasons.repo.ts";
import {
  checkWeeks,
  HISTORY_WEEKS,
  weekStartOf,
  type DailyCounts,
  type WeekCheck,
} from "./spikes.ts";

const DAY_MS = 86_400_000;

export interface ReasonTrend {
  reasonId: string;
  weeks: WeekCheck[];
}

function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** Weekly counts with expected volume and control limit, for one reason or all, over `weeks` weeks. */
export async function reasonTrends(
  db: Db,
  orgId: string,
  opts: { weeks: number; reasonId?: string; now?: Date },
): Promise<ReasonTrend[]> {
  const now = opts.now ?? new Date();
  const from = new Date(
    Date.parse(weekStartOf(now)) - (opts.weeks + HISTORY_WEEKS - 1) * 7 * DAY_MS,
  );
  const { reasons, totals } = await repo.findDailyCounts(db, orgId, from, opts.reasonId);
  const totalByDay = new Map(totals.map((t) => [t.day, Number(t.n)]));
  const byReason = new Map<string, Map<string, number>>();
  for (const r of reasons) {
    const m = byReason.get(r.reason_id) ?? new Map<string, number>();
    m.set(r.day, Number(r.n));
    byReason.set(r.reason_id, m);
  }
  const firstShown = new Date(Date.parse(weekStartOf(now)) - (opts.weeks - 1) * 7 * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return [...byReason].map(([reasonId, counts]) => {
    const days: DailyCounts[] = [...totalByDay].map(([day, total]) => ({
      week: weekStartOf(new Date(`${day}T00:00:00Z`)),
      weekday: weekdayOf(day),
      reason: counts.get(day) ?? 0,
      total,
    }));
    return { reasonId, weeks: checkWeeks(days).filter((w) => w.week >= firstShown) };
  });
}

/** Folds the reason day counts' delta rows, bounded per call (5,000 keys a round). */
export function foldReasonDays(db: Db, maxRounds = 20): Promise<number> {
  return foldAllDeltaRows(db, [repo.REASON_DAY_ROLLUP], { maxRounds });
}

/**
 * Records and announces this week's and last week's spikes. Each (reason, week) alerts once,
 * however often the job runs. Returns how many new spikes were found.
 */
export async function detectSpikes(db: Db, orgId: string, now = new Date()): Promise<number> {
  const trends = await reasonTrends(db, orgId, { weeks: 2, now });
  const reasons = new Map((await repo.listActiveReasons(db, orgId)).map((r) => [r.id, r]));
  let found = 0;
  for (const t of trends) {
    const reason = reasons.get(t.reasonId);
    if (!reason) continue;
    for (const w of t.weeks.filter((x) => x.spike)) {
      const fresh = await repo.insertSpike(db, {
        orgId,
        reasonId: t.reasonId,
        weekStart: w.week,
        count: w.count,
        expected: w.expected,
        upperLimit: w.upperLimit,
      });
      if (!fresh) continue;
      found++;
      const people = reason.ownerUserId
        ? [reason.ownerUserId]
        : await notify.findLeaderIds(db, orgId);
      const name = reason.name ?? reason.label;
      await notify.insertNotifications(
        db,
        people.map((userId) => ({
          orgId,
          userId,
          kind: "reason_spike",
          dedupeKey: `reason-spike:${t.reasonId}:${w.week}`,
          message: `Contact reason "${name}" spiked in the week of ${w.week}: ${w.count} conversations, expected ${w.expected.toFixed(0)} (limit ${w.upperLimit.toFixed(0)})`,
        })),
      );
    }
  }
  return found;
}

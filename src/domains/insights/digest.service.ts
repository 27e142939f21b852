/**
 * The executives' weekly digest: reasons rising against their own history, spikes, and the fixes
 * shipped in the last eight weeks with their measured effect. Served live by the API and written
 * weekly by a job, which also notifies the executives in the app (and by e-mail through the
 * notification e-mail job when SMTP is configured).
 */
import type { Db } from "../../db/client.ts";
import { insightDigests } from "../../db/schema/index.ts";
import { fixImpact, listFixes } from "./fixes.service.ts";
import * as notify from "./notify.repo.ts";
import * as repo from "./reasons.repo.ts";
import { weekStartOf } from "./spikes.ts";
import { reasonTrends } from "./trends.service.ts";

const DAY_MS = 86_400_000;

export async function buildDigest(db: Db, orgId: string, now = new Date()) {
  const trends = await reasonTrends(db, orgId, { weeks: 5, now });
  const names = new Map(
    (await repo.listActiveReasons(db, orgId)).map((r) => [r.id, r.name ?? r.label]),
  );
  // The last full week against the four before it.
  const lastWeek = new Date(Date.parse(weekStartOf(now)) - 7 * DAY_MS).toISOString().slice(0, 10);
  const rising = trends
    .flatMap((t) => {
      const last = t.weeks.find((w) => w.week === lastWeek);
      const prior = t.weeks.filter((w) => w.week < lastWeek);
      if (!last || !names.has(t.reasonId) || prior.length === 0) return [];
      const before = prior.reduce((s, w) => s + w.count, 0) / prior.length;
      return [
        {
          reasonId: t.reasonId,
          name: names.get(t.reasonId)!,
          lastWeek: last.count,
          weeklyAverageBefore: before,
          spike: last.spike,
        },
      ];
    })
    .filter((r) => r.lastWeek > r.weeklyAverageBefore && r.lastWeek >= 3)
    .sort((a, b) => b.lastWeek - b.weeklyAverageBefore - (a.lastWeek - a.weeklyAverageBefore))
    .slice(0, 5);
  const since = now.getTime() - 56 * DAY_MS;
  const recent = (await listFixes(db, orgId)).filter(
    (f) => f.shippedAt.getTime() >= since && f.shippedAt <= now,
  );
  const fixes = [];
  for (const f of recent) {
    const impact = await fixImpact(db, orgId, f.id);
    fixes.push({
      id: f.id,
      title: f.title,
      shippedAt: f.shippedAt.toISOString(),
      rateRatio: impact.rateRatio,
      ci95: impact.ci95,
      verdict: impact.verdict,
    });
  }
  return { weekStart: lastWeek, generatedAt: now.toISOString(), risingReasons: rising, fixes };
}
export type Digest = Awaited<ReturnType<typeof buildDigest>>;

/** Writes this week's digest once and tells the executives; returns false if already written. */
export async function writeWeeklyDigest(db: Db, orgId: string, now = new Date()): Promise<boolean> {
  const digest = await buildDigest(db, orgId, now);
  const rows = await db
    .insert(insightDigests)
    .values({ orgId, weekStart: digest.weekStart, body: digest })
    .onConflictDoNothing()
    .returning();
  if (rows.length === 0) return false;
  const rising = digest.risingReasons.map((r) => r.name).join(", ") || "none";
  const fixes =
    digest.fixes.map((f) => `${f.title}: ${f.verdict.replaceAll("_", " ")}`).join("; ") || "none";
  await notify.insertNotifications(
    db,
    (await notify.findExecIds(db, orgId)).map((userId) => ({
      orgId,
      userId,
      kind: "insights_digest",
      dedupeKey: `insights-digest:${digest.weekStart}`,
      message: `Insights for the week of ${digest.weekStart}. Rising reasons: ${rising}. Fixes: ${fixes}.`,
    })),
  );
  return true;
}

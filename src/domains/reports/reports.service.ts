import type { Db } from "../../db/client.ts";
import { foldAllDeltaRows } from "../../db/delta-rollups.ts";
import type { Principal } from "../../lib/principal.ts";
import { findAgentIdsOfUser } from "../conversations/index.ts";
import * as repo from "./reports.repo.ts";
import type { Overview, OverviewQuery, ReportWindowQuery } from "./reports.schemas.ts";

const DAY_MS = 86_400_000;

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The whole UTC days a report covers: `from`..`to`, or the last `days` ending today. */
export function reportWindow(
  q: ReportWindowQuery,
  now = Date.now(),
): { fromDay: string; toDay: string } {
  const toDay = q.to ?? utcDay(now);
  const fromDay = q.from ?? utcDay(Date.parse(`${toDay}T00:00:00Z`) - (q.days - 1) * DAY_MS);
  return { fromDay, toDay };
}

async function baseFilter(db: Db, principal: Principal, q: ReportWindowQuery) {
  // An agent's reports cover their own conversations only, like the conversation list.
  const onlyAgentIds =
    principal.kind === "session" && principal.role === "agent"
      ? await findAgentIdsOfUser(db, principal.orgId, principal.userId)
      : undefined;
  return { orgId: principal.orgId, ...reportWindow(q), onlyAgentIds };
}

/** Conversations per UTC day and channel, from the report rollups. */
export async function volumeByDay(db: Db, principal: Principal, q: ReportWindowQuery) {
  const rows = await repo.sumVolumeByDay(db, await baseFilter(db, principal, q));
  return { days: rows.map((r) => ({ day: r.day, channel: r.channel, count: Number(r.count) })) };
}

function mean(sum: number, n: number): number | null {
  return n > 0 ? Math.round((sum / n) * 1000) / 1000 : null;
}

/** Volume, predicted satisfaction, sentiment and signals per day for the leaders' dashboard. */
export async function overview(db: Db, principal: Principal, q: OverviewQuery): Promise<Overview> {
  const filter = {
    ...(await baseFilter(db, principal, q)),
    channel: q.channel,
    teamId: q.teamId,
    agentId: q.agentId,
  };
  const [rows, signals] = await Promise.all([
    repo.sumTotalsByDay(db, filter),
    repo.sumSignals(db, filter),
  ]);
  const sum = (pick: (r: repo.DayTotals) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const analysed = sum((r) => r.analysed);
  return {
    from: filter.fromDay,
    to: filter.toDay,
    totals: {
      conversations: sum((r) => r.conversations),
      messages: sum((r) => r.messages),
      analysed,
      satisfaction: mean(
        sum((r) => r.satisfactionSum),
        analysed,
      ),
      sentiment: mean(
        sum((r) => r.sentimentSum),
        analysed,
      ),
      negative: sum((r) => r.negative),
      neutral: sum((r) => r.neutral),
      positive: sum((r) => r.positive),
    },
    days: rows.map((r) => ({
      day: r.day,
      conversations: r.conversations,
      analysed: r.analysed,
      satisfaction: mean(r.satisfactionSum, r.analysed),
      sentiment: mean(r.sentimentSum, r.analysed),
      negative: r.negative,
      neutral: r.neutral,
      positive: r.positive,
    })),
    signals,
  };
}

/** Folds delta rows until none are left to fold (bounded per call so one run stays short). */
export function compactRollups(db: Db, maxRounds = 20): Promise<number> {
  return foldAllDeltaRows(db, repo.DAY_ROLLUPS, { maxRounds });
}

/** Recomputes rollups from the live tables, for one org or all. */
export async function rebuildRollups(db: Db, orgId: string | null): Promise<void> {
  await db.transaction((tx) => repo.rebuildRollups(tx, orgId));
}

import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { hasMessageMatching } from "../../db/search-query.ts";
import { fixes, ideas } from "../../db/schema/index.ts";
import { ANALYSIS_FACTS, analysisOf } from "./fix-conversations.repo.ts";

export type FixRow = typeof fixes.$inferSelect;
export type FixTarget = FixRow["target"];

export async function insertFix(db: Db, values: typeof fixes.$inferInsert): Promise<FixRow> {
  const [row] = await db.insert(fixes).values(values).returning();
  return row!;
}

export async function updateFix(
  db: Db,
  orgId: string,
  id: string,
  values: Partial<
    Pick<FixRow, "title" | "description" | "shippedAt" | "target" | "searchFilledFor">
  >,
): Promise<FixRow | null> {
  const [row] = await db
    .update(fixes)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(fixes.orgId, orgId), eq(fixes.id, id)))
    .returning();
  return row ?? null;
}

/** Deletes a fix (its matches cascade) and unlinks the ideas that pointed at it, in one transaction. */
export async function deleteFix(db: Db, orgId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(fixes)
      .where(and(eq(fixes.orgId, orgId), eq(fixes.id, id)))
      .returning({ id: fixes.id });
    if (rows.length === 0) return false;
    await tx
      .update(ideas)
      .set({ fixId: null, updatedAt: new Date() })
      .where(and(eq(ideas.orgId, orgId), eq(ideas.fixId, id)));
    return true;
  });
}

export async function findFix(db: Db, orgId: string, id: string): Promise<FixRow | null> {
  const [row] = await db
    .select()
    .from(fixes)
    .where(and(eq(fixes.orgId, orgId), eq(fixes.id, id)));
  return row ?? null;
}

export async function listFixes(db: Db, orgId: string, limit: number): Promise<FixRow[]> {
  return db
    .select()
    .from(fixes)
    .where(eq(fixes.orgId, orgId))
    .orderBy(desc(fixes.shippedAt))
    .limit(limit);
}

/**
 * The targeted conversations started in [from, to), as `(id, started_at, repeat_contact, complaint,
 * satisfaction)`: any of the target's parts matches (a saved full-text search over its messages,
 * its contact reason, or a case with the root cause code). Each part takes its own index: a search
 * its fix's `fix_conversations` entries by (fix, started_at) once filled for that search, facts
 * included (until then, the window's conversations with a matching message), a reason its (reason,
 * started_at) entries, a root cause its cases; the parts other than the filled search read each
 * conversation's analysis. A conversation several parts match counts once.
 */
function targetHits(fix: FixRow, from: Date, to: Date): SQL {
  const { orgId, target: t } = fix;
  const parts: SQL[] = [];
  if (t.search && fix.searchFilledFor === t.search) {
    parts.push(sql`select fc.conversation_id, fc.started_at, fc.repeat_contact, fc.complaint,
        fc.satisfaction from fix_conversations fc
      where fc.org_id = ${orgId} and fc.fix_id = ${fix.id}
        and fc.started_at >= ${from} and fc.started_at < ${to}`);
  } else if (t.search) {
    parts.push(sql`select c.id, c.started_at, ${ANALYSIS_FACTS} from conversations c
      ${analysisOf(sql`${orgId}`, sql`c.id`)}
      where c.org_id = ${orgId} and c.started_at >= ${from} and c.started_at < ${to}
        and ${hasMessageMatching(sql`c.org_id`, sql`c.id`, t.search)}`);
  }
  if (t.reasonId) {
    // Merging moves a reason's conversations to the survivor: the caller passes the reason the
    // target was merged into (fixes.service, fixImpact). An assignment carries its conversation's
    // start.
    parts.push(sql`select cr.conversation_id, cr.started_at, ${ANALYSIS_FACTS}
      from conversation_reasons cr ${analysisOf(sql`${orgId}`, sql`cr.conversation_id`)}
      where cr.org_id = ${orgId} and cr.reason_id = ${t.reasonId}::uuid
        and cr.started_at >= ${from} and cr.started_at < ${to}`);
  }
  if (t.rootCauseCode) {
    parts.push(sql`select c.id, c.started_at, ${ANALYSIS_FACTS} from cases k
      join root_causes rc on rc.org_id = k.org_id and rc.id = k.root_cause_id
      join conversations c on c.org_id = k.org_id and c.id = k.conversation_id
      ${analysisOf(sql`${orgId}`, sql`c.id`)}
      where k.org_id = ${orgId} and rc.code = ${t.rootCauseCode}
        and c.started_at >= ${from} and c.started_at < ${to}`);
  }
  if (parts.length === 0) {
    return sql`select null::uuid, null::timestamptz, false, false, null::float8 where false`;
  }
  if (parts.length === 1) return parts[0]!;
  // Facts the listener has yet to refresh may differ between parts for a moment: one row per id.
  return sql`select distinct on (1) * from (${sql.join(parts, sql` union all `)}) p order by 1`;
}

/** One week of the window on one side of the ship date (a week the ship date cuts has two). */
export interface ImpactCell {
  /** Whole weeks since the window's start. */
  week: number;
  period: "before" | "after";
  total: number;
  targeted: number;
  repeat: number;
  complaint: number;
  sat_n: number;
  sat_sum: number;
  sat_sq: number;
  survey_n: number;
  survey_sum: number;
  survey_sq: number;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The window [from, to) cut at every whole week since `from` and at the ship date, into cells of
 * one week and one side of the ship date. Counting by range per cell lets each cell read the start-time index
 * (a per-row week expression made PostgreSQL sort the whole window).
 */
function windowCuts(from: Date, shippedAt: Date, to: Date): number[] {
  const cuts = new Set([from.getTime(), shippedAt.getTime(), to.getTime()]);
  for (let t = from.getTime() + WEEK_MS; t < to.getTime(); t += WEEK_MS) cuts.add(t);
  return [...cuts].sort((a, b) => a - b);
}

/** Cell `n` is [cuts[n − 1], cuts[n]), as `width_bucket` numbers it. */
function windowCells(cuts: number[], from: Date, shippedAt: Date): SQL {
  const rows = cuts.slice(1).map((hi, i) => {
    const lo = cuts[i]!;
    const week = Math.floor((lo - from.getTime()) / WEEK_MS);
    const period = lo < shippedAt.getTime() ? "before" : "after";
    return sql`(${i + 1}::int, ${week}::int, ${period}::text, ${new Date(lo)}::timestamptz, ${new Date(hi)}::timestamptz)`;
  });
  return sql`values ${sql.join(rows, sql`, `)}`;
}

/**
 * The conversations started in [shippedAt − days, shippedAt + days), by week and side of the ship
 * date: how many, and for the targeted ones repeat contacts, complaints, predicted satisfaction and
 * CSAT survey scores. The totals come from the start-time index alone; the targeted conversations
 * bring their analysis facts (see `targetHits`) and are joined to their surveys (grouped once, not
 * probed per conversation).
 */
export async function findImpactCells(db: Db, fix: FixRow, days: number): Promise<ImpactCell[]> {
  const { orgId, shippedAt } = fix;
  const from = new Date(shippedAt.getTime() - days * 86_400_000);
  const to = new Date(shippedAt.getTime() + days * 86_400_000);
  const cuts = windowCuts(from, shippedAt, to);
  const cutsArray = sql`${sql.param(cuts.map((t) => new Date(t).toISOString()))}::timestamptz[]`;
  const rows = await queryRows<Record<string, string | number | null>>(
    db,
    sql`with hit(id, started_at, repeat_contact, complaint, satisfaction) as (${targetHits(fix, from, to)}),
        cell(n, week, period, lo, hi) as (${windowCells(cuts, from, shippedAt)}),
        totals as (
          select k.week, k.period, count(*)::int as total
          from cell k join conversations c
            on c.org_id = ${orgId} and c.started_at >= k.lo and c.started_at < k.hi
          group by 1, 2
        ), surveyed as (
          select sr.conversation_id as id, avg(sr.score)::float8 as survey from survey_responses sr
            join surveys sv on sv.org_id = sr.org_id and sv.id = sr.survey_id
          where sr.org_id = ${orgId} and sv.type = 'csat' and sr.score is not null
            and sr.conversation_id in (select id from hit)
          group by 1
        ), targeted as (
          select k.week, k.period,
            count(*)::int as targeted,
            count(*) filter (where h.repeat_contact)::int as repeat,
            count(*) filter (where h.complaint)::int as complaint,
            count(h.satisfaction)::int as sat_n,
            -- Summed as numeric, exactly: a float sum depends on the order the plan reads the
            -- rows in, so the same impact could differ in its last digits from one call to the next.
            coalesce(sum(h.satisfaction::numeric), 0)::float8 as sat_sum,
            coalesce(sum(h.satisfaction::numeric * h.satisfaction::numeric), 0)::float8 as sat_sq,
            count(s.survey)::int as survey_n,
            coalesce(sum(s.survey), 0)::float8 as survey_sum,
            coalesce(sum(s.survey * s.survey), 0)::float8 as survey_sq
          from hit h join cell k on k.n = width_bucket(h.started_at, ${cutsArray})
          left join surveyed s on s.id = h.id
          group by 1, 2
        )
        select t.week, t.period, t.total, coalesce(g.targeted, 0) as targeted, coalesce(g.repeat, 0) as repeat,
          coalesce(g.complaint, 0) as complaint, coalesce(g.sat_n, 0) as sat_n, coalesce(g.sat_sum, 0) as sat_sum,
          coalesce(g.sat_sq, 0) as sat_sq, coalesce(g.survey_n, 0) as survey_n,
          coalesce(g.survey_sum, 0) as survey_sum, coalesce(g.survey_sq, 0) as survey_sq
        from totals t left join targeted g on g.week = t.week and g.period = t.period
        order by t.week, t.period desc`,
  );
  return rows.map((r) => ({
    week: Number(r.week),
    period: r.period as "before" | "after",
    total: Number(r.total),
    targeted: Number(r.targeted),
    repeat: Number(r.repeat),
    complaint: Number(r.complaint),
    sat_n: Number(r.sat_n),
    sat_sum: Number(r.sat_sum),
    sat_sq: Number(r.sat_sq),
    survey_n: Number(r.survey_n),
    survey_sum: Number(r.survey_sum),
    survey_sq: Number(r.survey_sq),
  }));
}

import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { fixes } from "../../db/schema/index.ts";

export type FixRow = typeof fixes.$inferSelect;
export type FixTarget = FixRow["target"];

export async function insertFix(db: Db, values: typeof fixes.$inferInsert): Promise<FixRow> {
  const [row] = await db.insert(fixes).values(values).returning();
  return row!;
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

/** Same websearch bound as the conversations search (a run of minus signs means one). */
function boundSearch(q: string): string {
  return q.replace(/-[\s-]*-/g, "-");
}

/**
 * The targeted conversations started in [from, to), as `(id, started_at)`: any of the target's parts
 * matches (a saved full-text search over its messages, its contact reason, or a case with the root
 * cause code). Each part takes its own index: a reason its (reason, started_at) entries, a root
 * cause its cases, a search the window's conversations with a matching message.
 */
function targetHits(t: FixTarget, orgId: string, from: Date, to: Date): SQL {
  const parts: SQL[] = [];
  if (t.search) {
    parts.push(sql`select c.id, c.started_at from conversations c
      where c.org_id = ${orgId} and c.started_at >= ${from} and c.started_at < ${to}
        and exists (select 1 from messages m where m.org_id = c.org_id and m.conversation_id = c.id
          and m.search @@ websearch_to_tsquery('english', ${boundSearch(t.search)}))`);
  }
  if (t.reasonId) {
    // Merging moves a reason's conversations to the survivor, so one equality covers merges; an
    // assignment carries its conversation's start.
    parts.push(sql`select cr.conversation_id, cr.started_at from conversation_reasons cr
      where cr.org_id = ${orgId} and cr.reason_id = ${t.reasonId}::uuid
        and cr.started_at >= ${from} and cr.started_at < ${to}`);
  }
  if (t.rootCauseCode) {
    parts.push(sql`select c.id, c.started_at from cases k
      join root_causes rc on rc.org_id = k.org_id and rc.id = k.root_cause_id
      join conversations c on c.org_id = k.org_id and c.id = k.conversation_id
      where k.org_id = ${orgId} and rc.code = ${t.rootCauseCode}
        and c.started_at >= ${from} and c.started_at < ${to}`);
  }
  return parts.length > 0
    ? sql.join(parts, sql` union `)
    : sql`select null::uuid, null::timestamptz where false`;
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

/**
 * The conversations started in [shippedAt − days, shippedAt + days), by week and side of the ship
 * date: how many, and for the targeted ones repeat contacts, complaints, predicted satisfaction and
 * CSAT survey scores. The totals come from the start-time index alone; only targeted conversations
 * are joined to their analyses and surveys.
 */
export async function findImpactCells(
  db: Db,
  orgId: string,
  target: FixTarget,
  shippedAt: Date,
  days: number,
): Promise<ImpactCell[]> {
  const from = new Date(shippedAt.getTime() - days * 86_400_000);
  const to = new Date(shippedAt.getTime() + days * 86_400_000);
  const weekOf = (col: SQL) =>
    sql`floor(extract(epoch from (${col} - ${from}::timestamptz)) / 604800)::int`;
  const periodOf = (col: SQL) =>
    sql`case when ${col} < ${shippedAt}::timestamptz then 'before' else 'after' end`;
  const rows = await queryRows<Record<string, string | number | null>>(
    db,
    sql`with hit(id, started_at) as (${targetHits(target, orgId, from, to)}),
        totals as (
          select ${weekOf(sql`c.started_at`)} as week, ${periodOf(sql`c.started_at`)} as period, count(*)::int as total
          from conversations c
          where c.org_id = ${orgId} and c.started_at >= ${from} and c.started_at < ${to}
          group by 1, 2
        ), targeted as (
          select ${weekOf(sql`h.started_at`)} as week, ${periodOf(sql`h.started_at`)} as period,
            count(*)::int as targeted,
            count(*) filter (where 'repeat_contact' = any(a.signal_names))::int as repeat,
            count(*) filter (where 'complaint' = any(a.signal_names))::int as complaint,
            count(a.satisfaction)::int as sat_n,
            coalesce(sum(a.satisfaction), 0)::float8 as sat_sum,
            coalesce(sum(a.satisfaction * a.satisfaction), 0)::float8 as sat_sq,
            count(s.survey)::int as survey_n,
            coalesce(sum(s.survey), 0)::float8 as survey_sum,
            coalesce(sum(s.survey * s.survey), 0)::float8 as survey_sq
          from hit h
          left join conversation_analyses a on a.org_id = ${orgId} and a.conversation_id = h.id
          left join lateral (
            select avg(sr.score)::float8 as survey from survey_responses sr
              join surveys sv on sv.org_id = sr.org_id and sv.id = sr.survey_id
            where sr.org_id = ${orgId} and sr.conversation_id = h.id and sv.type = 'csat' and sr.score is not null
          ) s on true
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

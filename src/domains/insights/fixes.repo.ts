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
 * Whether conversation `c` is targeted: any of the target's parts matches (a saved full-text
 * search over its messages, its contact reason, or a case with the root
 * cause code).
 */
function targetCondition(t: FixTarget): SQL {
  const parts: SQL[] = [];
  if (t.search) {
    parts.push(sql`exists (select 1 from messages m where m.org_id = c.org_id and m.conversation_id = c.id
      and m.search @@ websearch_to_tsquery('english', ${boundSearch(t.search)}))`);
  }
  if (t.reasonId) {
    // Merging moves a reason's conversations to the survivor, so one equality covers merges.
    parts.push(sql`exists (select 1 from conversation_reasons cr
      where cr.org_id = c.org_id and cr.conversation_id = c.id and cr.reason_id = ${t.reasonId}::uuid)`);
  }
  if (t.rootCauseCode) {
    parts.push(sql`exists (select 1 from cases k join root_causes rc on rc.org_id = k.org_id and rc.id = k.root_cause_id
      where k.org_id = c.org_id and k.conversation_id = c.id and rc.code = ${t.rootCauseCode})`);
  }
  return parts.length > 0 ? sql.join(parts, sql` or `) : sql`false`;
}

export interface PeriodFacts {
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
 * One pass over the conversations started in [shippedAt − days, shippedAt + days): totals, and for
 * the targeted ones repeat contacts, complaints, predicted satisfaction and CSAT survey scores.
 */
export async function findImpactFacts(
  db: Db,
  orgId: string,
  target: FixTarget,
  shippedAt: Date,
  days: number,
): Promise<PeriodFacts[]> {
  const from = new Date(shippedAt.getTime() - days * 86_400_000);
  const to = new Date(shippedAt.getTime() + days * 86_400_000);
  const rows = await queryRows<Record<string, string | number | null>>(
    db,
    sql`with base as (
          select c.id, c.org_id, case when c.started_at < ${shippedAt} then 'before' else 'after' end as period,
                 (${targetCondition(target)}) as targeted
          from conversations c
          where c.org_id = ${orgId} and c.started_at >= ${from} and c.started_at < ${to}
        ), targeted as (
          select b.period, a.satisfaction, a.signal_names,
            (select avg(sr.score)::float8 from survey_responses sr join surveys s on s.org_id = sr.org_id and s.id = sr.survey_id
               where sr.org_id = b.org_id and sr.conversation_id = b.id and s.type = 'csat' and sr.score is not null) as survey
          from base b left join conversation_analyses a on a.org_id = b.org_id and a.conversation_id = b.id
          where b.targeted
        )
        select p.period,
          (select count(*) from base where base.period = p.period)::int as total,
          count(t.period)::int as targeted,
          count(*) filter (where 'repeat_contact' = any(t.signal_names))::int as repeat,
          count(*) filter (where 'complaint' = any(t.signal_names))::int as complaint,
          count(t.satisfaction)::int as sat_n,
          coalesce(sum(t.satisfaction), 0)::float8 as sat_sum,
          coalesce(sum(t.satisfaction * t.satisfaction), 0)::float8 as sat_sq,
          count(t.survey)::int as survey_n,
          coalesce(sum(t.survey), 0)::float8 as survey_sum,
          coalesce(sum(t.survey * t.survey), 0)::float8 as survey_sq
        from (values ('before'), ('after')) as p(period)
        left join targeted t on t.period = p.period
        group by p.period`,
  );
  return rows.map((r) => ({
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

/** Weekly targeted and total counts over the window, for the impact chart. */
export async function findImpactWeeks(
  db: Db,
  orgId: string,
  target: FixTarget,
  shippedAt: Date,
  days: number,
) {
  const from = new Date(shippedAt.getTime() - days * 86_400_000);
  const to = new Date(shippedAt.getTime() + days * 86_400_000);
  return queryRows<{ week: number; total: number; targeted: number }>(
    db,
    sql`select floor(extract(epoch from (c.started_at - ${from}::timestamptz)) / 604800)::int as week,
          count(*)::int as total, count(*) filter (where ${targetCondition(target)})::int as targeted
        from conversations c where c.org_id = ${orgId} and c.started_at >= ${from} and c.started_at < ${to}
        group by 1 order by 1`,
  );
}

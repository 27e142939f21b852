import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

/** Minutes bucket bounds for the time-to-first-response and time-to-resolution distributions. */
export const MINUTE_BUCKETS = [60, 240, 480, 960, 2400, 4800] as const;

/** Resolved cases per bucket of business minutes (from what each added to the rollups). */
export async function distribution(
  db: Db,
  orgId: string,
  field: "firstResponseMinutes" | "resolutionMinutes",
  from: Date,
) {
  return queryRows<{ bucket: number; cases: number }>(
    db,
    sql`select width_bucket((rolled_up->>${field})::float8, ${`{${MINUTE_BUCKETS.join(",")}}`}::float8[]) as bucket,
          count(*)::int as cases
        from cases where org_id = ${orgId} and rolled_up is not null and coalesce(resolved_at, closed_at) >= ${from}
        group by 1 order by 1`,
  );
}

/** Open cases by age since their clock started. */
export async function backlogAgeing(db: Db, orgId: string, now: Date) {
  return queryRows<{ bucket: number; cases: number; breached: number }>(
    db,
    sql`select width_bucket(extract(epoch from (${now}::timestamptz - opened_at)) / 86400, '{1,3,7,14,30}'::float8[]) as bucket,
          count(*)::int as cases, count(k.breached_at)::int as breached
        from cases c left join case_clocks k on k.org_id = c.org_id and k.case_id = c.id
        where c.org_id = ${orgId} and c.status not in ('resolved', 'closed')
        group by 1 order by 1`,
  );
}

export async function recentBreaches(db: Db, orgId: string, limit: number) {
  return queryRows<{
    id: string;
    reference: string;
    title: string;
    status: string;
    severity: string;
    breached_at: Date;
    escalation_level: string;
  }>(
    db,
    sql`select c.id, c.reference, c.title, c.status, c.severity, k.breached_at, c.escalation_level
        from case_clocks k join cases c on c.org_id = k.org_id and c.id = k.case_id
        where k.org_id = ${orgId} and k.breached_at is not null
        order by k.breached_at desc limit ${limit}`,
  );
}

/**
 * Authority use per option since `from`: how many of those cases reopened afterwards, and the first
 * survey answer on the case's conversation after the use (satisfied: CSAT 4–5, NPS 9–10, CES 1–3).
 */
export async function authorityUse(db: Db, orgId: string, from: Date) {
  return queryRows<{
    option: string;
    approved: string;
    uses: number;
    amount: number;
    reopened: number;
    answered: number;
    satisfied: number;
  }>(
    db,
    sql`select e.data->>'option' as option, e.data->>'approved' as approved, count(*)::int as uses,
          coalesce(sum((e.data->>'amount')::float8), 0)::float8 as amount,
          count(*) filter (where exists (
            select 1 from case_events r where r.org_id = e.org_id and r.case_id = e.case_id
              and r.type = 'status_changed' and r.data->>'to' = 'reopened' and r.seq > e.seq))::int as reopened,
          count(a.satisfied)::int as answered,
          count(*) filter (where a.satisfied)::int as satisfied
        from case_events e
        join cases c on c.org_id = e.org_id and c.id = e.case_id
        left join lateral (
          select case s.type when 'csat' then r.score >= 4 when 'nps' then r.score >= 9
                   else r.score <= 3 end as satisfied
          from survey_responses r join surveys s on s.org_id = r.org_id and s.id = r.survey_id
          where r.org_id = e.org_id and r.conversation_id = c.conversation_id
            and r.score is not null and r.created_at >= e.at
          order by r.created_at limit 1) a on true
        where e.org_id = ${orgId} and e.type = 'authority_used' and e.at >= ${from}
        group by 1, 2 order by 1, 2`,
  );
}

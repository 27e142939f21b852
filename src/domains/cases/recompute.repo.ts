import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

export interface OpenCaseClockRow {
  id: string;
  /** As text: thousands of cases share a handful of policies, parsed once each. */
  clock_policy: string;
  /** The stored summary as a signature (see `summarySignature`), to skip writing what did not change. */
  summary: string;
}
export interface EventClockRow {
  case_id: string;
  type: string;
  at: Date | string;
  data: Record<string, unknown>;
}

const iso = (column: SQL) =>
  sql`coalesce(to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '')`;

/** A page of an organization's open cases after `afterId`, in id order (keyset). */
export async function openCasesAfter(db: Db, orgId: string, afterId: string, limit: number) {
  return queryRows<OpenCaseClockRow>(
    db,
    sql`select id, clock_policy::text as clock_policy, concat_ws('|',
          ${iso(sql`first_response_due_at`)}, ${iso(sql`resolution_due_at`)},
          ${iso(sql`first_responded_at`)}, ${iso(sql`at_risk_at`)}, ${iso(sql`breached_at`)},
          ${iso(sql`next_check_at`)},
          coalesce((select string_agg(concat_ws(',', e->>'key', e->>'kind', e->>'state', e->>'dueAt',
             e->>'atRiskAt', e->>'breachedAt'), ';' order by n)
           from jsonb_array_elements(clock_state) with ordinality as x(e, n)), '')) as summary
        from cases
        where org_id = ${orgId} and status not in ('resolved', 'closed') and id > ${afterId}::uuid
        order by id limit ${limit}`,
  );
}

/** The clock-moving events of these cases, in history order. */
export async function clockEventsOf(db: Db, orgId: string, caseIds: readonly string[]) {
  return queryRows<EventClockRow>(
    db,
    sql`select case_id, type, at, data from case_events
        where org_id = ${orgId} and type in ('opened', 'status_changed', 'responded', 'customer_replied', 'milestone')
          and case_id in (select jsonb_array_elements_text(${JSON.stringify(caseIds)}::jsonb)::uuid)
        order by case_id, seq`,
  );
}

export interface ClockSummaryRow {
  id: string;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_responded_at: string | null;
  at_risk_at: string | null;
  breached_at: string | null;
  next_check_at: string | null;
  clock_state: Record<string, unknown>[];
}

/** Writes many cases' clock summaries in one statement. */
export async function saveSummaries(db: Db, orgId: string, rows: readonly ClockSummaryRow[]) {
  if (rows.length === 0) return;
  await db.execute(sql`
    update cases c set first_response_due_at = r.first_response_due_at,
      resolution_due_at = r.resolution_due_at, first_responded_at = r.first_responded_at,
      at_risk_at = r.at_risk_at, breached_at = r.breached_at, next_check_at = r.next_check_at,
      clock_state = r.clock_state, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid,
      first_response_due_at timestamptz, resolution_due_at timestamptz, first_responded_at timestamptz,
      at_risk_at timestamptz, breached_at timestamptz, next_check_at timestamptz, clock_state jsonb)
    where c.org_id = ${orgId} and c.id = r.id`);
}

import { sql } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";

/** An open case as the bulk recompute reads it: compact, with its clock events in one string. */
export interface OpenCaseClockRow {
  id: string;
  /** md5 of the policy snapshot: thousands of cases share a handful, each fetched and parsed once. */
  policy_key: string;
  /**
   * The clock-moving events in history order, `type,epochMs,detail;…` (detail: the status moved
   * to, or the milestone). Times are cut to the millisecond as the driver cuts them for the
   * per-case path (rounding put an instant with 500 µs or more a millisecond later).
   */
  events: string | null;
  /**
   * The stored summary, null without a clocks row: the md5 of the clock state's stored text (see
   * `clockStateText`), then the six instants as epoch ms (empty when unset), joined by `,`.
   */
  stored: string | null;
}

const ms = (column: string) =>
  sql.raw(`coalesce((extract(epoch from k.${column}) * 1000)::bigint::text, '')`);

/**
 * An organization's open cases with ids in (`afterId`, `upTo`], in id order, with their events and
 * stored summaries. Both are looked up per open case, as subqueries so that the planner cannot
 * turn them into a scan of the whole table: a range read of `case_events` or `case_clocks` would
 * also read every resolved case in the range, most of an organization's cases, and a hash join
 * with all of `case_clocks` (chosen once its rows had been rewritten) cost a third of the read.
 */
export async function openCasesIn(db: Db, orgId: string, afterId: string, upTo: string | null) {
  return db.transaction(async (tx) => {
    // A page's estimated cost crosses PostgreSQL's jit_above_cost once the clocks rows have been
    // rewritten, and compiling it then took longer than running it (0.1–0.3 s a page, measured);
    // a parallel worker only splits the cases scan and costs a process start per page.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return readOpenCases(tx, orgId, afterId, upTo);
  });
}

function readOpenCases(db: Db, orgId: string, afterId: string, upTo: string | null) {
  return queryRows<OpenCaseClockRow>(
    db,
    sql`select c.id, c.clock_policy_key as policy_key,
          (select concat_ws(',', md5(k.clock_state::text), ${ms("first_response_due_at")}, ${ms("resolution_due_at")},
              ${ms("first_responded_at")}, ${ms("at_risk_at")}, ${ms("breached_at")}, ${ms("next_check_at")})
             from case_clocks k where k.org_id = c.org_id and k.case_id = c.id) as stored,
          (select string_agg(e.type || ',' || floor(extract(epoch from e.at) * 1000)::bigint || ',' ||
                coalesce(e.data->>'to', e.data->>'milestone', ''), ';' order by e.seq)
             from case_events e
             where e.org_id = c.org_id and e.case_id = c.id
               and e.type in ('opened', 'status_changed', 'responded', 'customer_replied', 'milestone')) as events
        from cases c
        where c.org_id = ${orgId} and c.status not in ('resolved', 'closed') and c.id > ${afterId}::uuid
          ${upTo === null ? sql`` : sql`and c.id <= ${upTo}::uuid`}
        order by c.id`,
  );
}

/** The id of every `size`th open case in id order: bounds of pages that can be read at once. */
export async function pageBounds(db: Db, orgId: string, size: number) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from (select id, row_number() over (order by id) as n from cases
          where org_id = ${orgId} and status not in ('resolved', 'closed')) as x
        where n % ${size} = 0 order by id`,
  );
  return rows.map((r) => r.id);
}

/** The policy snapshots of these cases, by their md5 key. */
export async function policiesOf(db: Db, orgId: string, caseIds: readonly string[]) {
  return queryRows<{ policy_key: string; clock_policy: string }>(
    db,
    sql`select distinct clock_policy_key as policy_key, clock_policy::text as clock_policy
        from cases where org_id = ${orgId} and id = any(${uuids(caseIds)})`,
  );
}

export interface ClockSummaryRow {
  id: string;
  /** first response due, resolution due, first responded, at risk, breached, next check (epoch ms). */
  instants: (number | null)[];
  /** The clock state as stored (`clockStateText`). */
  clock_state: string;
}

/**
 * Writes many cases' clock summaries in one statement (arrays, one per column) into their narrow
 * `case_clocks` rows (created for a case that has none yet). The states come as one `json` array
 * cut into elements, stored as they are (`json` is validated, not rebuilt).
 */
export async function saveSummaries(db: Db, orgId: string, rows: readonly ClockSummaryRow[]) {
  if (rows.length === 0) return;
  const column = (i: number) =>
    `{${rows.map((r) => (r.instants[i] === null ? "NULL" : String(r.instants[i]))).join(",")}}`;
  const at = (i: number) => sql`to_timestamp(r.c${sql.raw(String(i))} / 1000.0)`;
  // A plain update of the existing rows, then an insert of the missing ones: cheaper than one
  // `insert … on conflict do update`, which probes the key for each row before updating it.
  await db.execute(sql`
    with input as (
      select r.id, ${at(0)} as c0, ${at(1)} as c1, ${at(2)} as c2, ${at(3)} as c3, ${at(4)} as c4,
        ${at(5)} as c5, s.state
      from unnest(${`{${rows.map((r) => r.id).join(",")}}`}::uuid[], ${column(0)}::float8[],
          ${column(1)}::float8[], ${column(2)}::float8[], ${column(3)}::float8[],
          ${column(4)}::float8[], ${column(5)}::float8[])
          with ordinality as r(id, c0, c1, c2, c3, c4, c5, n)
        join (select e, n
            from json_array_elements(${`[${rows.map((r) => r.clock_state).join(",")}]`}::json)
              with ordinality as x(e, n)) as s(state, n) on s.n = r.n
    ), updated as (
      update case_clocks k set first_response_due_at = i.c0, resolution_due_at = i.c1,
        first_responded_at = i.c2, at_risk_at = i.c3, breached_at = i.c4, next_check_at = i.c5,
        clock_state = i.state, updated_at = now()
      from input i where k.org_id = ${orgId} and k.case_id = i.id
      returning k.case_id
    )
    insert into case_clocks (org_id, case_id, first_response_due_at, resolution_due_at,
      first_responded_at, at_risk_at, breached_at, next_check_at, clock_state)
    select ${orgId}::uuid, i.id, i.c0, i.c1, i.c2, i.c3, i.c4, i.c5, i.state from input i
    where not exists (select 1 from updated u where u.case_id = i.id)
    on conflict (org_id, case_id) do nothing`);
}

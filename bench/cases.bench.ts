/**
 * Cases benchmark (`npm run bench:cases`) on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL; a
 * scratch database is created and dropped). Targets (issue 10):
 * 1. recomputing every clock of 100,000 open cases (business-hours calendar with a lunch break and
 *    England's holidays, about 4 events each: half the cases have a customer reply running a
 *    next-response cycle) takes < 5 s;
 * 2. the SLA compliance report over a year of 1,000,000 resolved cases answers in p95 < 300 ms
 *    (read from the weekly rollups; the same report counted from the live table is the baseline);
 * 3. a case page with 1,000 history events computes its clocks in < 50 ms server time.
 * BENCH_CASES_OPEN and BENCH_CASES_TOTAL change the sizes.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../src/db/client.ts";
import {
  complianceReport,
  getCaseDetail,
  recomputeOpenClocks,
} from "../src/domains/cases/index.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import {
  cpuSince,
  machineLine,
  p50p95,
  postgresCpu,
  timeMany,
  withScratchPostgres,
} from "./scratch-db.ts";

const OPEN = Number(process.env.BENCH_CASES_OPEN ?? 100_000);
const TOTAL = Number(process.env.BENCH_CASES_TOTAL ?? 1_000_000);
const STEP = 100_000;

const POLICY = {
  calendar: {
    timeZone: "Europe/London",
    hours: Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri"].map((d) => [
        d,
        [
          ["08:00", "12:30"],
          ["13:30", "18:00"],
        ],
      ]),
    ),
    holidayRegion: { country: "GB", region: "ENG" },
  },
  targets: { firstResponseMinutes: 240, resolutionMinutes: 2400, nextResponseMinutes: 480 },
  regulatory: [{ regime: "uk_fca" }],
  atRiskRatio: 0.75,
};

const fmt = p50p95;

async function insertTeams(db: Database["db"], orgId: string) {
  await db.execute(sql`insert into teams (org_id, id, name)
    select ${orgId}::uuid, md5('team' || t)::uuid, 'Team ' || t from generate_series(0, 5) t`);
}

/** Cases `from..to`: open ones spread over the last 30 days, resolved ones over a year. */
async function insertCases(
  db: Database["db"],
  orgId: string,
  from: number,
  to: number,
  open: boolean,
) {
  const span = open ? 30 * 86_400 : 365 * 86_400;
  await db.execute(sql`
    insert into cases (org_id, id, reference, title, source, status, severity, channel, category,
      team_id, clock_policy, opened_at, resolved_at, rolled_up)
    select ${orgId}::uuid, md5('case' || i)::uuid, 'RC-' || i, 'Bench case ' || i, 'conversation',
      ${open ? sql`(array['new','in_progress','waiting_on_customer'])[1 + i % 3]::case_status` : sql`'resolved'::case_status`},
      (array['low','medium','high','critical'])[1 + i % 4]::case_severity,
      (array['phone','email','chat','social','sms'])[1 + i % 5]::channel,
      (array['billing','delivery','service','payments'])[1 + i % 4],
      md5('team' || (i % 6))::uuid, ${JSON.stringify(POLICY)}::jsonb,
      now() - ((i::bigint * 7919) % ${span}) * interval '1 second',
      ${open ? sql`null` : sql`now() - ((i::bigint * 7919) % ${span}) * interval '1 second' + (i % 97) * interval '1 hour'`},
      ${
        open
          ? sql`null`
          : sql`jsonb_build_object('resolved', 1, 'firstResponseMet', (i % 10 <> 0)::int,
        'resolutionMet', (i % 7 <> 0)::int, 'breached', (i % 7 = 0)::int,
        'firstResponseMinutes', i % 300, 'resolutionMinutes', i % 3000)`
      }
    from generate_series(${from}::int, ${to}::int) as i`);
  if (!open) return;
  // Opening a case stores its clocks row; these are empty, so the first recompute rewrites each.
  await db.execute(sql`
    insert into case_clocks (org_id, case_id)
    select org_id, id from cases where org_id = ${orgId} and reference in
      (select 'RC-' || i from generate_series(${from}::int, ${to}::int) i)`);
  await db.execute(sql`
    insert into case_events (org_id, case_id, seq, type, at, data)
    select c.org_id, c.id, 1, 'opened', c.opened_at, '{}'::jsonb
    from cases c where c.org_id = ${orgId} and c.reference in
      (select 'RC-' || i from generate_series(${from}::int, ${to}::int) i)`);
  await db.execute(sql`
    insert into case_events (org_id, case_id, seq, type, at, data)
    select c.org_id, c.id, s.seq, s.type, c.opened_at + s.seq * interval '47 minutes', s.data
    from cases c cross join lateral (values
      (2, 'responded', '{}'::jsonb),
      (3, 'status_changed', jsonb_build_object('to', 'in_progress')),
      (4, 'status_changed', jsonb_build_object('to', c.status::text)),
      (5, 'customer_replied', '{}'::jsonb)) as s(seq, type, data)
    where c.org_id = ${orgId} and c.reference in
      (select 'RC-' || i from generate_series(${from}::int, ${to}::int) i)
      and (s.seq <> 4 or c.status <> 'in_progress')
      and (s.seq <> 5 or right(c.reference, 1) in ('0', '2', '4', '6', '8'))`);
}

/** The rollups exactly as resolving each case adds them (see case-rollups.repo.ts), in bulk. */
async function buildRollups(db: Database["db"], orgId: string) {
  await db.execute(sql`
    insert into case_rollups (org_id, week, team_id, channel, category, resolved, first_response_met,
      resolution_met, breached, first_response_minutes, resolution_minutes)
    select org_id, to_char(date_trunc('week', resolved_at at time zone 'UTC'), 'YYYY-MM-DD'),
      coalesce(team_id, '00000000-0000-0000-0000-000000000000'), coalesce(channel::text, ''),
      coalesce(category, ''), count(*), sum((rolled_up->>'firstResponseMet')::int),
      sum((rolled_up->>'resolutionMet')::int), sum((rolled_up->>'breached')::int),
      sum((rolled_up->>'firstResponseMinutes')::float8), sum((rolled_up->>'resolutionMinutes')::float8)
    from cases where org_id = ${orgId} and rolled_up is not null group by 1, 2, 3, 4, 5`);
}

/** The compliance report counted from the live table: what the rollups replace. */
function liveCompliance(db: Database["db"], orgId: string) {
  return queryRows(
    db,
    sql`select team_id, count(*) as resolved, sum((rolled_up->>'firstResponseMet')::int) as fr,
          sum((rolled_up->>'resolutionMet')::int) as res, sum((rolled_up->>'breached')::int) as b
        from cases where org_id = ${orgId} and resolved_at >= now() - interval '365 days'
          and rolled_up is not null group by team_id`,
  );
}

async function caseWithHistory(db: Database["db"], orgId: string, events: number) {
  const id = "00000000-0000-4000-8000-000000000001";
  await db.execute(sql`insert into cases (org_id, id, reference, title, source, status, clock_policy, opened_at)
    values (${orgId}, ${id}, 'RC-LONG', 'A long history', 'manual', 'in_progress', ${JSON.stringify(POLICY)}::jsonb, now() - interval '60 days')`);
  await db.execute(sql`insert into case_events (org_id, case_id, seq, type, at, data)
    select ${orgId}::uuid, ${id}::uuid, i, case when i = 1 then 'opened' when i % 3 = 0 then 'note' else 'status_changed' end,
      now() - interval '60 days' + i * interval '80 minutes',
      case when i % 3 = 0 then '{"text":"checked"}'::jsonb
        else jsonb_build_object('to', case when i % 2 = 0 then 'waiting_on_customer' else 'in_progress' end) end
    from generate_series(1, ${events}) i`);
  return id;
}

await withScratchPostgres("cases", async (database) => {
  const { db } = database;
  console.log(machineLine());
  const org = await createOrg(db, "bench", "Bench");
  await insertTeams(db, org.id);

  let started = performance.now();
  for (let i = 0; i < OPEN; i += STEP)
    await insertCases(db, org.id, i, Math.min(OPEN, i + STEP) - 1, true);
  console.log(
    `inserted ${OPEN} open cases with history in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await db.execute(sql`analyze`);
  for (const run of ["first (every summary new)", "again (nothing moved)"]) {
    const pgBefore = await postgresCpu(db);
    // The connections alone too: an autovacuum worker on the freshly loaded tables may or may not
    // run during a recompute, and is counted only while it is still running at the end.
    const clientsBefore = await postgresCpu(db, { clientsOnly: true });
    started = performance.now();
    const cpu = process.cpuUsage();
    const s = await recomputeOpenClocks(db, org.id);
    const secs = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const pgUsed = cpuSince(pgBefore, await postgresCpu(db));
    const clientsUsed = cpuSince(clientsBefore, await postgresCpu(db, { clientsOnly: true }));
    console.log(
      `recomputed the clocks of ${s.cases} open cases, ${run}: ${secs.toFixed(2)} s (target < 5 s); ` +
        `read ${(s.readMs / 1000).toFixed(2)} s, replay ${(s.computeMs / 1000).toFixed(2)} s, ` +
        `write ${(s.writeMs / 1000).toFixed(2)} s (${s.written} rows); ` +
        `this process's CPU ${((used.user + used.system) / 1e6).toFixed(2)} s, ` +
        `PostgreSQL's ${(pgUsed / 1000).toFixed(2)} s (connections ${(clientsUsed / 1000).toFixed(2)} s); ` +
        machineLine(),
    );
  }

  started = performance.now();
  for (let i = OPEN; i < OPEN + TOTAL; i += STEP)
    await insertCases(db, org.id, i, Math.min(OPEN + TOTAL, i + STEP) - 1, false);
  await buildRollups(db, org.id);
  await db.execute(sql`analyze`);
  console.log(
    `inserted ${TOTAL} resolved cases and their rollups in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const yearAgo = new Date(Date.now() - 365 * 86_400_000);
  const report = await timeMany(30, () =>
    complianceReport(db, org.id, "team", yearAgo, new Date()),
  );
  const live = await timeMany(5, () => liveCompliance(db, org.id));
  console.log(
    `compliance report by team over a year: ${fmt(report)} (target p95 < 300 ms); live table: ${fmt(live)}`,
  );

  const longId = await caseWithHistory(db, org.id, 1_000);
  const page = await timeMany(30, () => getCaseDetail(db, org.id, longId));
  console.log(`case page with 1,000 events: ${fmt(page)} (target < 50 ms)`);
});

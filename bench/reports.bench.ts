/**
 * Report benchmark (`npm run bench:reports`): 1,000,000 analysed conversations over 120 days in
 * PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL; a scratch database is created and dropped),
 * 50 agents in 6 teams, then p50/p95 of the dashboard's reports read from the rollups (through the
 * service, as the API does), against the same report counted from the live tables (the query the
 * dashboard ran before rollups) in the same run. Also: what the rollup triggers add to a bulk insert.
 * Target (issue 13): the dashboard at p95 < 100 ms with 1 M conversations. BENCH_REPORTS_ROWS changes
 * the size.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../src/db/client.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import { compactRollups, overview, volumeByDay } from "../src/domains/reports/index.ts";
import type { Principal } from "../src/http/context.ts";
import { machineLine, percentile, withScratchPostgres } from "./scratch-db.ts";

const ROWS = Number(process.env.BENCH_REPORTS_ROWS ?? 1_000_000);
const STEP = 100_000;
const SPAN_SECONDS = 120 * 86_400;

async function timeMany(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm the cache
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

const fmt = (ms: number[]) =>
  `p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms`;

/**
 * One batch of conversations and their analyses, spread over the last `spanSeconds` (120 days for
 * the stored history; the last hour for the trigger cost, as live ingest writes).
 */
async function insertBatch(
  db: Database["db"],
  orgId: string,
  from: number,
  to: number,
  spanSeconds = SPAN_SECONDS,
) {
  await db.execute(sql`
    insert into conversations (org_id, id, source, external_id, channel, status, started_at,
      message_count, agent_id, team_id)
    select ${orgId}::uuid, md5('c' || i)::uuid, 'bench', 'c' || i,
      (array['phone','email','chat','social','sms'])[1 + i % 5]::channel, 'closed',
      now() - ((i::bigint * 7919) % ${spanSeconds}) * interval '1 second', 3 + i % 9,
      md5('agent' || (i % 50))::uuid, md5('team' || (i % 50 % 6))::uuid
    from generate_series(${from}::int, ${to}::int) as i`);
  await db.execute(sql`
    insert into conversation_analyses (org_id, conversation_id, engine_version, message_count,
      satisfaction, sentiment_score, sentiment_label, trajectory, signal_names, result)
    select ${orgId}::uuid, md5('c' || i)::uuid, 'bench', 3 + i % 9, 1 + (i % 41) / 10.0,
      ((i % 21) - 10) / 10.0, (array['negative','neutral','positive'])[1 + i % 3], 'flat',
      case i % 4 when 0 then '{}'::text[] when 1 then '{complaint}' when 2 then '{praise}'
        else '{complaint,escalation_request}' end,
      '{}'::jsonb
    from generate_series(${from}::int, ${to}::int) as i`);
}

async function seed(database: Database, orgId: string): Promise<void> {
  const db = database.db;
  await db.execute(sql`
    insert into teams (org_id, id, name)
    select ${orgId}::uuid, md5('team' || t)::uuid, 'Team ' || t from generate_series(0, 5) t`);
  await db.execute(sql`
    insert into agents (org_id, id, name, team_id)
    select ${orgId}::uuid, md5('agent' || a)::uuid, 'Agent ' || a, md5('team' || (a % 6))::uuid
    from generate_series(0, 49) a`);
  const started = performance.now();
  for (let from = 0; from < ROWS; from += STEP) {
    await insertBatch(db, orgId, from, Math.min(ROWS, from + STEP) - 1);
    process.stderr.write(`\r  seeded ${Math.min(ROWS, from + STEP)} / ${ROWS} conversations`);
  }
  await db.execute(sql`analyze`);
  process.stderr.write(`\n  seeding took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

/** What the rollup triggers add to writing conversations with their analyses. */
async function triggerCost(database: Database, orgId: string): Promise<void> {
  const db = database.db;
  const n = 20_000;
  const triggers = [
    "conversations_1_rollups_insert",
    "conversation_analyses_rollups_insert",
  ] as const;
  const run = async (base: number) => {
    const started = performance.now();
    await db.transaction(async (tx) => {
      for (let i = 0; i < n; i += 500)
        await insertBatch(tx, orgId, base + i, base + i + 499, 3_600);
    });
    return performance.now() - started;
  };
  let base = ROWS + 1_000_000;
  const withTriggers: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < 3; round++) {
    withTriggers.push(await run(base));
    base += n;
    await db.execute(sql.raw(`alter table conversations disable trigger ${triggers[0]}`));
    await db.execute(sql.raw(`alter table conversation_analyses disable trigger ${triggers[1]}`));
    without.push(await run(base));
    base += n;
    await db.execute(sql.raw(`alter table conversations enable trigger ${triggers[0]}`));
    await db.execute(sql.raw(`alter table conversation_analyses enable trigger ${triggers[1]}`));
  }
  const a = percentile(withTriggers, 50);
  const b = percentile(without, 50);
  console.log(
    `\nrollup triggers on ${n} conversations + analyses of the last hour, in batches of 500 (median of 3):`,
  );
  console.log(
    `  with ${a.toFixed(0)} ms, without ${b.toFixed(0)} ms → the triggers add ${(((a - b) / b) * 100).toFixed(0)}%`,
  );
}

async function main(): Promise<void> {
  console.log(`reports benchmark — ${ROWS} conversations, ${machineLine()}`);
  await withScratchPostgres("reports", async (database) => {
    const org = await createOrg(database.db, "bench", "Bench");
    await seed(database, org.id);
    const principal: Principal = {
      kind: "apikey",
      orgId: org.id,
      apiKeyId: "00000000-0000-0000-0000-000000000000",
      scopes: ["read"],
    };
    const db = database.db;
    const deltaRows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from conversation_rollups`,
    );

    const live90 = await timeMany(5, () =>
      queryRows(
        db,
        sql`select to_char(c.started_at at time zone 'UTC', 'YYYY-MM-DD') as day, c.channel,
              count(*)::int from conversations c
            left join conversation_analyses a on a.org_id = c.org_id and a.conversation_id = c.id
            where c.org_id = ${org.id} and c.started_at >= now() - interval '90 days'
            group by 1, 2 order by 1`,
      ),
    );
    const uncompacted = await timeMany(20, () => volumeByDay(db, principal, { days: 90 }));
    const startedCompaction = performance.now();
    const keys = await compactRollups(db, Number.MAX_SAFE_INTEGER);
    const compactMs = performance.now() - startedCompaction;
    await db.execute(sql`analyze conversation_rollups`);
    await db.execute(sql`analyze signal_rollups`);
    const dash90 = await timeMany(50, () => volumeByDay(db, principal, { days: 90 }));
    const dash30 = await timeMany(50, () => volumeByDay(db, principal, { days: 30 }));
    const over90 = await timeMany(50, () => overview(db, principal, { days: 90 }));
    const agent90 = await timeMany(50, () =>
      overview(db, principal, { days: 90, agentId: "9b8e2ab5-2c7e-0de6-63ea-1d4d2a1cfbde" }),
    );

    const p95 = percentile(dash90, 95);
    console.log(`\ndashboard volume, 90 days (GET /stats/volume through the service):`);
    console.log(
      `  rollups: ${fmt(dash90)} (target p95 < 100 ms: ${p95 < 100 ? "met" : "NOT met"})`,
    );
    console.log(
      `  baseline, live tables: ${fmt(live90)} → rollups are ${(percentile(live90, 50) / percentile(dash90, 50)).toFixed(0)}× faster`,
    );
    console.log(
      `  before compaction (${deltaRows[0]!.n} delta rows): ${fmt(uncompacted)}; compaction of ${keys} keys took ${compactMs.toFixed(0)} ms`,
    );
    console.log(`dashboard volume, 30 days: ${fmt(dash30)}`);
    console.log(`overview (volume, satisfaction, sentiment, signals), 90 days: ${fmt(over90)}`);
    console.log(`overview of one agent, 90 days: ${fmt(agent90)}`);
    await triggerCost(database, org.id);
  });
}

await main();

/**
 * QA benchmark (`npm run bench:qa`), on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL; a
 * scratch database is created and dropped):
 * 1. What automatic QA adds to ingest end to end: the same conversations posted through the HTTP API
 *    in one process, with every conversation listener but automatic QA's and with all of them, two
 *    rounds in turns (done = every analysis stored, every automatic evaluation too, and the queue
 *    empty; the recurring jobs do not run). Target: < 20 % more. A run with no listeners at all
 *    shows what the listeners together add.
 * 2. Back-fill of a newly published scorecard version over every stored conversation. Target:
 *    ≥ 2,000 conversations/s.
 * 3. The QA report by team and week over 90 days with BENCH_QA_REPORT_ROWS (default 1,000,000)
 *    automatic evaluations stored, p95 of repeated calls. Target: < 300 ms.
 * Sizes: BENCH_QA_CONVERSATIONS (default 4000 per ingest run; 0 skips 1 and 2), BENCH_QA_REPORT_ROWS
 * (0 skips 3).
 */
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { createApp } from "../src/app.ts";
import { queryRows, type Database } from "../src/db/client.ts";
import { createApiKey, createOrg } from "../src/domains/orgs/index.ts";
import { runBackfill, scoreConversationsJob } from "../src/domains/qa/index.ts";
import { Queue } from "../src/jobs/queue.ts";
import { CONVERSATION_LISTENERS, JOB_DEFINITIONS } from "../src/jobs/registry.ts";
import { startWorker } from "../src/jobs/worker.ts";
import { createLogger } from "../src/logger.ts";
import { buildConversations } from "./corpus.ts";
import { machineLine, percentile, withScratchPostgres } from "./scratch-db.ts";
import { qaReportRun } from "./qa-report.ts";

const BATCH = 500;
const logger = createLogger("warn");

async function waitFor(database: Database, query: ReturnType<typeof sql>, target: number) {
  for (;;) {
    const [row] = await queryRows<{ n: number }>(database.db, query);
    if ((row?.n ?? 0) >= target) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

type Listeners = "none" | "all but QA" | "all";

/**
 * Time in each listener's handler, summed over the runs with every listener (wall time: on two
 * cores the listeners overlap each other and ingest). Says which listener to look at next.
 */
const listenerTimes = new Map<string, { ms: number; jobs: number }>();
let timing = false;
for (const listener of CONVERSATION_LISTENERS) {
  const handle = listener.handle;
  listener.handle = async (...args: Parameters<typeof handle>) => {
    const started = performance.now();
    try {
      return await handle(...args);
    } finally {
      if (timing) {
        const t = listenerTimes.get(listener.name) ?? { ms: 0, jobs: 0 };
        listenerTimes.set(listener.name, {
          ms: t.ms + performance.now() - started,
          jobs: t.jobs + 1,
        });
      }
    }
  };
}

/** Posts `count` conversations through the API and waits until they are analysed (and scored). */
async function ingestRun(database: Database, label: string, count: number, listeners: Listeners) {
  const org = await createOrg(database.db, `bench-${label}-${Date.now()}`, "Bench");
  const { key } = await createApiKey(database.db, org.id, { kind: "cli" }, "bench", ["ingest"]);
  const queue = new Queue(database.db);
  const app = createApp({
    db: database.db,
    logger,
    queue,
    config: { cookieSecure: false, bodyLimitBytes: 4_194_304 },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/api/v1/interactions`;
  const saved = CONVERSATION_LISTENERS.splice(0);
  const withQa = listeners === "all";
  if (listeners !== "none")
    CONVERSATION_LISTENERS.push(...saved.filter((l) => withQa || l !== scoreConversationsJob));
  // The job workers without the recurring ticker: its housekeeping (the people catch-up over every
  // org's recent conversations, the first fit of contact reasons) has its own benches, and would
  // weigh on whichever run it fell in, more on later runs as orgs accumulate.
  const workers = startWorker({ db: database.db, queue, logger }, JOB_DEFINITIONS, {
    concurrency: 2,
  });
  const items = buildConversations(count, label);
  const started = performance.now();
  let next = 0;
  const post = async () => {
    while (next < items.length) {
      const batch = items.slice(next, next + BATCH);
      next += BATCH;
      const res = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ conversations: batch }),
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}`);
    }
  };
  await Promise.all([post(), post()]);
  await waitFor(
    database,
    sql`select count(*)::int as n from conversation_analyses where org_id = ${org.id}`,
    items.length,
  );
  if (withQa)
    await waitFor(
      database,
      sql`select count(distinct conversation_id)::int as n from qa_evaluations where org_id = ${org.id} and kind = 'auto'`,
      items.length,
    );
  // Every listener job done: the fan-out costs the same in both runs.
  await waitFor(
    database,
    sql`select (count(*) = 0)::int as n from jobs where state in ('queued', 'running')`,
    1,
  );
  const seconds = (performance.now() - started) / 1000;
  await workers.stop();
  CONVERSATION_LISTENERS.splice(0, CONVERSATION_LISTENERS.length, ...saved);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { orgId: org.id, seconds, perSecond: count / seconds };
}

async function backfillRun(database: Database, orgId: string) {
  const [v] = await queryRows<{ id: string }>(
    database.db,
    sql`select v.id from qa_scorecard_versions v join qa_scorecards s on s.org_id = v.org_id and s.id = v.scorecard_id
        where v.org_id = ${orgId} and s.starter_key = 'chat'`,
  );
  await database.db.execute(
    sql`update qa_scorecard_versions set status = 'retired' where org_id = ${orgId} and id = ${v!.id}`,
  );
  // A new published version of the chat scorecard covering every channel, as publishing would make it.
  const [version] = await queryRows<{ id: string }>(
    database.db,
    sql`insert into qa_scorecard_versions (org_id, scorecard_id, version, status, channels, definition, published_at)
        select org_id, scorecard_id, 99, 'published', '{phone,email,chat,social,sms,other}',
          jsonb_set(definition, '{channels}', '["phone","email","chat","social","sms","other"]'), now()
        from qa_scorecard_versions where org_id = ${orgId} and id = ${v!.id}
        returning id`,
  );
  const [{ n }] = (await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from conversations where org_id = ${orgId}`,
  )) as [{ n: number }];
  const [b] = await queryRows<{ id: string }>(
    database.db,
    sql`insert into qa_backfills (org_id, version_id, total) values (${orgId}, ${version!.id}, ${n}) returning id`,
  );
  const started = performance.now();
  await runBackfill(database.db, orgId, b!.id, version!.id);
  const seconds = (performance.now() - started) / 1000;
  return { conversations: n, perSecond: n / seconds };
}

async function main() {
  console.log(`QA benchmark — ${machineLine()}`);
  const count = Number(process.env.BENCH_QA_CONVERSATIONS ?? 4000);
  const reportRows = Number(process.env.BENCH_QA_REPORT_ROWS ?? 1_000_000);
  await withScratchPostgres("qa", async (database) => {
    if (count > 0) {
      // Warm-up (JIT, pools), then the two runs in the same process.
      await ingestRun(database, "warm", 500, "all");
      const bare = await ingestRun(database, "bare", count, "none");
      // Two rounds in turns, so a burst of other work on the machine lands on one run, not a side.
      const rounds = [];
      for (let round = 1; round <= 2; round++) {
        const without = await ingestRun(database, `noqa${round}`, count, "all but QA");
        timing = true;
        const withQa = await ingestRun(database, `qa${round}`, count, "all");
        timing = false;
        rounds.push({ without, withQa });
      }
      const seconds = (runs: { seconds: number }[]) => runs.reduce((a, r) => a + r.seconds, 0);
      const without = seconds(rounds.map((r) => r.without));
      const withQa = seconds(rounds.map((r) => r.withQa));
      const rate = (s: number, runs: number) =>
        `${((count * runs) / s).toFixed(0)} conversations/s`;
      console.log(`\n1. ingest end to end, ${count} conversations a run (PostgreSQL)`);
      console.log(`  no listeners:            ${rate(bare.seconds, 1)}`);
      console.log(`  every listener but QA's: ${rate(without, 2)} (two runs)`);
      console.log(`  every listener:          ${rate(withQa, 2)} (two runs)`);
      for (const [i, r] of rounds.entries())
        console.log(
          `  round ${i + 1}: QA adds ${((r.withQa.seconds / r.without.seconds - 1) * 100).toFixed(1)} %`,
        );
      console.log(
        `  added by automatic QA: ${((withQa / without - 1) * 100).toFixed(1)} % (target < 20 %)`,
      );
      console.log(
        `  added by all listeners: ${((withQa / 2 / bare.seconds - 1) * 100).toFixed(1)} %`,
      );

      console.log(`  time in each listener, per job of ${BATCH} conversations (runs with all):`);
      for (const [name, t] of [...listenerTimes].sort((a, b) => b[1].ms - a[1].ms))
        console.log(`    ${name.padEnd(34)} ${(t.ms / t.jobs).toFixed(0).padStart(5)} ms`);

      const backfill = await backfillRun(database, rounds[1]!.withQa.orgId);
      console.log(`\n2. back-fill of a new version over ${backfill.conversations} conversations`);
      console.log(`  ${backfill.perSecond.toFixed(0)} conversations/s (target ≥ 2,000)`);
    }

    if (reportRows > 0) {
      const report = await qaReportRun(database, reportRows);
      console.log(
        `\n3. QA report by team and week, 90 days, ${reportRows.toLocaleString("en")} evaluations stored`,
      );
      console.log(
        `  p50 ${percentile(report.timings, 50).toFixed(1)} ms, p95 ${percentile(report.timings, 95).toFixed(1)} ms (target < 300 ms); ${report.groups} groups`,
      );
    }
  });
}

await main();

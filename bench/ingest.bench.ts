/**
 * Ingest benchmark (`npm run bench:ingest`): realistic conversations (8 messages on average) posted
 * through the real HTTP API, end to end until the analysis of every conversation is stored, on
 * PGlite (file-backed, as `npm start` runs) and on PostgreSQL.
 *
 * Baseline, in the same process and database: the same conversations written with the naive ORM
 * path (Drizzle `.values()` per conversation, no validation, no redaction, no analysis). The ratio
 * shows what the whole pipeline costs against the simplest possible write.
 *
 * Targets (issue 4, 2 cores): ≥ 1,000 conversations/s on PostgreSQL and ≥ 300/s on PGlite, end to end.
 * PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (a scratch database is created and dropped).
 * Sizes: BENCH_PGLITE_CONVERSATIONS (default 3000) and BENCH_POSTGRES_CONVERSATIONS (6000); 0 skips one.
 * It also prints CPU time per conversation (this process, and the local PostgreSQL server), which
 * says what the pipeline costs whatever else the machine is doing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createApp } from "../src/app.ts";
import { openDatabase, queryRows, type Database } from "../src/db/client.ts";
import { conversations, customers, messages } from "../src/db/schema/index.ts";
import { createApiKey, createOrg } from "../src/domains/orgs/index.ts";
import { Queue } from "../src/jobs/queue.ts";
import { createLogger } from "../src/logger.ts";
import { startWorkers } from "../src/server.ts";
import { buildConversations, type BenchConversation } from "./corpus.ts";

const BATCH = 500;
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by the local PostgreSQL server: every live postgres process plus what the
 * postmaster collected from backends that already ended. Null where /proc or the server is not
 * visible (a remote database). Includes any other database's activity on the same server.
 */
function postgresCpuSeconds(): number | null {
  if (process.platform !== "linux") return null;
  let ticks = 0;
  let found = false;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(")");
    if (stat.slice(stat.indexOf("(") + 1, close) !== "postgres") continue;
    const fields = stat.slice(close + 2).split(" ");
    // Fields 14–17 of stat (utime, stime, cutime, cstime) are 11–14 after the name.
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    found = true;
  }
  return found ? ticks / TICKS_PER_SECOND : null;
}
const IN_FLIGHT = 2;
const logger = createLogger("warn");

async function naiveInsert(
  database: Database,
  orgId: string,
  items: BenchConversation[],
): Promise<number> {
  const started = performance.now();
  for (const item of items) {
    const [customer] = await database.db
      .insert(customers)
      .values({ orgId, name: item.customer.name })
      .returning({ id: customers.id });
    const [conv] = await database.db
      .insert(conversations)
      .values({
        orgId,
        source: "naive",
        externalId: item.externalId,
        channel: item.channel,
        customerId: customer!.id,
        startedAt: new Date(item.messages[0]!.ts),
        messageCount: item.messages.length,
      })
      .returning({ id: conversations.id });
    await database.db.insert(messages).values(
      item.messages.map((m, seq) => ({
        orgId,
        conversationId: conv!.id,
        seq,
        role: m.role,
        text: m.text,
        ts: new Date(m.ts),
      })),
    );
  }
  return items.length / ((performance.now() - started) / 1000);
}

async function runPipeline(database: Database, label: string, count: number): Promise<void> {
  await database.migrate();
  const org = await createOrg(database.db, `bench-${Date.now()}`, "Bench");
  const { key } = await createApiKey(database.db, org.id, { kind: "cli" }, "bench", ["ingest"]);
  const queue = new Queue(database.db);
  const app = createApp({
    db: database.db,
    logger,
    queue,
    config: { cookieSecure: false, bodyLimitBytes: 1_048_576 },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/api/v1/interactions`;
  const workers = startWorkers(database, queue, logger, 2);

  const items = buildConversations(count, label);
  const messageCount = items.reduce((n, c) => n + c.messages.length, 0);
  const baselineItems = buildConversations(Math.min(1000, count), `${label}-naive`, 11);
  const baseline = await naiveInsert(database, org.id, baselineItems);

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const pgCpuBefore = database.kind === "postgres" ? postgresCpuSeconds() : null;
  let next = 0;
  let rejected = 0;
  const post = async (): Promise<void> => {
    while (next < items.length) {
      const batch = items.slice(next, next + BATCH);
      next += BATCH;
      const res = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ conversations: batch }),
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { results: { status: string }[] };
      rejected += body.results.filter((r) => r.status === "rejected").length;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, post));
  const acked = performance.now();
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from conversation_analyses where org_id = ${org.id}`,
    );
    if ((row?.n ?? 0) >= items.length - rejected) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const done = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const pgCpuAfter = database.kind === "postgres" ? postgresCpuSeconds() : null;
  await workers.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));

  const seconds = (done - started) / 1000;
  const endToEnd = items.length / seconds;
  console.log(
    `\n${label}: ${items.length} conversations, ${messageCount} messages (${(messageCount / items.length).toFixed(1)} per conversation), ${rejected} rejected`,
  );
  console.log(
    `  end to end (acknowledged + analysed): ${endToEnd.toFixed(0)} conversations/s, ${(messageCount / seconds).toFixed(0)} messages/s`,
  );
  console.log(
    `  acknowledged (durable):               ${(items.length / ((acked - started) / 1000)).toFixed(0)} conversations/s`,
  );
  console.log(`  analysis lag after the last ack:      ${((done - acked) / 1000).toFixed(2)} s`);
  const nodeMs = ((cpu.user + cpu.system) / 1000 / items.length).toFixed(2);
  const pgMs =
    pgCpuBefore !== null && pgCpuAfter !== null
      ? `, PostgreSQL server ${(((pgCpuAfter - pgCpuBefore) * 1000) / items.length).toFixed(2)} ms`
      : database.kind === "pglite"
        ? " (PGlite runs inside it)"
        : "";
  console.log(
    `  CPU per conversation:                 this process ${nodeMs} ms${pgMs} (benchmark client included)`,
  );
  console.log(`  baseline naive ORM insert (no analysis): ${baseline.toFixed(0)} conversations/s`);
  console.log(`  ratio end-to-end / baseline:          ${(endToEnd / baseline).toFixed(2)}×`);
}

async function main(): Promise<void> {
  console.log(
    `ingest benchmark — node ${process.version}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const pgliteCount = Number(process.env.BENCH_PGLITE_CONVERSATIONS ?? 3000);
  const postgresCount = Number(process.env.BENCH_POSTGRES_CONVERSATIONS ?? 6000);
  if (pgliteCount > 0) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-"));
    const pglite = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
    try {
      await runPipeline(pglite, "PGlite (file)", pgliteCount);
    } finally {
      await pglite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (postgresCount === 0) return;

  const url =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test";
  const name = `rapport_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`\nPostgreSQL skipped: ${(err as Error).message}`);
    return;
  }
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const postgres = await openDatabase({ kind: "postgres", url: u.toString(), poolSize: 10 });
  try {
    await runPipeline(postgres, "PostgreSQL", postgresCount);
  } finally {
    await postgres.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();

/**
 * Survey benchmark (`npm run bench:surveys`) on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL;
 * a scratch database is created and dropped):
 * - invitation decisions with every budget rule (cooldown across two surveys, an NPS interval,
 *   exclusions, channel sampling, quiet hours in each customer's zone) for 100,000 resolved
 *   conversations of 20,000 customers, through the listener's own code path (`decideInvitations`,
 *   1,000 conversations per call, as `conversations.changed` batches them); baseline in the same
 *   process: the pure decision module alone on the same number of decisions.
 *   Target (issue 9): < 10 s.
 * - the public response endpoint (`POST /s/{token}`, JSON) through the real HTTP server with
 *   autocannon on loopback (in its own process, `surveys-load.ts`), every request a different
 *   invitation and client address (the abuse limits run, as in production); afterwards the stored submissions must equal the acknowledged
 *   answers (every 2xx durable). Target: ≥ 2,000 responses/s. Before the measured load the first
 *   1,000 links are answered and the written tables analysed (`warmUp`), as a live deployment's
 *   response table has statistics; PostgreSQL's WAL and the rows of `survey_responses` read per
 *   answer are printed with the result.
 * BENCH_SURVEY_CONVERSATIONS, BENCH_SURVEY_SECONDS, BENCH_SURVEY_CONNECTIONS (default 32) and
 * BENCH_SURVEY_WARM_UP (default 1,000; 0 for none) change the size, the load duration, the number of
 * concurrent respondents and the links answered before the load.
 */
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import type autocannon from "autocannon";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { createApp } from "../src/app.ts";
import { serveApp } from "../src/http/listener.ts";
import { queryRows, type Database } from "../src/db/client.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import { decideInvitations } from "../src/domains/surveys/index.ts";
import {
  decideInvitation,
  emptyBudgetState,
  type Decision,
} from "../src/domains/surveys/budget.ts";
import { tokenFor } from "../src/domains/surveys/delivery.ts";
import { countDecisionsByReason } from "../src/domains/surveys/reports.repo.ts";
import { createSurvey, putSettings } from "../src/domains/surveys/surveys.service.ts";
import { Queue } from "../src/jobs/queue.ts";
import { createLogger } from "../src/logger.ts";
import {
  cpuSince,
  machineLine,
  postgresCpu,
  walCounters,
  withScratchPostgres,
} from "./scratch-db.ts";
import { surveyAnswer } from "./survey-answer.ts";

const CONVERSATIONS = Number(process.env.BENCH_SURVEY_CONVERSATIONS ?? 100_000);
const CUSTOMERS = Math.max(1, Math.round(CONVERSATIONS / 5));
const SECONDS = Number(process.env.BENCH_SURVEY_SECONDS ?? 10);
// Concurrent respondents (closed loop: each waits for its answer before sending the next).
const CONNECTIONS = Number(process.env.BENCH_SURVEY_CONNECTIONS ?? 32);
// Links answered before the measured load, after which the written tables are analysed (0: none).
const WARM_UP = Number(process.env.BENCH_SURVEY_WARM_UP ?? 1000);
const ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];
process.env.RAPPORT_SECRET_KEY ||= "bench-survey-links-key-0123456789";

const uuidOf = (s: string) => {
  const h = createHash("md5").update(s).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

async function seed(database: Database, orgId: string) {
  const { db } = database;
  await db.execute(sql`
    insert into customers (org_id, id, name, email)
    select ${orgId}::uuid, md5('u' || i)::uuid, 'Customer ' || i, 'u' || i || '@bench.test'
    from generate_series(0, ${CUSTOMERS - 1}) as i`);
  await db.execute(sql`
    insert into conversations (org_id, id, source, external_id, channel, status, started_at,
      customer_id, metadata)
    select ${orgId}::uuid, md5('c' || i)::uuid, 'bench', 'c' || i,
      (array['email','chat','phone','social'])[1 + i % 4]::channel, 'resolved',
      now() - interval '1 hour', md5('u' || (i % ${CUSTOMERS}))::uuid,
      jsonb_build_object('timeZone', (${JSON.stringify(ZONES)}::jsonb ->> (i % 5)))
    from generate_series(0, ${CONVERSATIONS - 1}) as i`);
  await db.execute(sql`
    insert into survey_exclusions (org_id, conversation_id)
    select ${orgId}::uuid, md5('c' || i)::uuid from generate_series(0, ${CONVERSATIONS - 1}, 97) as i`);
  await db.execute(sql`analyze`);
}

function benchPureDecisions(): number {
  const state = emptyBudgetState();
  const settings = {
    cooldownDays: 30,
    sampleRates: { chat: 0.5 },
    quietHours: { start: 21, end: 8 },
    defaultTimeZone: "UTC",
  };
  const started = performance.now();
  const out: Decision[] = [];
  for (let i = 0; i < CONVERSATIONS * 2; i++) {
    out.push(
      decideInvitation(
        {
          conversationId: `c${i >> 1}`,
          customerId: `u${(i >> 1) % CUSTOMERS}`,
          channel: i % 4 === 1 ? "chat" : "email",
          reachable: true,
          excluded: (i >> 1) % 97 === 0,
          timeZone: ZONES[(i >> 1) % 5],
        },
        { id: i % 2 ? "nps" : "csat", minIntervalDays: i % 2 ? 90 : 0, sampleRate: 1 },
        settings,
        state,
        new Date(),
      ),
    );
  }
  return performance.now() - started;
}

async function benchDecisions(database: Database, orgId: string) {
  const queue = new Queue(database.db);
  const pgBefore = await postgresCpu(database.db);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let from = 0; from < CONVERSATIONS; from += 1000) {
    const ids = Array.from({ length: Math.min(1000, CONVERSATIONS - from) }, (_, k) =>
      uuidOf(`c${from + k}`),
    );
    await decideInvitations({ db: database.db, queue }, orgId, ids);
    process.stderr.write(`\r  decided ${from + ids.length} / ${CONVERSATIONS}`);
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const pgMs = cpuSince(pgBefore, await postgresCpu(database.db));
  process.stderr.write("\n");
  const byReason = (await countDecisionsByReason(database.db, orgId, new Date(0))).map((r) => ({
    reason: r.reason,
    n: r.count,
  }));
  return { ms, byReason, nodeCpuMs: (cpu.user + cpu.system) / 1000, pgMs };
}

/** Runs autocannon in a child process (`surveys-load.ts`) against `url`. */
function loadFromChild(
  url: string,
  paths: string[],
): Promise<autocannon.Result & { loadCpuMs: number }> {
  const child = fork(fileURLToPath(new URL("./surveys-load.ts", import.meta.url)));
  child.send({ url, paths, seconds: SECONDS, connections: CONNECTIONS });
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m as autocannon.Result & { loadCpuMs: number }));
    child.once("error", reject);
  });
}

/**
 * Answers `paths` (8 at a time), then analyses the tables the answers write, as autovacuum does
 * once 50 rows of a table changed: a live deployment's `survey_responses` has statistics. Without
 * them (a new table on a server where no autovacuum runs, as on the benchmark's) each connection
 * caches a plan of the follow-up's foreign-key check chosen for a near-empty table (a
 * sequential scan, or an index on `org_id` alone) and keeps it while the table grows: the slow
 * runs, with about twice PostgreSQL's CPU per answer (docs/performance.md).
 */
async function warmUp(database: Database, url: string, paths: string[]) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      const res = await fetch(url + paths[i]!, {
        method: "POST",
        ...surveyAnswer(i, `10.254.${i >> 8}.${i & 255}`),
      });
      if (!res.ok) throw new Error(`warm-up answer ${i}: ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await database.db.execute(sql`analyze survey_responses, follow_ups, survey_invitations`);
}

/** Per answer: WAL, and the rows of `survey_responses` read (its sequential scans besides). */
async function describePostgresWork(
  database: Database,
  before: Awaited<ReturnType<typeof readPostgresWork>>,
  answers: number,
) {
  await new Promise((r) => setTimeout(r, 1100)); // idle connections flush statistics after 1 s
  const after = await readPostgresWork(database);
  const per = (k: keyof typeof after, digits = 2) =>
    ((Number(after[k]) - Number(before[k])) / answers).toFixed(digits);
  return `  PostgreSQL per answer (whole server: WAL): ${per("records", 1)} WAL records, ${per("bytes", 0)} bytes, ${per("fpi", 3)} full-page images; checkpoints during the load ${Number(after.timed) + Number(after.req) - Number(before.timed) - Number(before.req)}; survey_responses rows read ${per("rowsRead", 1)}, sequential scans ${per("seqScans", 3)}`;
}

async function readPostgresWork(database: Database) {
  const [t] = await queryRows<{ rowsRead: string; seqScans: string }>(
    database.db,
    sql`select (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::text as "rowsRead",
          seq_scan::text as "seqScans"
        from pg_stat_user_tables where relname = 'survey_responses'`,
  );
  return { ...(await walCounters(database.db)), ...t! };
}

async function benchResponses(database: Database, orgId: string) {
  const links = await queryRows<{ id: string; expires_at: string }>(
    database.db,
    sql`select id, expires_at from survey_invitations where org_id = ${orgId} and status = 'queued'`,
  );
  const allPaths = links.map((l) => `/s/${tokenFor(orgId, l.id, new Date(l.expires_at))}`);
  const app = createApp({
    db: database.db,
    logger: createLogger("silent"),
    queue: new Queue(database.db),
    config: { cookieSecure: false, bodyLimitBytes: 1_048_576, trustProxy: true },
  });
  // The production listener: the app's bare routes (this one) first, then Hono.
  const server = await serveApp(app, { port: 0, hostname: "127.0.0.1" });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const paths = allPaths.slice(WARM_UP);
  if (WARM_UP > 0) await warmUp(database, url, allPaths.slice(0, WARM_UP));
  const storedBefore = await storedSubmissions(database, orgId);
  const workBefore = await readPostgresWork(database);
  const pgBefore = await postgresCpu(database.db);
  const cpuBefore = process.cpuUsage();
  const result = await loadFromChild(url, paths);
  const cpu = process.cpuUsage(cpuBefore);
  const pgAfter = await postgresCpu(database.db);
  const pgMs = cpuSince(pgBefore, pgAfter);
  server.close();
  const answers = Math.max(1, result["2xx"]);
  const workLine = await describePostgresWork(database, workBefore, answers);
  const stored = (await storedSubmissions(database, orgId)) - storedBefore;
  const cpuMsPerAnswer = (cpu.user + cpu.system) / 1000 / answers;
  const pgMsPerAnswer = pgAfter.size > 0 ? pgMs / answers : null;
  return { result, stored, links: paths.length, cpuMsPerAnswer, pgMsPerAnswer, workLine };
}

async function storedSubmissions(database: Database, orgId: string): Promise<number> {
  const [stored] = await queryRows<{ n: number }>(
    database.db,
    sql`select coalesce(sum(submissions), 0)::int as n from survey_responses where org_id = ${orgId}`,
  );
  return Number(stored!.n);
}

async function main() {
  console.log(`survey benchmark — ${CONVERSATIONS} resolved conversations, ${machineLine()}`);
  await withScratchPostgres(
    "surveys",
    async (database) => {
      const org = await createOrg(database.db, "bench", "Bench");
      const csat = {
        name: "CSAT",
        type: "csat" as const,
        trigger: { event: "conversation_resolved" as const },
      };
      await createSurvey(database.db, org.id, csat);
      await createSurvey(database.db, org.id, {
        ...csat,
        name: "NPS",
        type: "nps",
        rules: { sampleRate: 0.8 },
      });
      await putSettings(database.db, org.id, {
        cooldownDays: 30,
        sampleRates: { chat: 0.5 },
        quietHours: { start: 21, end: 8 },
        defaultTimeZone: "UTC",
        followUpTeamId: null,
        followUpDueHours: 48,
      });
      await new Promise((r) => setTimeout(r, 10));
      await seed(database, org.id);
      const pureMs = benchPureDecisions();
      const { ms, byReason, nodeCpuMs, pgMs } = await benchDecisions(database, org.id);
      console.log(
        `decisions (2 surveys × ${CONVERSATIONS} conversations, every rule, stored): ${(ms / 1000).toFixed(2)} s  [target < 10 s]`,
      );
      console.log(
        `  baseline, the pure budget module alone on the same decisions: ${(pureMs / 1000).toFixed(2)} s (${(ms / pureMs).toFixed(1)}× for loading, storing and queueing)`,
      );
      console.log(
        `  CPU: this process ${(nodeCpuMs / 1000).toFixed(2)} s, PostgreSQL server processes ${(pgMs / 1000).toFixed(2)} s (WAL writer not counted): the figures a busy machine distorts least`,
      );
      console.log(`  by reason: ${byReason.map((r) => `${r.reason} ${r.n}`).join(", ")}`);
      const { result, stored, links, cpuMsPerAnswer, pgMsPerAnswer, workLine } =
        await benchResponses(database, org.id);
      const ok = result["2xx"];
      console.log(
        `responses: ${(ok / SECONDS).toFixed(0)} acknowledged/s over ${SECONDS} s (${result.connections} connections, ${links} links), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}  [target ≥ 2,000/s]`,
      );
      console.log(
        `  server process CPU per answer: ${cpuMsPerAnswer.toFixed(2)} ms (one free core would serve ~${(1000 / cpuMsPerAnswer).toFixed(0)}/s; load generator in its own process)`,
      );
      console.log(
        `  load generator's CPU per answer: ${(result.loadCpuMs / Math.max(1, ok)).toFixed(2)} ms (autocannon, same two cores)`,
      );
      if (pgMsPerAnswer !== null)
        console.log(
          `  PostgreSQL server processes' CPU per answer: ${pgMsPerAnswer.toFixed(2)} ms (10 ms clock ticks; WAL writer not counted); server + PostgreSQL: ${(cpuMsPerAnswer + pgMsPerAnswer).toFixed(2)} ms, so two free cores would serve ~${(2000 / (cpuMsPerAnswer + pgMsPerAnswer)).toFixed(0)}/s before the load generator's share`,
        );
      console.log(workLine);
      console.log(
        `  durable: ${stored} submissions stored for ${ok} acknowledged (answers in flight when the run stopped are stored, not counted)${stored >= ok ? "" : " — ANSWERS LOST"}`,
      );
      if (stored < ok) process.exitCode = 1;
      // The server's own pool size (DATABASE_URL default), not the other benches' 4.
    },
    { poolSize: 10 },
  );
}

await main();

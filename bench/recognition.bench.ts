/**
 * Recognition benchmark (`npm run bench:recognition`) on PostgreSQL (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL; a scratch database is created and dropped). One scheduled collection of
 * wow-story candidates (praise in conversations, with the praising messages as evidence, and top
 * survey comments) over a half-week window of a large conversation set, against a baseline
 * measured in the same run: counting the window's conversations, the least any per-window pass
 * must read. Target: a collection < 1 s p95 with 500,000 conversations stored (it runs twice a
 * week per org, in the worker). BENCH_RECOGNITION_CONVERSATIONS changes the size.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../src/db/client.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import { collectCandidates } from "../src/domains/recognition/index.ts";
import { machineLine, percentile, withScratchPostgres } from "./scratch-db.ts";

const TOTAL = Number(process.env.BENCH_RECOGNITION_CONVERSATIONS ?? 500_000);
const STEP = 50_000;
const DAYS = 180;
const RUNS = 15;

/** Conversations over DAYS days; every 50th has praise (a praising customer message analysed). */
async function insertConversations(db: Database["db"], orgId: string, from: number, to: number) {
  const span = DAYS * 86_400;
  await db.execute(sql`
    insert into conversations (org_id, id, source, external_id, channel, status, started_at, message_count)
    select ${orgId}::uuid, md5('c' || i)::uuid, 'bench', 'c' || i, 'chat', 'resolved',
      now() - ((i::bigint * 7919) % ${span}) * interval '1 second', 3
    from generate_series(${from}::int, ${to - 1}::int) i`);
  await db.execute(sql`
    insert into conversation_analyses (org_id, conversation_id, engine_version, message_count,
      satisfaction, sentiment_score, sentiment_label, trajectory, signal_names, result)
    select ${orgId}::uuid, md5('c' || i)::uuid, 'bench', 3, 1 + (i % 40) / 10.0, 0.2, 'positive', 'steady',
      case when i % 50 = 0 then array['praise','courtesy'] else array['courtesy'] end, '{}'::jsonb
    from generate_series(${from}::int, ${to - 1}::int) i`);
  await db.execute(sql`
    insert into messages (org_id, id, conversation_id, seq, role, text, ts)
    select ${orgId}::uuid, md5('m' || i)::uuid, md5('c' || i)::uuid, 2, 'customer',
      'Thank you so much, that was amazing!', now()
    from generate_series(${from}::int, ${to - 1}::int) i where i % 50 = 0`);
  await db.execute(sql`
    insert into message_analyses (org_id, message_id, conversation_id, engine_version, sentiment_score,
      sentiment_label, politeness, emotions, result, signal_names)
    select ${orgId}::uuid, md5('m' || i)::uuid, md5('c' || i)::uuid, 'bench', 0.8, 'positive', 0.5,
      '{}'::jsonb, '{}'::jsonb, array['praise']
    from generate_series(${from}::int, ${to - 1}::int) i where i % 50 = 0`);
}

async function time(fn: () => Promise<unknown>, reset: () => Promise<unknown>): Promise<number[]> {
  await fn();
  await reset();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
    await reset();
  }
  return out;
}

await withScratchPostgres("recognition", async (database) => {
  const db = database.db;
  const org = await createOrg(db, "bench", "Bench");
  for (let i = 0; i < TOTAL; i += STEP)
    await insertConversations(db, org.id, i, Math.min(TOTAL, i + STEP));
  await db.execute(sql`analyze`);

  const until = new Date();
  const since = new Date(until.getTime() - 3.5 * 86_400_000);
  const reset = () => db.execute(sql`delete from wow_stories where org_id = ${org.id}`);
  const collect = await time(async () => {
    const n = await collectCandidates(db, org.id, since, until);
    if (n === 0) throw new Error("the window should hold praised conversations");
  }, reset);
  const baseline = await time(
    () =>
      queryRows(
        db,
        sql`select count(*) from conversations where org_id = ${org.id}
          and started_at >= ${since.toISOString()}::timestamptz and started_at < ${until.toISOString()}::timestamptz`,
      ),
    async () => undefined,
  );
  const p95 = percentile(collect, 95);
  const base95 = percentile(baseline, 95);
  console.log(machineLine());
  console.log(
    `${TOTAL.toLocaleString("en")} conversations, ${DAYS} days, 2% praised; window 3.5 days`,
  );
  console.log(
    `collect candidates: p50 ${percentile(collect, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ` +
      `(target < 1000 ms) ${p95 < 1000 ? "PASS" : "FAIL"}`,
  );
  console.log(
    `baseline (count the window's conversations): p50 ${percentile(baseline, 50).toFixed(1)} ms, p95 ${base95.toFixed(1)} ms`,
  );
  console.log(`ratio collect/baseline (p95): ${(p95 / base95).toFixed(2)}×`);
});

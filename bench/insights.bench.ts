/**
 * Insights benchmark (`npm run bench:insights`). Targets (issue 15):
 * 1. assigning a new conversation its contact reason < 1 ms (baseline: the dense topic model's own
 *    assigner, same texts, same run);
 * 2. re-clustering 1 M messages < 10 min on 2 cores with < 2 GB (BENCH_INSIGHTS_MESSAGES, default
 *    1,000,000; baseline: only turning the same texts into terms);
 * 3. a fix's impact and the reason trends answer in p95 < 300 ms at 1 M conversations, on a scratch
 *    PostgreSQL database (BENCH_INSIGHTS_CONVERSATIONS, default 1,000,000; baseline: counting the
 *    same window's conversations). BENCH_INSIGHTS_SKIP_DB=1 skips part 3.
 * Texts are the demo's real customer lines (BANKING77 and Bitext requests) with a varying tail.
 */
import { sql } from "drizzle-orm";
import { clusterTopics, createTopicAssigner, textTerms } from "../src/analysis/topics/index.ts";
import { queryRows } from "../src/db/client.ts";
import { loadDemoSource } from "../src/domains/demo/demo-source.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import { fillFixConversations, fixImpact } from "../src/domains/insights/fixes.service.ts";
import { insertFix } from "../src/domains/insights/fixes.repo.ts";
import { createReasonAssigner, topicPart } from "../src/domains/insights/reason-model.ts";
import { insertReason } from "../src/domains/insights/reasons.repo.ts";
import { loadWordVectors } from "../src/lib/word-vectors.ts";
import { reasonTrends } from "../src/domains/insights/trends.service.ts";
import {
  cpuSince,
  machineLine,
  percentile,
  postgresCpu,
  withScratchPostgres,
} from "./scratch-db.ts";

const MESSAGES = Number(process.env.BENCH_INSIGHTS_MESSAGES ?? 1_000_000);
const CONVERSATIONS = Number(process.env.BENCH_INSIGHTS_CONVERSATIONS ?? 1_000_000);
const STEP = 100_000;

const source = loadDemoSource();
const LINES = [...source.banking77.map(([t]) => t), ...source.bitext.rows.map(([t]) => t)];
const TAILS = ["", " please", " asap", " thanks", " today", " again", " urgently", " help"];
const textAt = (i: number) => `${LINES[(i * 7919) % LINES.length]!}${TAILS[i % TAILS.length]!}`;

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Stored reasons (as `reclusterReasons` keeps them, word vectors included) against the fitted model. */
function benchAssignment() {
  const words = loadWordVectors();
  const fit = clusterTopics(
    Array.from({ length: 20_000 }, (_, i) => textAt(i)),
    { k: 30, wordVectors: words },
  );
  const reasons = fit.topics.map((_, j) => ({ id: `r${j}`, ...topicPart(fit.model, j) }));
  const idf = Object.fromEntries(fit.model.terms.map((t, i) => [t, fit.model.idf[i]!]));
  const ours = createReasonAssigner(idf, reasons, { words, space: fit.model.vectors! });
  const dense = createTopicAssigner(fit.model, words);
  const texts = Array.from({ length: 50_000 }, (_, i) => textAt(i * 13 + 5));
  const time = (fn: (t: string) => unknown) => {
    const started = performance.now();
    for (const t of texts) fn(t);
    return ((performance.now() - started) * 1000) / texts.length;
  };
  time(ours);
  const usOurs = time(ours);
  const usDense = time(dense);
  let agree = 0;
  for (const t of texts.slice(0, 5000)) if (ours(t) === `r${dense(t)}`) agree++;
  console.log(
    `assign one conversation: ${usOurs.toFixed(1)} µs (target < 1,000 µs); dense-model baseline ${usDense.toFixed(1)} µs, ratio ${(usOurs / usDense).toFixed(2)}; agrees with the dense model on ${((agree / 5000) * 100).toFixed(1)} %`,
  );
}

function benchRecluster() {
  const texts = Array.from({ length: MESSAGES }, (_, i) => textAt(i));
  let started = performance.now();
  for (const t of texts) textTerms(t);
  const baseline = (performance.now() - started) / 1000;
  started = performance.now();
  const fit = clusterTopics(texts, { k: 30, fitSample: 20_000, wordVectors: loadWordVectors() });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `re-cluster ${MESSAGES.toLocaleString("en")} messages into ${fit.topics.length} reasons: ${seconds.toFixed(1)} s (target < 600 s at 1 M), peak RSS ${peakRssMb()} MB (target < 2,048); terms-only baseline ${baseline.toFixed(1)} s, ratio ${(seconds / baseline).toFixed(1)}`,
  );
}

async function benchDatabase() {
  await withScratchPostgres("insights", async (database) => {
    const db = database.db;
    const { id: orgId } = await createOrg(db, "bench-insights", "Bench");
    const reasonIds: string[] = [];
    for (let r = 0; r < 20; r++)
      reasonIds.push((await insertReason(db, { orgId, label: `reason ${r}` })).id);
    const texts = JSON.stringify(LINES.slice(0, 2000));
    for (let from = 0; from < CONVERSATIONS; from += STEP) {
      const to = Math.min(CONVERSATIONS, from + STEP) - 1;
      // A year of conversations, about one every 31 seconds.
      await db.execute(sql`insert into conversations (org_id, id, source, external_id, channel, status, started_at, message_count)
        select ${orgId}::uuid, md5('c' || i)::uuid, 'bench', 'c' || i, 'chat', 'closed',
          timestamptz '2026-01-01' + (i * interval '31 seconds'), 1 from generate_series(${from}::int, ${to}::int) i`);
      await db.execute(sql`insert into messages (org_id, conversation_id, seq, role, text, ts)
        select ${orgId}::uuid, md5('c' || i)::uuid, 0, 'customer', (${texts}::jsonb ->> (i % 2000)) || ' #' || i,
          timestamptz '2026-01-01' + (i * interval '31 seconds') from generate_series(${from}::int, ${to}::int) i`);
      await db.execute(sql`insert into conversation_analyses (org_id, conversation_id, engine_version, message_count,
          satisfaction, sentiment_score, sentiment_label, trajectory, signal_names, result)
        select ${orgId}::uuid, md5('c' || i)::uuid, 'bench', 1, 1 + (i % 5), 0, 'neutral', 'flat',
          case when i % 9 = 0 then array['complaint'] when i % 11 = 0 then array['repeat_contact'] else '{}'::text[] end, '{}'::jsonb
        from generate_series(${from}::int, ${to}::int) i`);
      await db.execute(sql`insert into conversation_reasons (org_id, conversation_id, reason_id, started_at)
        select ${orgId}::uuid, md5('c' || i)::uuid, (${JSON.stringify(reasonIds)}::jsonb ->> (i % 20))::uuid,
          timestamptz '2026-01-01' + (i * interval '31 seconds') from generate_series(${from}::int, ${to}::int) i`);
      process.stderr.write(`\r  seeded ${to + 1} / ${CONVERSATIONS} conversations`);
    }
    process.stderr.write("\n");
    // As autovacuum leaves tables after a bulk load: statistics and the visibility map.
    await db.execute(sql`vacuum analyze`);
    const [{ last }] = (await queryRows<{ last: string }>(
      db,
      sql`select max(started_at)::text as last from conversations`,
    )) as [{ last: string }];
    const now = new Date(last);
    const shippedAt = new Date(now.getTime() - 40 * 86_400_000);
    const bySearch = await insertFix(db, {
      orgId,
      title: "search",
      shippedAt,
      target: { search: "card" },
    });
    const started = performance.now();
    await fillFixConversations(db, orgId, bySearch.id);
    const fillSeconds = (performance.now() - started) / 1000;
    await db.execute(sql`vacuum analyze fix_conversations`);
    const byReason = await insertFix(db, {
      orgId,
      title: "reason",
      shippedAt,
      target: { reasonId: reasonIds[3]! },
    });
    const time = async (runs: number, fn: () => Promise<unknown>) => {
      await fn();
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await fn();
        out.push(performance.now() - started);
      }
      return out;
    };
    const fmt = (ms: number[]) =>
      `p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms`;
    const from = new Date(shippedAt.getTime() - 28 * 86_400_000);
    const to = new Date(shippedAt.getTime() + 28 * 86_400_000);
    const base = await time(20, () =>
      queryRows(
        db,
        sql`select count(*) from conversations where org_id = ${orgId} and started_at >= ${from} and started_at < ${to}`,
      ),
    );
    // The search target matched live (as before fix_conversations, and while a fix is not filled)
    // and from fix_conversations, alternating in rounds so both see the same load.
    const live: number[] = [];
    const search: number[] = [];
    // CPU of the filled search target's requests: PostgreSQL's connections and this process.
    let searchPgMs = 0;
    let searchNodeUs = 0;
    const filledFor = (on: boolean) =>
      db.execute(
        sql`update fixes set search_filled_for = ${on ? "card" : null} where id = ${bySearch.id}`,
      );
    for (let round = 0; round < 4; round++) {
      await filledFor(false);
      live.push(...(await time(5, () => fixImpact(db, orgId, bySearch.id))));
      await filledFor(true);
      const pgBefore = await postgresCpu(db, { clientsOnly: true });
      const nodeBefore = process.cpuUsage();
      search.push(...(await time(5, () => fixImpact(db, orgId, bySearch.id))));
      const node = process.cpuUsage(nodeBefore);
      searchNodeUs += node.user + node.system;
      searchPgMs += cpuSince(pgBefore, await postgresCpu(db, { clientsOnly: true }));
    }
    const reason = await time(20, () => fixImpact(db, orgId, byReason.id));
    const trends = await time(20, () => reasonTrends(db, orgId, { weeks: 12, now }));
    const p95 = (ms: number[]) => percentile(ms, 95);
    console.log(machineLine());
    console.log(`at ${CONVERSATIONS.toLocaleString("en")} conversations (targets p95 < 300 ms):`);
    console.log(`  baseline: count the window's conversations ${fmt(base)}`);
    console.log(
      `  fix impact, search target: ${fmt(search)} (×${(p95(search) / p95(base)).toFixed(1)} baseline), CPU per request PostgreSQL ${(searchPgMs / 24).toFixed(0)} ms + Node ${(searchNodeUs / 24_000).toFixed(0)} ms; matched live (not filled) ${fmt(live)}; filling fix_conversations took ${fillSeconds.toFixed(1)} s`,
    );
    console.log(
      `  fix impact, reason target: ${fmt(reason)} (×${(p95(reason) / p95(base)).toFixed(1)} baseline)`,
    );
    console.log(
      `  reason trends, 12 weeks, all reasons: ${fmt(trends)} (×${(p95(trends) / p95(base)).toFixed(1)} baseline)`,
    );
  });
}

console.log(machineLine());
benchAssignment();
benchRecluster();
if (!process.env.BENCH_INSIGHTS_SKIP_DB) await benchDatabase();

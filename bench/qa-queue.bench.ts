/**
 * Review-queue benchmark (`npm run bench:qa-queue`) on PostgreSQL (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL; a scratch database is created and dropped). BENCH_QUEUE sets how many
 * conversations wait for review (default 50,000; nine in ten carry an automatic score).
 *
 * Times a page of 50 (`GET /qa/queue` as the service answers it, org-wide) newest first and lowest
 * automatic score first, on the first page and ten pages deep (by the cursors), p50/p95 of 30 runs,
 * against a baseline that reads every waiting conversation's score and sorts in the process.
 */
import { sql } from "drizzle-orm";
import { queryRows } from "../src/db/client.ts";
import type { Principal } from "../src/lib/principal.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import { ensureStarterScorecards } from "../src/domains/qa/index.ts";
import { listReviewQueue, type QueueQuery } from "../src/domains/qa/queue.service.ts";
import { machineLine, p50p95, percentile, timeMany, withScratchPostgres } from "./scratch-db.ts";

const N = Number(process.env.BENCH_QUEUE ?? 50_000);
const RUNS = 30;
const PAGE = 50;

const fmt = p50p95;

await withScratchPostgres("qa_queue", async (database) => {
  const db = database.db;
  console.log(machineLine());
  const org = await createOrg(db, "bench-queue", "Bench queue");
  const o = org.id;
  await ensureStarterScorecards(db, o);
  const [v] = await queryRows<{ id: string; scorecard_id: string }>(
    db,
    sql`select id, scorecard_id from qa_scorecard_versions where org_id = ${o} limit 1`,
  );
  const t0 = performance.now();
  await db.execute(sql`insert into teams (org_id, id, name)
    select ${o}::uuid, md5('team' || t)::uuid, 'Team ' || t from generate_series(0, 4) t`);
  await db.execute(sql`insert into agents (org_id, id, name, team_id)
    select ${o}::uuid, md5('agent' || a)::uuid, 'Agent ' || a, md5('team' || (a % 5))::uuid
    from generate_series(0, 49) a`);
  // Ten reviewers, two of whom hold a claim on one conversation in ten.
  await db.execute(sql`insert into users (id, email, name, password_hash)
    select md5('user' || u)::uuid, 'reviewer' || u || '@bench.test', 'Reviewer ' || u, 'x'
    from generate_series(0, 9) u`);
  await db.execute(sql`insert into memberships (org_id, user_id, role)
    select ${o}::uuid, md5('user' || u)::uuid, 'qa' from generate_series(0, 9) u`);
  await db.execute(sql`insert into conversations (org_id, id, source, external_id, channel, agent_id,
      team_id, started_at, message_count)
    select ${o}::uuid, md5('v' || i)::uuid, 'bench', 'v' || i, 'chat', md5('agent' || (i % 50))::uuid,
      md5('team' || (i % 5))::uuid, now() - interval '90 days' + (i::float8 / ${N}) * interval '90 days', 1
    from generate_series(0, ${N - 1}) i`);
  await db.execute(sql`insert into messages (org_id, conversation_id, seq, role, text, ts)
    select org_id, id, 0, 'customer', 'My card was charged twice for the same order.', started_at
    from conversations where org_id = ${o}`);
  await db.execute(sql`insert into qa_evaluations (org_id, conversation_id, scorecard_id, version_id,
      version, kind, agent_id, team_id, channel, week, score, answers)
    select c.org_id, c.id, ${v!.scorecard_id}::uuid, ${v!.id}::uuid, 1, 'auto', c.agent_id, c.team_id,
      'chat', date_trunc('week', c.started_at)::date, (abs(hashtext(c.id::text)) % 1001) / 10.0, '[]'::jsonb
    from conversations c where c.org_id = ${o} and abs(hashtext(c.id::text || 's')) % 10 <> 0`);
  // With the score the assignment keeps, as insertAssignments writes it.
  await db.execute(sql`insert into qa_review_assignments (org_id, conversation_id, reason, agent_id, team_id,
      assignee_user_id, claimed_at, auto_score)
    select org_id, id, (array['complaint', 'low_satisfaction', 'random_weekly'])[1 + abs(hashtext(id::text)) % 3],
      agent_id, team_id, case when abs(hashtext(id::text || 'u')) % 10 = 0 then md5('user' || (abs(hashtext(id::text)) % 2))::uuid end,
      case when abs(hashtext(id::text || 'u')) % 10 = 0 then now() end,
      (select min(e.score) from qa_evaluations e where e.org_id = c.org_id and e.conversation_id = c.id
        and e.kind = 'auto')
    from conversations c where org_id = ${o}`);
  await db.execute(sql`analyze`);
  console.log(
    `${N.toLocaleString("en")} conversations waiting for review in ${((performance.now() - t0) / 1000).toFixed(0)} s of setup`,
  );

  const principal: Principal = { kind: "apikey", orgId: o, apiKeyId: "bench", scopes: ["read"] };
  const page = (q: Partial<QueueQuery>) => listReviewQueue(db, principal, { limit: PAGE, ...q });
  /** The cursor of the tenth page in this order. */
  async function deepCursor(sort: QueueQuery["sort"]) {
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) cursor = (await page({ sort, cursor })).nextCursor ?? undefined;
    return cursor;
  }
  const baseline = await timeMany(RUNS, async () => {
    const rows = await queryRows<{ id: string; started_at: string; score: number | null }>(
      db,
      sql`select a.id, c.started_at, (select min(e.score) from qa_evaluations e where e.org_id = a.org_id
            and e.conversation_id = a.conversation_id and e.kind = 'auto') as score
          from qa_review_assignments a join conversations c on c.org_id = a.org_id and c.id = a.conversation_id
          where a.org_id = ${o} and a.status = 'open'`,
    );
    return rows
      .sort((x, y) => (x.score ?? 101) - (y.score ?? 101) || (x.started_at < y.started_at ? 1 : -1))
      .slice(0, PAGE);
  });
  console.log(`read-all baseline (every waiting score, sorted in the process): ${fmt(baseline)}`);
  for (const sort of ["newest", "score"] as const) {
    const deep = await deepCursor(sort);
    const first = await timeMany(RUNS, () => page({ sort }));
    const tenth = await timeMany(RUNS, () => page({ sort, cursor: deep }));
    console.log(
      `${sort === "newest" ? "newest first" : "lowest score first"}: first page ${fmt(first)}; ` +
        `eleventh page ${fmt(tenth)}; baseline ratio ${(percentile(baseline, 50) / percentile(first, 50)).toFixed(1)}×`,
    );
  }
});

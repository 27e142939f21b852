/**
 * People benchmark (`npm run bench:people`) on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL;
 * a scratch database is created and dropped). Targets (issue 16), with BENCH_PEOPLE_TOTAL (default
 * 1,000,000) conversations' scorecard facts stored over a year, 600 agents (500 in one team):
 * 1. an agent's scorecard over 90 days: p95 < 200 ms;
 * 2. the 500-agent team view over 90 days: p95 < 300 ms.
 * Both go through the services and read the weekly rollups; the baseline in the same run computes
 * the same sums from the facts table directly (what the rollups save). The facts are written with
 * one SQL statement per 100,000 rows (the fact builder's join over live tables is what the
 * `conversations.changed` listener pays per batch, not what this measures); baselines and rollups
 * are built by the domain's own code.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../src/db/client.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import { getAgentScorecard, getTeamScorecards, rebaseOrg } from "../src/domains/people/index.ts";
import type { Principal } from "../src/lib/principal.ts";
import { machineLine, p50p95, percentile, timeMany, withScratchPostgres } from "./scratch-db.ts";

const TOTAL = Number(process.env.BENCH_PEOPLE_TOTAL ?? 1_000_000);
const AGENTS = 600;
const TEAM_AGENTS = 500;
const STEP = 100_000;

const fmt = p50p95;

const agentId = (i: number) => sql`md5('agent' || ${i}::text)::uuid`;

async function insertRoster(db: Db, orgId: string) {
  await db.execute(sql`insert into teams (org_id, id, name) values
    (${orgId}::uuid, md5('team0')::uuid, 'Big team'), (${orgId}::uuid, md5('team1')::uuid, 'Small team')`);
  await db.execute(sql`insert into agents (org_id, id, name, team_id)
    select ${orgId}::uuid, md5('agent' || i)::uuid, 'Agent ' || i,
           case when i < ${TEAM_AGENTS} then md5('team0')::uuid else md5('team1')::uuid end
    from generate_series(0, ${AGENTS - 1}::int) i`);
}

/** Facts spread over the last 365 days; each agent keeps its team; a few strata carry real differences. */
async function insertFacts(db: Db, orgId: string, from: number, to: number) {
  await db.execute(sql`
    insert into people_conversation_facts (org_id, conversation_id, agent_id, team_id, customer_id,
      started_at, week, reason, stratum, coarse_stratum, qa_auto, predicted_satisfaction, csat, fcr,
      first_response_minutes, handle_minutes, complaint_rate, promises_kept)
    select ${orgId}::uuid, gen_random_uuid(), md5('agent' || (i % ${AGENTS}))::uuid,
      case when i % ${AGENTS} < ${TEAM_AGENTS} then md5('team0')::uuid else md5('team1')::uuid end,
      null, t, date_trunc('week', t at time zone 'UTC')::date, r,
      r || '|' || ch || '|' || band || '|unknown', r || '|' || ch,
      least(100, greatest(0, 70 + (i % 17) - (case when r = 'complaint' then 15 else 0 end))),
      least(5, greatest(1, 3.6 + ((i % 11) - 5) * 0.15 - (case when band = 'negative' then 0.6 else 0 end))),
      case when i % 10 = 0 then 1 + (i % 5) end,
      case when i % 7 = 0 then 0 else 1 end,
      1 + (i % 13), 5 + (i % 29), case when r = 'complaint' then 1 else 0 end,
      -- One conversation in eight holds a settled promise; three in four are kept.
      case when i % 8 = 0 then (case when i % 32 = 0 then 0 else 1 end) end
    from generate_series(${from}::int, ${to}::int) i
    cross join lateral (select now() - ((i % 365) * interval '1 day') - ((i % 1440) * interval '1 minute') as t,
      (array['general','general','general','complaint','urgency','churn_threat'])[1 + (i % 6)] as r,
      (array['chat','email','phone'])[1 + ((i / 6) % 3)] as ch,
      (array['neutral','negative','positive'])[1 + ((i / 18) % 3)] as band) x`);
}

/** The baseline: the same sums for one agent or a team, read from the facts table (no rollups). */
async function sumFactsDirectly(db: Db, orgId: string, teamOrAgent: "agent" | "team") {
  const who =
    teamOrAgent === "agent" ? sql`f.agent_id = ${agentId(7)}` : sql`f.team_id = md5('team0')::uuid`;
  await db.execute(sql`
    select f.agent_id, m.metric, count(*), sum(m.y), sum(m.y * m.y), sum(b.mean), sum((m.y - b.mean) ^ 2)
    from people_conversation_facts f
    cross join lateral (values ('qa_auto', f.qa_auto), ('predicted_satisfaction', f.predicted_satisfaction),
      ('csat', f.csat), ('fcr', f.fcr), ('first_response_minutes', f.first_response_minutes),
      ('handle_minutes', f.handle_minutes), ('complaint_rate', f.complaint_rate),
      ('promises_kept', f.promises_kept)) m(metric, y)
    left join people_baselines b on b.org_id = f.org_id and b.stratum = f.stratum and b.metric = m.metric
    where f.org_id = ${orgId}::uuid and ${who} and m.y is not null
      and f.started_at >= now() - interval '90 days'
    group by f.agent_id, m.metric`);
}

await withScratchPostgres("people", async (database) => {
  const { db } = database;
  console.log(machineLine());
  const org = await createOrg(db, "bench", "Bench");
  await insertRoster(db, org.id);
  let started = performance.now();
  for (let i = 0; i < TOTAL; i += STEP)
    await insertFacts(db, org.id, i, Math.min(TOTAL, i + STEP) - 1);
  await db.execute(sql`analyze people_conversation_facts`);
  console.log(
    `inserted ${TOTAL} conversations' facts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  started = performance.now();
  await rebaseOrg(db, org.id);
  await db.execute(sql`analyze`);
  const [{ n: rollupRows }] = (await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from people_rollups`,
  )) as [{ n: number }];
  console.log(
    `stratum baselines and ${rollupRows} weekly rollup rows built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const principal: Principal = {
    kind: "apikey",
    orgId: org.id,
    apiKeyId: "bench",
    scopes: ["read"],
  };
  const [{ id }] = (await queryRows<{ id: string }>(db, sql`select ${agentId(7)} as id`)) as [
    { id: string },
  ];
  const agentMs = await timeMany(40, () => getAgentScorecard(db, principal, id, {}));
  const agentLive = await timeMany(5, () => sumFactsDirectly(db, org.id, "agent"));
  console.log(
    `agent scorecard over 90 days: ${fmt(agentMs)} (target p95 < 200 ms); from the facts table: ${fmt(agentLive)}; ` +
      `ratio ${(percentile(agentLive, 95) / percentile(agentMs, 95)).toFixed(1)}×`,
  );
  const [{ id: teamId }] = (await queryRows<{ id: string }>(
    db,
    sql`select md5('team0')::uuid as id`,
  )) as [{ id: string }];
  const team = await timeMany(20, () => getTeamScorecards(db, principal, teamId, {}));
  const teamLive = await timeMany(3, () => sumFactsDirectly(db, org.id, "team"));
  console.log(
    `500-agent team view over 90 days: ${fmt(team)} (target p95 < 300 ms); from the facts table: ${fmt(teamLive)}; ` +
      `ratio ${(percentile(teamLive, 95) / percentile(team, 95)).toFixed(1)}×`,
  );
});

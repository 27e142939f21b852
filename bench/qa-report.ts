import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../src/db/client.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import { ensureStarterScorecards, qaReport } from "../src/domains/qa/index.ts";

const TEAMS = 5;
const AGENTS = 50;
const RUNS = 40;

/**
 * Stores `rows` automatic evaluations over the last year (50 agents in 5 teams) in a new org, set-based,
 * then times the QA report by team and by week over the last 90 days.
 */
export async function qaReportRun(database: Database, rows: number) {
  const { db } = database;
  const org = await createOrg(db, `bench-report-${Date.now()}`, "Bench report");
  await ensureStarterScorecards(db, org.id);
  const [v] = await queryRows<{ id: string; scorecard_id: string }>(
    db,
    sql`select id, scorecard_id from qa_scorecard_versions where org_id = ${org.id} limit 1`,
  );
  await db.execute(
    sql`insert into teams (org_id, name) select ${org.id}::uuid, 'Team ' || g from generate_series(1, ${TEAMS}) g`,
  );
  await db.execute(
    sql`insert into agents (org_id, name, team_id)
        select ${org.id}::uuid, 'Agent ' || g, (select id from teams where org_id = ${org.id} order by name offset (g % ${TEAMS}) limit 1)
        from generate_series(1, ${AGENTS}) g`,
  );
  const answers = JSON.stringify([
    { key: "greeting", answer: "pass", confidence: 0.9, evidence: [], agentId: null },
    { key: "closing", answer: "fail", confidence: 0.6, evidence: [], agentId: null },
  ]);
  const started = performance.now();
  for (let done = 0; done < rows; done += 100_000) {
    const n = Math.min(100_000, rows - done);
    await db.execute(sql`
      with a as (select id, team_id, row_number() over (order by id) - 1 as i from agents where org_id = ${org.id})
      insert into qa_evaluations (org_id, conversation_id, scorecard_id, version_id, version, kind, agent_id, team_id,
        channel, week, score, answers)
      select ${org.id}::uuid, gen_random_uuid(), ${v!.scorecard_id}::uuid, ${v!.id}::uuid, 1, 'auto', a.id, a.team_id,
        'chat', date_trunc('week', now() - (g % 365) * interval '1 day')::date, (g * 37) % 101, ${answers}::jsonb
      from generate_series(1, ${n}) g join a on a.i = g % ${AGENTS}`);
  }
  await db.execute(sql`analyze qa_evaluations`);
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(`  (stored ${rows.toLocaleString("en")} evaluations in ${loadSeconds.toFixed(1)} s)`);
  const principal = {
    kind: "apikey" as const,
    orgId: org.id,
    apiKeyId: "bench",
    scopes: ["read" as const],
  };
  const timings: number[] = [];
  let groups = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const report = await qaReport(db, principal, { groupBy: i % 2 ? "team" : "week" });
    timings.push(performance.now() - t);
    groups = report.items.length;
  }
  return { timings, groups };
}

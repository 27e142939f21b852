import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { foldAllDeltaRows, type DeltaRollup } from "../../db/delta-rollups.ts";
import { qaScoreRollups } from "../../db/schema/index.ts";

export type GroupBy = "agent" | "team" | "channel" | "criterion" | "week";

export interface ReportFilter {
  orgId: string;
  from: string;
  to: string;
  agentIds?: string[] | undefined;
  teamId?: string | undefined;
}

function where(f: ReportFilter): SQL {
  return sql`e.org_id = ${f.orgId} and e.week >= ${f.from}::date and e.week <= ${f.to}::date
    and e.calibration_session_id is null
    ${f.teamId ? sql`and e.team_id = ${f.teamId}` : sql``}
    ${f.agentIds ? sql`and e.agent_id::text in (select jsonb_array_elements_text(${JSON.stringify(f.agentIds)}::jsonb))` : sql``}`;
}

export interface ScoreRow {
  key: string | null;
  label: string | null;
  kind: "auto" | "human";
  evaluations: number;
  score: number | null;
  passed: number;
  failed: number;
}

/** Average score (or, by criterion, pass and fail counts) per group, automatic and human apart. */
export function scoresBy(db: Db, groupBy: GroupBy, f: ReportFilter): Promise<ScoreRow[]> {
  if (groupBy === "criterion") {
    return queryRows<ScoreRow>(
      db,
      sql`select a ->> 'key' as key, a ->> 'key' as label, e.kind, count(*)::int as evaluations,
            null::float8 as score,
            count(*) filter (where a ->> 'answer' = 'pass')::int as passed,
            count(*) filter (where a ->> 'answer' = 'fail')::int as failed
          from qa_evaluations e cross join lateral jsonb_array_elements(e.answers) a
          where ${where(f)}
          group by 1, 2, e.kind order by 1, e.kind`,
    );
  }
  // Read from the rollups (migration 0005): a few rows per team, agent and week, not every evaluation.
  const [key, label, join] = {
    agent: [
      sql`r.agent_id::text`,
      sql`max(g.name)`,
      sql`left join agents g on g.org_id = r.org_id and g.id = r.agent_id`,
    ],
    team: [
      sql`r.team_id::text`,
      sql`max(g.name)`,
      sql`left join teams g on g.org_id = r.org_id and g.id = r.team_id`,
    ],
    channel: [sql`r.channel::text`, sql`r.channel::text`, sql``],
    week: [sql`r.week::text`, sql`r.week::text`, sql``],
  }[groupBy];
  return queryRows<ScoreRow>(
    db,
    sql`select ${key} as key, ${label} as label, r.kind, sum(r.scored)::int as evaluations,
          round((sum(r.score_sum) / nullif(sum(r.scored), 0))::numeric, 1)::float8 as score,
          sum(r.passed)::int as passed, (sum(r.scored) - sum(r.passed))::int as failed
        from qa_score_rollups r ${join}
        where r.org_id = ${f.orgId} and r.week >= ${f.from}::date and r.week <= ${f.to}::date
          ${f.teamId ? sql`and r.team_id = ${f.teamId}` : sql``}
          ${f.agentIds ? sql`and r.agent_id::text in (select jsonb_array_elements_text(${JSON.stringify(f.agentIds)}::jsonb))` : sql``}
        group by ${key}, r.kind
        having sum(r.scored) > 0
        order by 1, r.kind`,
  );
}

/** The QA report rollups' delta rows, folded by a recurring job. */
export const QA_SCORE_ROLLUP: DeltaRollup = {
  table: qaScoreRollups,
  keys: [
    qaScoreRollups.orgId,
    qaScoreRollups.week,
    qaScoreRollups.kind,
    qaScoreRollups.channel,
    qaScoreRollups.teamId,
    qaScoreRollups.agentId,
  ],
  sums: [
    qaScoreRollups.evaluations,
    qaScoreRollups.scored,
    qaScoreRollups.scoreSum,
    qaScoreRollups.passed,
  ],
};

/** Folds the QA rollups' delta rows, bounded per call. */
export function compactRollups(db: Db): Promise<number> {
  return foldAllDeltaRows(db, [QA_SCORE_ROLLUP]);
}

/** Automatic answers corrected by reviewers or overturned in disputes, per criterion. */
export function correctionsByCriterion(db: Db, f: ReportFilter) {
  return queryRows<{ key: string; corrected: number; overturned: number; answered: number }>(
    db,
    sql`select a ->> 'key' as key,
          count(*) filter (where e.kind = 'human' and a ? 'original')::int as corrected,
          count(*) filter (where e.kind = 'auto' and a ? 'original')::int as overturned,
          count(*) filter (where e.kind = 'auto' and a ->> 'answer' in ('pass', 'fail'))::int as answered
        from qa_evaluations e cross join lateral jsonb_array_elements(e.answers) a
        where ${where(f)}
        group by 1 order by 1`,
  );
}

export interface ExportRow {
  evaluation_id: string;
  conversation_id: string;
  kind: string;
  scorecard_id: string;
  version: number;
  agent_id: string | null;
  team_id: string | null;
  channel: string;
  week: string;
  score: number | null;
  criterion: string;
  answer: string;
  value: string | null;
  confidence: string | null;
  credited_agent_id: string | null;
  original_answer: string | null;
  evidence: string | null;
}

/** One row per criterion answer of every evaluation in the window, oldest week first. */
export function exportAnswers(db: Db, f: ReportFilter, limit: number): Promise<ExportRow[]> {
  return queryRows<ExportRow>(
    db,
    sql`select e.id as evaluation_id, e.conversation_id, e.kind, e.scorecard_id, e.version, e.agent_id,
          e.team_id, e.channel::text as channel, e.week::text as week, e.score, a ->> 'key' as criterion,
          a ->> 'answer' as answer, a ->> 'value' as value, a ->> 'confidence' as confidence,
          a ->> 'agentId' as credited_agent_id, a -> 'original' ->> 'answer' as original_answer,
          (select string_agg(x ->> 'text', ' | ') from jsonb_array_elements(a -> 'evidence') x) as evidence
        from qa_evaluations e cross join lateral jsonb_array_elements(e.answers) a
        where ${where(f)}
        order by e.week, e.id limit ${limit}`,
  );
}

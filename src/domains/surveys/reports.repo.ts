import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

const since = (from: Date) => sql`${from.toISOString()}::timestamptz`;

/**
 * Decisions per reason (`invited`, `manual`, or the suppressing rule): each invitation as it
 * stands (the budget's decision, or a later exclusion), and each manual re-request from the log.
 */
export async function countDecisionsByReason(db: Db, orgId: string, from: Date) {
  return queryRows<{ reason: string; count: number }>(
    db,
    sql`select reason, count(*)::int as count from (
          select case when status = 'suppressed' then reason else 'invited' end as reason
          from survey_invitations where org_id = ${orgId} and created_at >= ${since(from)}
          union all
          select reason from survey_decisions where org_id = ${orgId} and created_at >= ${since(from)}
        ) d
        group by reason order by count desc`,
  );
}

/** CSAT answers beside the engine's predicted satisfaction of the same conversation. */
export async function findPredictedVsActual(db: Db, orgId: string, from: Date) {
  return queryRows<{ predicted: number; actual: number; channel: string; month: string }>(
    db,
    sql`select a.satisfaction as predicted, r.score as actual, r.channel,
          to_char(date_trunc('month', r.created_at at time zone 'UTC'), 'YYYY-MM') as month
        from survey_responses r
        join surveys s on s.org_id = r.org_id and s.id = r.survey_id and s.type = 'csat'
        join conversation_analyses a on a.org_id = r.org_id and a.conversation_id = r.conversation_id
        where r.org_id = ${orgId} and r.score is not null and r.created_at >= ${since(from)}
        limit 200000`,
  );
}

/** Invitations delivered or queued, and responses, per channel. */
export async function countResponseRates(db: Db, orgId: string, from: Date, surveyId?: string) {
  return queryRows<{
    channel: string;
    invited: number;
    responded: number;
    score_sum: number | null;
    scored: number;
  }>(
    db,
    sql`select i.channel, count(*)::int as invited, count(r.id)::int as responded,
          sum(r.score)::float8 as score_sum, count(r.score)::int as scored
        from survey_invitations i
        left join survey_responses r on r.org_id = i.org_id and r.invitation_id = i.id
        where i.org_id = ${orgId} and i.status <> 'suppressed' and i.created_at >= ${since(from)}
          ${surveyId ? sql`and i.survey_id = ${surveyId}` : sql``}
        group by i.channel order by i.channel`,
  );
}

/** Scores per ISO week, for the trend with its confidence interval. */
export async function findScoresByWeek(db: Db, orgId: string, from: Date, surveyId?: string) {
  return queryRows<{ week: string; scores: number[] }>(
    db,
    sql`select to_char(date_trunc('week', r.created_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
          array_agg(r.score) as scores
        from survey_responses r
        where r.org_id = ${orgId} and r.score is not null and r.created_at >= ${since(from)}
          ${surveyId ? sql`and r.survey_id = ${surveyId}` : sql`and r.survey_id in (select id from surveys where org_id = ${orgId} and type = 'csat')`}
        group by 1 order by 1`,
  );
}

/** Follow-ups opened and closed per team, with the hours each closed one took. */
export async function findLoopClosure(db: Db, orgId: string, from: Date) {
  return queryRows<{ team: string | null; opened: number; closed: number; hours: number[] | null }>(
    db,
    sql`select t.name as team, count(*)::int as opened,
          count(*) filter (where f.status = 'closed')::int as closed,
          array_agg((extract(epoch from (f.closed_at - f.created_at)) / 3600)::float8)
            filter (where f.status = 'closed') as hours
        from follow_ups f
        left join teams t on t.org_id = f.org_id and t.id = f.team_id
        where f.org_id = ${orgId} and f.created_at >= ${since(from)}
        group by t.name order by t.name`,
  );
}

/** Signals the engine found in comments, per response score band. */
export async function findCommentSignals(db: Db, orgId: string, from: Date) {
  return queryRows<{ low: boolean; signal: string; count: number; total: number }>(
    db,
    sql`with scored as (
          select r.analysis, s.type, r.score,
            case s.type when 'nps' then r.score <= 6 when 'ces' then r.score >= 5 else r.score <= 2 end as low
          from survey_responses r join surveys s on s.org_id = r.org_id and s.id = r.survey_id
          where r.org_id = ${orgId} and r.score is not null and r.created_at >= ${since(from)})
        select low, sig->>'name' as signal, count(*)::int as count,
          (select count(*)::int from scored s2 where s2.low = scored.low) as total
        from scored, jsonb_array_elements(coalesce(analysis->'signals', '[]'::jsonb)) sig
        group by low, sig->>'name'`,
  );
}

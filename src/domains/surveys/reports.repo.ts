import { sql, type SQL } from "drizzle-orm";
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

/** A response-rate dimension: the channel, the conversation's team, or its contact reason. */
export type RateDimension = "channel" | "team" | "reason";

const DIMENSION: Record<RateDimension, SQL> = {
  channel: sql`i.channel`,
  team: sql`(select t.name from conversations c join teams t on t.org_id = c.org_id and t.id = c.team_id
            where c.org_id = i.org_id and c.id = i.conversation_id)`,
  reason: sql`(select coalesce(m.name, m.label, cr.name, cr.label)
            from conversation_reasons x
            join contact_reasons cr on cr.org_id = x.org_id and cr.id = x.reason_id
            left join contact_reasons m on m.org_id = cr.org_id and m.id = cr.merged_into_id
            where x.org_id = i.org_id and x.conversation_id = i.conversation_id)`,
};

/** Invitations delivered or queued, and responses, per value of `by` (null: none known). */
export async function countResponseRates(
  db: Db,
  orgId: string,
  from: Date,
  surveyId?: string,
  by: RateDimension = "channel",
) {
  return queryRows<{
    key: string | null;
    invited: number;
    responded: number;
    score_sum: number | null;
    scored: number;
  }>(
    db,
    sql`select ${DIMENSION[by]} as key, count(*)::int as invited, count(r.id)::int as responded,
          sum(r.score)::float8 as score_sum, count(r.score)::int as scored
        from survey_invitations i
        left join survey_responses r on r.org_id = i.org_id and r.invitation_id = i.id
        where i.org_id = ${orgId} and i.status <> 'suppressed' and i.created_at >= ${since(from)}
          ${surveyId ? sql`and i.survey_id = ${surveyId}` : sql``}
        group by 1 order by 1`,
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

/**
 * Answers banded low (detractors; CSAT ≤ 2, CES ≥ 5) or high (promoters 9–10; CSAT ≥ 4, CES ≤ 3);
 * the middle (passives) separates nothing and is left out.
 */
function bandedResponses(orgId: string, from: Date) {
  return sql`banded as (
    select r.id, r.org_id, r.conversation_id, r.analysis,
      case s.type when 'nps' then r.score <= 6 when 'ces' then r.score >= 5 else r.score <= 2 end as low
    from survey_responses r join surveys s on s.org_id = r.org_id and s.id = r.survey_id
    where r.org_id = ${orgId} and r.score is not null and r.created_at >= ${since(from)}
      and case s.type when 'nps' then r.score <= 6 or r.score >= 9
        when 'ces' then r.score <> 4 else r.score <> 3 end),
  totals as (select low, count(*)::int as total from banded group by low)`;
}

type BandCount = { low: boolean; count: number; total: number };

/** Signals the engine found in comments, per band (low or high). */
export async function findCommentSignals(db: Db, orgId: string, from: Date) {
  return queryRows<BandCount & { signal: string }>(
    db,
    sql`with ${bandedResponses(orgId, from)}
        select b.low, sig->>'name' as signal, count(distinct b.id)::int as count,
          min(t.total) as total
        from banded b join totals t on t.low = b.low,
          jsonb_array_elements(coalesce(b.analysis->'signals', '[]'::jsonb)) sig
        group by b.low, sig->>'name'`,
  );
}

/**
 * Topics (the insights domain's contact reasons, merged ones counted under the reason they were
 * merged into) of the answered conversations, per band.
 */
export async function findResponseTopics(db: Db, orgId: string, from: Date) {
  return queryRows<BandCount & { reason_id: string; topic: string }>(
    db,
    sql`with ${bandedResponses(orgId, from)}
        select b.low, coalesce(m.id, cr.id) as reason_id,
          coalesce(m.name, m.label, cr.name, cr.label) as topic,
          count(*)::int as count, min(t.total) as total
        from banded b join totals t on t.low = b.low
        join conversation_reasons x on x.org_id = b.org_id and x.conversation_id = b.conversation_id
        join contact_reasons cr on cr.org_id = x.org_id and cr.id = x.reason_id
        left join contact_reasons m on m.org_id = cr.org_id and m.id = cr.merged_into_id
        group by b.low, 2, 3`,
  );
}

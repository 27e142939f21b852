import { sql } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import { conversationReasonSql } from "./reason.ts";

/** A conversation's keys in the rollups: rebuilding these (agent, week) pairs keeps them current. */
export interface RollupKey {
  agentId: string | null;
  week: string;
}

/**
 * The conversations whose first-contact resolution depends on these: the same customer's earlier
 * conversations within 7 days (a new one may make them repeats).
 */
export async function findEarlierContacts(db: Db, orgId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct f.conversation_id as id
        from conversations c
        join people_conversation_facts f
          on f.org_id = c.org_id and f.customer_id = c.customer_id
         and f.started_at < c.started_at and f.started_at >= c.started_at - interval '7 days'
        where c.org_id = ${orgId}::uuid and c.id = any(${uuids(ids)})`,
  );
  return rows.map((r) => r.id);
}

/** The rollup keys these conversations have now (before a rebuild changes them). */
export async function findRollupKeys(db: Db, orgId: string, ids: string[]): Promise<RollupKey[]> {
  if (ids.length === 0) return [];
  return queryRows<RollupKey>(
    db,
    sql`select distinct agent_id as "agentId", to_char(week, 'YYYY-MM-DD') as week
        from people_conversation_facts
        where org_id = ${orgId}::uuid and conversation_id = any(${uuids(ids)})`,
  );
}

/**
 * The longest silence handle time counts (seconds). A call is one stretch of talk; an email thread
 * waits days for the customer between replies, and a chat minutes: counting every silence in full
 * made email "handle time" the thread's age. Beyond this, the agent is taken to be doing something
 * else (docs/people.md).
 */
export const ACTIVE_GAP_SECONDS = 600;

/**
 * Recomputes the facts of these conversations from the live tables: analysis, contact reason, QA
 * evaluations, survey answers, cases, promises and messages. Deleted conversations lose their facts.
 */
export async function upsertFacts(db: Db, orgId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = uuids(ids);
  await db.execute(sql`delete from people_conversation_facts f
    where f.org_id = ${orgId}::uuid and f.conversation_id = any(${list})
      and not exists (select 1 from conversations c where c.org_id = f.org_id and c.id = f.conversation_id)`);
  await db.execute(sql`
    with base as (
      select c.org_id, c.id, c.agent_id, coalesce(c.team_id, ag.team_id) as team_id, c.customer_id, c.started_at, c.ended_at,
             c.channel::text as channel,
             -- The conversation's segment, else the customer's latest known one.
             coalesce(nullif(c.metadata->>'segment', ''),
               (select nullif(o.metadata->>'segment', '') from conversations o
                 where o.org_id = c.org_id and o.customer_id = c.customer_id and o.metadata ? 'segment'
                 order by o.started_at desc limit 1),
               'unknown') as segment,
             ca.satisfaction,
             ${conversationReasonSql(
               sql`cr.reason_id`,
               sql`coalesce(ca.signal_names, '{}'::text[])`,
             )} as reason,
             case when ca.result is null then 'unknown'
                  when (ca.result->'sentiment'->>'start')::float8 < -0.1 then 'negative'
                  when (ca.result->'sentiment'->>'start')::float8 > 0.1 then 'positive'
                  else 'neutral' end as band
      from conversations c
      left join conversation_analyses ca on ca.org_id = c.org_id and ca.conversation_id = c.id
      -- The insights domain's contact reason when it assigned one (see reason.ts).
      left join conversation_reasons cr on cr.org_id = c.org_id and cr.conversation_id = c.id
      -- A conversation without a team counts for its agent's team.
      left join agents ag on ag.org_id = c.org_id and ag.id = c.agent_id
      where c.org_id = ${orgId}::uuid and c.id = any(${list})
    ),
    qa as (
      select conversation_id,
             avg(score) filter (where kind = 'auto') as auto,
             avg(score) filter (where kind = 'human' and calibration_session_id is null) as human
      from qa_evaluations where org_id = ${orgId}::uuid and conversation_id = any(${list})
      group by conversation_id
    ),
    sv as (
      select r.conversation_id,
             avg(r.score) filter (where s.type = 'csat') as csat,
             avg(case when r.score >= 9 then 100 when r.score <= 6 then -100 else 0 end)
               filter (where s.type = 'nps') as nps,
             avg(r.score) filter (where s.type = 'ces') as ces
      from survey_responses r join surveys s on s.org_id = r.org_id and s.id = r.survey_id
      where r.org_id = ${orgId}::uuid and r.conversation_id = any(${list}) and r.score is not null
      group by r.conversation_id
    ),
    cs as (
      select conversation_id,
             count(*) filter (where source = 'conversation') as complaints,
             count(*) filter (where source = 'conversation' and status in ('resolved', 'closed')) as resolved,
             count(*) filter (where status in ('resolved', 'closed')) as done,
             count(*) filter (where status in ('resolved', 'closed') and k.breached_at is null) as met
      from cases c left join case_clocks k on k.org_id = c.org_id and k.case_id = c.id
      where c.org_id = ${orgId}::uuid and c.conversation_id = any(${list})
      group by conversation_id
    ),
    pr as (
      -- Settled promises only: a pending or open-ended one is neither kept nor broken yet.
      select conversation_id,
             avg(case when status = 'kept' then 1 else 0 end) as kept
      from promises where org_id = ${orgId}::uuid and conversation_id = any(${list})
        and status in ('kept', 'broken')
      group by conversation_id
    ),
    tm as (
      select m.conversation_id, min(m.ts) filter (where m.role = 'customer') as first_customer
      from messages m where m.org_id = ${orgId}::uuid and m.conversation_id = any(${list})
      group by m.conversation_id
    ),
    ev as (
      select m.conversation_id, m.ts
      from messages m where m.org_id = ${orgId}::uuid and m.conversation_id = any(${list})
      union all select b.id, b.started_at from base b
      union all select b.id, b.ended_at from base b where b.ended_at is not null
    ),
    ht as (
      -- Handle time: start, messages and end in time order, each silence counted up to ACTIVE_GAP.
      -- (least() skips nulls: the first event's missing gap would count in full without the filter)
      select conversation_id,
             sum(least(gap, ${ACTIVE_GAP_SECONDS})) filter (where gap is not null) / 60 as minutes
      from (select conversation_id,
                   extract(epoch from ts - lag(ts) over (partition by conversation_id order by ts)) as gap
            from ev) g
      group by conversation_id
    ),
    fr as (
      select tm.conversation_id, min(m.ts) as first_agent
      from tm join messages m on m.org_id = ${orgId}::uuid and m.conversation_id = tm.conversation_id
       and m.role = 'agent' and m.ts >= tm.first_customer
      group by tm.conversation_id
    )
    insert into people_conversation_facts (org_id, conversation_id, agent_id, team_id, customer_id,
      started_at, week, reason, stratum, coarse_stratum, qa_auto, qa_human, predicted_satisfaction,
      csat, nps, ces, fcr, first_response_minutes, handle_minutes, sla_compliance, complaint_rate,
      complaint_resolved, promises_kept, updated_at)
    select b.org_id, b.id, b.agent_id, b.team_id, b.customer_id, b.started_at,
      date_trunc('week', b.started_at at time zone 'UTC')::date, b.reason,
      b.reason || '|' || b.channel || '|' || b.band || '|' || b.segment, b.reason || '|' || b.channel,
      qa.auto, qa.human, b.satisfaction, sv.csat, sv.nps, sv.ces,
      case when b.customer_id is null then null
           when exists (select 1 from people_conversation_facts o
                        where o.org_id = b.org_id and o.customer_id = b.customer_id
                          and o.conversation_id <> b.id and o.reason = b.reason
                          and o.started_at > b.started_at
                          and o.started_at <= b.started_at + interval '7 days') then 0
           when b.started_at > now() - interval '7 days' then null
           else 1 end,
      extract(epoch from fr.first_agent - tm.first_customer) / 60,
      ht.minutes,
      case when coalesce(cs.done, 0) = 0 then null else (cs.met::float8 / cs.done) end,
      case when coalesce(cs.complaints, 0) > 0 then 1 else 0 end,
      case when coalesce(cs.complaints, 0) = 0 then null else (cs.resolved::float8 / cs.complaints) end,
      pr.kept::float8, now()
    from base b
    left join qa on qa.conversation_id = b.id
    left join sv on sv.conversation_id = b.id
    left join cs on cs.conversation_id = b.id
    left join tm on tm.conversation_id = b.id
    left join fr on fr.conversation_id = b.id
    left join ht on ht.conversation_id = b.id
    left join pr on pr.conversation_id = b.id
    on conflict (org_id, conversation_id) do update set
      agent_id = excluded.agent_id, team_id = excluded.team_id, customer_id = excluded.customer_id,
      started_at = excluded.started_at, week = excluded.week, reason = excluded.reason,
      stratum = excluded.stratum, coarse_stratum = excluded.coarse_stratum,
      qa_auto = excluded.qa_auto, qa_human = excluded.qa_human,
      predicted_satisfaction = excluded.predicted_satisfaction, csat = excluded.csat,
      nps = excluded.nps, ces = excluded.ces, fcr = excluded.fcr,
      first_response_minutes = excluded.first_response_minutes,
      handle_minutes = excluded.handle_minutes, sla_compliance = excluded.sla_compliance,
      complaint_rate = excluded.complaint_rate, complaint_resolved = excluded.complaint_resolved,
      promises_kept = excluded.promises_kept, updated_at = now()`);
}

/**
 * Conversations whose inputs changed since `since` without a `conversations.changed` event: a human
 * evaluation, a survey answer, a case update or a settled promise (the periodic catch-up reads
 * these).
 */
export async function findChangedSince(db: Db, orgId: string, since: Date, limit: number) {
  return queryRows<{ id: string }>(
    db,
    sql`select conversation_id as id from qa_evaluations
          where org_id = ${orgId}::uuid and updated_at > ${since.toISOString()}::timestamptz
        union
        select conversation_id from survey_responses
          where org_id = ${orgId}::uuid and updated_at > ${since.toISOString()}::timestamptz
        union
        select conversation_id from cases
          where org_id = ${orgId}::uuid and conversation_id is not null
            and updated_at > ${since.toISOString()}::timestamptz
        union
        select conversation_id from conversation_analyses
          where org_id = ${orgId}::uuid and updated_at > ${since.toISOString()}::timestamptz
        union
        select conversation_id from promises
          where org_id = ${orgId}::uuid and updated_at > ${since.toISOString()}::timestamptz
        limit ${limit}`,
  );
}

/** The org's conversations without facts yet (first run, or a back-fill after the migration). */
export async function findConversationsWithoutFacts(db: Db, orgId: string, limit: number) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select c.id from conversations c
        where c.org_id = ${orgId}::uuid and not exists (
          select 1 from people_conversation_facts f where f.org_id = c.org_id and f.conversation_id = c.id)
        limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

/**
 * Conversations whose facts carry another reason than the one insights assigned them in the last
 * day (a re-clustering, a merge or a leader's correction). A difference, not a time window: what
 * one catch-up leaves over its limit, the next one finds.
 */
export async function findReasonChanged(db: Db, orgId: string, limit: number) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select cr.conversation_id as id from conversation_reasons cr
        join people_conversation_facts f on f.org_id = cr.org_id and f.conversation_id = cr.conversation_id
        where cr.org_id = ${orgId}::uuid and cr.updated_at > now() - interval '1 day'
          and f.reason <> cr.reason_id::text
        limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

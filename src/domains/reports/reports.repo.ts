import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import type { DeltaRollup } from "../../db/delta-rollups.ts";
import { conversationRollups, signalRollups, type Channel } from "../../db/schema/index.ts";

/** What a report is over: an org, a range of UTC days, optional dimensions. */
export interface RollupFilter {
  orgId: string;
  /** First UTC day, inclusive, `YYYY-MM-DD`. */
  fromDay: string;
  /** Last UTC day, inclusive, `YYYY-MM-DD`. */
  toDay: string;
  channel?: Channel | undefined;
  teamId?: string | undefined;
  agentId?: string | undefined;
  /** Restricts to these agents' conversations (an agent sees only their own). */
  onlyAgentIds?: string[] | undefined;
}

function where(f: RollupFilter): SQL {
  const parts: SQL[] = [
    sql`org_id = ${f.orgId}::uuid`,
    sql`day >= ${f.fromDay}::date`,
    sql`day <= ${f.toDay}::date`,
  ];
  if (f.channel) parts.push(sql`channel = ${f.channel}::channel`);
  if (f.teamId) parts.push(sql`team_id = ${f.teamId}::uuid`);
  if (f.agentId) parts.push(sql`agent_id = ${f.agentId}::uuid`);
  if (f.onlyAgentIds) {
    parts.push(
      f.onlyAgentIds.length === 0
        ? sql`false`
        : sql`agent_id in (${sql.join(
            f.onlyAgentIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    );
  }
  return sql.join(parts, sql` and `);
}

/** Conversations per day and channel. Rows of a key are summed: the table holds deltas. */
export async function sumVolumeByDay(db: Db, f: RollupFilter) {
  return queryRows<{ day: string; channel: Channel; count: number }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, channel, sum(conversations)::int as count
        from conversation_rollups where ${where(f)}
        group by day, channel having sum(conversations) <> 0 order by day, channel`,
  );
}

export interface DayTotals {
  day: string;
  conversations: number;
  messages: number;
  analysed: number;
  satisfactionSum: number;
  sentimentSum: number;
  negative: number;
  neutral: number;
  positive: number;
}

/** Every counted measure per day, over all channels, teams and agents the filter keeps. */
export async function sumTotalsByDay(db: Db, f: RollupFilter): Promise<DayTotals[]> {
  const rows = await queryRows<Record<keyof DayTotals, string | number>>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, sum(conversations)::int as conversations,
          sum(messages)::int as messages, sum(analysed)::int as analysed,
          sum(satisfaction_sum)::float8 as "satisfactionSum", sum(sentiment_sum)::float8 as "sentimentSum",
          sum(negative)::int as negative, sum(neutral)::int as neutral, sum(positive)::int as positive
        from conversation_rollups where ${where(f)}
        group by day having sum(conversations) <> 0 or sum(analysed) <> 0 order by day`,
  );
  return rows.map((r) => ({
    day: String(r.day),
    conversations: Number(r.conversations),
    messages: Number(r.messages),
    analysed: Number(r.analysed),
    satisfactionSum: Number(r.satisfactionSum),
    sentimentSum: Number(r.sentimentSum),
    negative: Number(r.negative),
    neutral: Number(r.neutral),
    positive: Number(r.positive),
  }));
}

/** Conversations per detected signal over the filter's days, most frequent first. */
export async function sumSignals(db: Db, f: RollupFilter) {
  const rows = await queryRows<{ signal: string; conversations: number }>(
    db,
    sql`select signal, sum(conversations)::int as conversations from signal_rollups
        where ${where(f)} group by signal having sum(conversations) > 0
        order by sum(conversations) desc, signal`,
  );
  return rows.map((r) => ({ signal: r.signal, conversations: Number(r.conversations) }));
}

const KEY = sql.raw("org_id, day, channel, team_id, agent_id");

const BUCKET = [
  conversationRollups.orgId,
  conversationRollups.day,
  conversationRollups.channel,
  conversationRollups.teamId,
  conversationRollups.agentId,
];

/** The day rollups' delta rows, folded by the reports' compaction job. */
export const DAY_ROLLUPS: readonly DeltaRollup[] = [
  {
    table: conversationRollups,
    keys: BUCKET,
    sums: [
      conversationRollups.conversations,
      conversationRollups.messages,
      conversationRollups.analysed,
      conversationRollups.satisfactionSum,
      conversationRollups.sentimentSum,
      conversationRollups.negative,
      conversationRollups.neutral,
      conversationRollups.positive,
    ],
  },
  {
    table: signalRollups,
    keys: [
      signalRollups.orgId,
      signalRollups.day,
      signalRollups.channel,
      signalRollups.teamId,
      signalRollups.agentId,
      signalRollups.signal,
    ],
    sums: [signalRollups.conversations],
  },
];

/**
 * Recomputes an org's rollups (or every org's) from the live tables. Each table is one statement, so
 * the delete and the recount share one snapshot: a concurrent write is either counted here with its
 * delta row deleted, or not counted here with its delta row kept.
 */
export async function rebuildRollups(db: Db, orgId: string | null): Promise<void> {
  const org = orgId ? sql`org_id = ${orgId}::uuid` : sql`true`;
  const cOrg = orgId ? sql`c.org_id = ${orgId}::uuid` : sql`true`;
  await db.execute(sql`
    with gone as (delete from conversation_rollups where ${org} returning 1)
    insert into conversation_rollups (${KEY}, conversations, messages, analysed, satisfaction_sum,
      sentiment_sum, negative, neutral, positive)
    select c.org_id, (c.started_at at time zone 'UTC')::date, c.channel, c.team_id, c.agent_id,
      count(*), sum(c.message_count), count(a.conversation_id), coalesce(sum(a.satisfaction), 0),
      coalesce(sum(a.sentiment_score), 0), count(*) filter (where a.sentiment_label = 'negative'),
      count(*) filter (where a.sentiment_label = 'neutral'),
      count(*) filter (where a.sentiment_label = 'positive')
    from conversations c
    left join conversation_analyses a on a.org_id = c.org_id and a.conversation_id = c.id
    where ${cOrg} group by 1, 2, 3, 4, 5`);
  await db.execute(sql`
    with gone as (delete from signal_rollups where ${org} returning 1)
    insert into signal_rollups (${KEY}, signal, conversations)
    select c.org_id, (c.started_at at time zone 'UTC')::date, c.channel, c.team_id, c.agent_id, s,
      count(*)
    from conversations c
    join conversation_analyses a on a.org_id = c.org_id and a.conversation_id = c.id
    cross join lateral unnest(a.signal_names) as s
    where ${cOrg} group by 1, 2, 3, 4, 5, 6`);
}

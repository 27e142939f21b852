import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import { promises, type Channel, type PromiseStatus } from "../../db/schema/index.ts";
import type { Settlement } from "./clock.ts";
import { reasonOf, reasonOfJoined } from "./reason.ts";

export type PromiseRow = typeof promises.$inferSelect;

export interface PromiseSignalRow {
  message_id: string;
  conversation_id: string;
  ts: Date | string;
  agent_id: string | null;
  team_id: string | null;
  customer_id: string | null;
  channel: Channel;
  reason: string;
  quote: string;
  due: string | null;
}

/** Agent messages of these conversations in which the engine found a `promise`, with its due. */
export async function findPromiseSignals(
  db: Db,
  orgId: string,
  conversationIds: readonly string[],
) {
  return queryRows<PromiseSignalRow>(
    db,
    sql`select m.id as message_id, m.conversation_id, m.ts, coalesce(m.agent_id, c.agent_id) as agent_id,
          coalesce(c.team_id, a.team_id) as team_id, c.customer_id, c.channel, ${reasonOf("c")} as reason,
          left(m.text, 300) as quote, s.sig->>'due' as due
        from messages m
        join message_analyses ma on ma.org_id = m.org_id and ma.message_id = m.id
        join conversations c on c.org_id = m.org_id and c.id = m.conversation_id
        left join agents a on a.org_id = c.org_id and a.id = coalesce(m.agent_id, c.agent_id)
        cross join lateral (select x as sig from jsonb_array_elements(ma.result->'signals') x
                            where x->>'name' = 'promise' limit 1) s
        where m.org_id = ${orgId} and m.role = 'agent' and 'promise' = any(ma.signal_names)
          and m.conversation_id = any(${uuids(conversationIds)})`,
  );
}

/** New promises; one already tracked for the message is left as it is (the listener is replayed). */
export async function insertPromises(db: Db, rows: (typeof promises.$inferInsert)[]) {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(promises)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: promises.id });
  return inserted.length;
}

/** Pending promises of these customers, or of these conversations when they have no customer. */
export async function findPendingFor(
  db: Db,
  orgId: string,
  conversationIds: readonly string[],
): Promise<PromiseRow[]> {
  return db
    .select()
    .from(promises)
    .where(
      and(
        eq(promises.orgId, orgId),
        eq(promises.status, "pending"),
        sql`(${promises.conversationId} = any(${uuids(conversationIds)})
             or ${promises.customerId} in (select customer_id from conversations
               where org_id = ${orgId} and id = any(${uuids(conversationIds)}) and customer_id is not null))`,
      ),
    );
}

/** Pending promises past their due time, oldest first, across organizations (the settling job). */
export async function findOverdue(db: Db, now: Date, limit: number): Promise<PromiseRow[]> {
  return db
    .select()
    .from(promises)
    .where(and(eq(promises.status, "pending"), sql`${promises.dueAt} < ${now}`))
    .orderBy(promises.dueAt)
    .limit(limit);
}

export interface EventRow {
  kind: "agent_message" | "case_update" | "customer_message";
  at: Date | string;
  conversation_id: string;
  customer_id: string | null;
  text: string | null;
  repeat_contact: boolean;
}

/**
 * Everything after `since` that could settle promises made in these conversations or to these
 * customers: agent messages, customer messages (the service decides which say "still waiting"),
 * and updates of cases linked to the conversations.
 */
export async function findEvents(
  db: Db,
  orgId: string,
  p: { conversationIds: string[]; customerIds: string[]; since: Date },
) {
  const rows = await queryRows<EventRow>(
    db,
    sql`with convs as (
          select id, customer_id from conversations
          where org_id = ${orgId} and (id = any(${uuids(p.conversationIds)}) or customer_id = any(${uuids(p.customerIds)})))
        select case when m.role = 'agent' then 'agent_message' else 'customer_message' end as kind,
               m.ts as at, m.conversation_id, v.customer_id,
               case when m.role = 'customer' then left(m.text, 500) end as text,
               coalesce('repeat_contact' = any(ma.signal_names), false) as repeat_contact
        from messages m
        join convs v on v.id = m.conversation_id
        left join message_analyses ma on ma.org_id = m.org_id and ma.message_id = m.id
        where m.org_id = ${orgId} and m.role in ('agent', 'customer') and m.ts > ${p.since}
        union all
        select 'case_update', e.at, cc.conversation_id, v.customer_id, null, false
        from case_events e
        join case_conversations cc on cc.org_id = e.org_id and cc.case_id = e.case_id
        join convs v on v.id = cc.conversation_id
        where e.org_id = ${orgId} and e.at > ${p.since}
          and e.type in ('responded', 'status_changed', 'milestone', 'note')`,
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

/** Settles many promises in one statement; a promise settled meanwhile is left alone. */
export async function updateSettlements(
  db: Db,
  orgId: string,
  list: (Settlement & { id: string })[],
) {
  for (let i = 0; i < list.length; i += 2000) {
    const chunk = list.slice(i, i + 2000).map((s) => ({
      id: s.id,
      status: s.status,
      settled_at: s.settledAt?.toISOString() ?? null,
      settled_by: s.settledBy,
    }));
    await db.execute(
      sql`update promises p set status = v.status, settled_at = v.settled_at, settled_by = v.settled_by,
            updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
            as v(id uuid, status text, settled_at timestamptz, settled_by text)
          where p.org_id = ${orgId} and p.id = v.id and p.status = 'pending'`,
    );
  }
}

export type KeepRateDimension = "team" | "agent" | "reason";

export interface KeepRateRow {
  key: string;
  label: string;
  kept: number;
  broken: number;
  pending: number;
  open_ended: number;
}

/**
 * Counts by status per team, agent or reason, for promises made in [from, to). The reason is the
 * conversation's as it is now (`reasonOf`), not the text the promise was tracked with: a contact
 * reason renamed or merged since, or given to the conversation after the promise was found, counts
 * under its present name.
 */
export async function keepRateBy(
  db: Db,
  orgId: string,
  by: KeepRateDimension,
  from: Date,
  to: Date,
) {
  // Count first over the promises alone, then look up the few names: joining names row by row
  // costs more than the counting.
  const reason = reasonOfJoined("c");
  const key =
    by === "team" ? sql`p.team_id::text` : by === "agent" ? sql`p.agent_id::text` : reason.expr;
  const label =
    by === "team"
      ? sql`coalesce((select name from teams t where t.org_id = ${orgId} and t.id::text = g.key), 'No team')`
      : by === "agent"
        ? sql`coalesce((select name from agents a where a.org_id = ${orgId} and a.id::text = g.key), 'No agent')`
        : sql`g.key`;
  return queryRows<KeepRateRow>(
    db,
    sql`select coalesce(g.key, 'none') as key, ${label} as label, g.kept, g.broken, g.pending, g.open_ended
        from (select ${key} as key,
                count(*) filter (where p.status = 'kept')::int as kept,
                count(*) filter (where p.status = 'broken')::int as broken,
                count(*) filter (where p.status = 'pending')::int as pending,
                count(*) filter (where p.status = 'open_ended')::int as open_ended,
                count(*) as total
              from promises p
              ${by === "reason" ? sql`join conversations c on c.org_id = p.org_id and c.id = p.conversation_id ${reason.joins}` : sql``}
              where p.org_id = ${orgId} and p.promised_at >= ${from} and p.promised_at < ${to}
              group by 1) g
        order by g.total desc, g.key`,
  );
}

/** Tracked promises, newest first, each with its conversation's reason as it is now (`reasonOf`). */
export async function listPromises(
  db: Db,
  orgId: string,
  opts: { status?: PromiseStatus | undefined; limit: number },
) {
  return queryRows<PromiseRow & { agent_name: string | null; team_name: string | null }>(
    db,
    sql`select p.id, p.conversation_id as "conversationId", p.agent_id as "agentId", p.team_id as "teamId",
          p.channel, ${reasonOf("c")} as reason, p.quote, p.promised_at as "promisedAt", p.due_text as "dueText",
          p.due_at as "dueAt", p.status, p.settled_at as "settledAt", p.settled_by as "settledBy",
          a.name as agent_name, t.name as team_name
        from promises p
        join conversations c on c.org_id = p.org_id and c.id = p.conversation_id
        left join teams t on t.org_id = p.org_id and t.id = p.team_id
        left join agents a on a.org_id = p.org_id and a.id = p.agent_id
        where p.org_id = ${orgId} ${opts.status ? sql`and p.status = ${opts.status}` : sql``}
        order by p.promised_at desc, p.id limit ${opts.limit}`,
  );
}

export interface ResponseTimeRow {
  channel: Channel;
  n: number;
  p50: number | null;
  p75: number | null;
  p90: number | null;
  p95: number | null;
  within_stated: number | null;
  buckets: number[];
}

/** Upper edges of the first-response histogram, in minutes (the last bucket is open). */
export const RESPONSE_BUCKETS_MIN = [1, 5, 15, 60, 240, 480, 1440, 2880, 4320];

/**
 * First response per conversation started in [from, to): the first agent message after the first
 * customer message, in minutes; percentiles, histogram and the share within each channel's stated time.
 */
export async function firstResponseByChannel(
  db: Db,
  orgId: string,
  from: Date,
  to: Date,
  statedMinutes: Record<string, number>,
) {
  const edges = RESPONSE_BUCKETS_MIN.map((e) => sql`count(*) filter (where mins <= ${e})::int`);
  return queryRows<ResponseTimeRow>(
    db,
    sql`with firsts as (
          select c.channel, m.conversation_id,
                 min(m.ts) filter (where m.role = 'customer') as fc,
                 min(m.ts) filter (where m.role = 'agent') as fa
          from conversations c
          join messages m on m.org_id = c.org_id and m.conversation_id = c.id
          where c.org_id = ${orgId} and c.started_at >= ${from} and c.started_at < ${to}
            and m.role in ('customer', 'agent')
          group by c.channel, m.conversation_id),
        waits as (
          select channel, extract(epoch from (fa - fc)) / 60.0 as mins from firsts where fa > fc)
        select channel, count(*)::int as n,
          percentile_cont(0.5) within group (order by mins) as p50,
          percentile_cont(0.75) within group (order by mins) as p75,
          percentile_cont(0.9) within group (order by mins) as p90,
          percentile_cont(0.95) within group (order by mins) as p95,
          count(*) filter (where mins <= (${JSON.stringify(statedMinutes)}::jsonb->>channel::text)::float8)::int
            as within_stated,
          array[${sql.join(edges, sql`, `)}, count(*)::int] as buckets
        from waits group by channel order by channel`,
  );
}

import { sql } from "drizzle-orm";
import { analysisOf } from "../conversations/index.ts";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import type { Channel, MessageRole } from "../../db/schema/index.ts";

export interface ConversationFacts {
  id: string;
  channel: Channel;
  customer_id: string | null;
  team_id: string | null;
  subject: string | null;
  agent_user_id: string | null;
  status: string;
  ended_at: Date | string | null;
}

export interface MessageFacts {
  conversation_id: string;
  seq: number;
  role: MessageRole;
  ts: Date;
  text: string;
  signal_names: string[] | null;
  complaint_score: number | null;
}

export async function findConversations(db: Db, orgId: string, ids: readonly string[]) {
  return queryRows<ConversationFacts>(
    db,
    sql`select c.id, c.channel, c.customer_id, c.team_id, c.subject, a.user_id as agent_user_id,
          c.status, c.ended_at
        from conversations c
        left join agents a on a.org_id = c.org_id and a.id = c.agent_id
        where c.org_id = ${orgId} and c.id = any(${uuids(ids)})`,
  );
}

/** Customer and agent messages with their signals and complaint score, in order. */
export async function findMessages(db: Db, orgId: string, ids: readonly string[]) {
  const rows = await queryRows<MessageFacts & { ts: Date | string }>(
    db,
    sql`select m.conversation_id, m.seq, m.role, m.ts, left(m.text, 300) as text, ma.signal_names,
          -- The stored analysis is read (de-TOASTed) only where it holds a complaint.
          case when 'complaint' = any(ma.signal_names) then
            (select (s->>'score')::float8 from jsonb_array_elements(ma.result->'signals') s
              where s->>'name' = 'complaint' limit 1) end as complaint_score
        from messages m
        left join lateral ${analysisOf(sql`m`, sql`a.signal_names, a.result`)} ma on true
        where m.org_id = ${orgId} and m.role in ('customer', 'agent')
          and m.conversation_id = any(${uuids(ids)})
        order by m.conversation_id, m.seq`,
  );
  return rows.map((r) => ({ ...r, ts: new Date(r.ts) }));
}

/** The org's automatic-opening threshold on the complaint score (settings.cases.autoOpenComplaintScore). */
export async function complaintScoreThreshold(db: Db, orgId: string): Promise<number | null> {
  const [row] = await queryRows<{ v: string | null }>(
    db,
    sql`select settings->'cases'->>'autoOpenComplaintScore' as v from organizations where id = ${orgId}`,
  );
  const v = row?.v === null || row?.v === undefined ? NaN : Number(row.v);
  return Number.isFinite(v) ? v : null;
}

export interface EmailedComplaint {
  id: string;
  subject: string | null;
  customer_id: string | null;
  name: string | null;
  email: string | null;
  text: string;
  ts: Date;
  message_id: string | null;
}

/** Of `ids`, the conversations that came in through one of `sources`, with the first customer email. */
export async function findEmailedComplaints(
  db: Db,
  orgId: string,
  ids: readonly string[],
  sources: readonly string[],
): Promise<EmailedComplaint[]> {
  const rows = await queryRows<EmailedComplaint & { ts: Date | string }>(
    db,
    sql`select c.id, c.subject, c.customer_id, p.name, p.email, m.text, m.ts, m.external_id as message_id
        from conversations c
        left join customers p on p.org_id = c.org_id and p.id = c.customer_id
        join lateral (select left(text, 10000) as text, ts, external_id from messages
          where org_id = c.org_id and conversation_id = c.id and role = 'customer'
          order by seq limit 1) m on true
        where c.org_id = ${orgId}
          and c.source in (select jsonb_array_elements_text(${JSON.stringify(sources)}::jsonb))
          and c.id = any(${uuids(ids)})`,
  );
  return rows.map((r) => ({ ...r, ts: new Date(r.ts) }));
}

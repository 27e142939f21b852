import { sql } from "drizzle-orm";
import { chunks, eachChunk, queryRows, type Db, uuids } from "../../db/client.ts";
import type { Patch, RowOf, WithInstantsAsText } from "../../db/rows.ts";
import type {
  agents as agentsTable,
  conversationParticipants,
  conversations,
  customerIdentities,
  messages,
  teams,
} from "../../db/schema/index.ts";
import { isoMs } from "../../lib/cursor.ts";

// Each row type below names its columns by SQL name from the Drizzle table (db/rows.ts): renaming
// or retyping a column in db/schema fails typecheck here, beside the SQL that uses it.

// Rows per set-based statement: each chunk travels as one jsonb parameter (~1 MB at most).
const CHUNK = 2_000;

/**
 * Rows in the order of their key, as PostgreSQL's "C" collation orders it (byte order). Shared
 * rows are written and locked in this order, chunks included, so that two concurrent batches
 * naming the same rows take their locks in the same order and do not deadlock (what is left,
 * `retryOnConflict` runs again).
 */
function inKeyOrder<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const bytes = (row: T) => Buffer.from(key(row));
  return rows
    .map((row) => ({ row, k: bytes(row) }))
    .sort((a, b) => Buffer.compare(a.k, b.k))
    .map(({ row }) => row);
}

/** Team ids by name, creating the missing teams. */
export async function upsertTeams(
  db: Db,
  orgId: string,
  names: string[],
): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const json = JSON.stringify(inKeyOrder(names, (n) => n).map((name) => ({ name })));
  await db.execute(sql`
    insert into teams (org_id, name)
    select ${orgId}::uuid, t.name from jsonb_to_recordset(${json}::jsonb) as t(name text)
    order by t.name collate "C"
    on conflict (org_id, name) do nothing`);
  const rows = await queryRows<RowOf<typeof teams, "id" | "name">>(
    db,
    sql`select id, name from teams where org_id = ${orgId} and name in (select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.name, r.id]));
}

export interface AgentUpsert {
  externalId: string;
  name: string | null;
  email: string | null;
  teamId: string | null;
}

/**
 * Agent ids by external id; creates unknown agents and applies a name or email we learn (a team only
 * fills a gap). Rows that would not change are not written, so they are not locked: concurrent batches
 * naming the same agents do not queue behind each other.
 */
export async function upsertAgents(
  db: Db,
  orgId: string,
  agents: AgentUpsert[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const part of chunks(
    inKeyOrder(agents, (a) => a.externalId),
    CHUNK,
  )) {
    const json = JSON.stringify(
      part.map((a) => ({
        external_id: a.externalId,
        name: a.name,
        email: a.email,
        team_id: a.teamId,
      })),
    );
    const input = sql`jsonb_to_recordset(${json}::jsonb) as a(external_id text, name text, email text, team_id uuid)`;
    await db.execute(sql`
      insert into agents (org_id, external_id, name, email, team_id)
      select ${orgId}::uuid, a.external_id, coalesce(a.name, a.external_id), a.email, a.team_id from ${input}
      where not exists (select 1 from agents x where x.org_id = ${orgId} and x.external_id = a.external_id)
      order by a.external_id collate "C"
      on conflict (org_id, external_id) do nothing`);
    await db.execute(sql`
      update agents set name = coalesce(a.name, agents.name), email = coalesce(a.email, agents.email),
        team_id = coalesce(agents.team_id, a.team_id), updated_at = now()
      from ${input}
      where agents.org_id = ${orgId} and agents.external_id = a.external_id
        and ((a.name is not null and a.name is distinct from agents.name)
          or (a.email is not null and a.email is distinct from agents.email)
          or (agents.team_id is null and a.team_id is not null))`);
    const rows = await queryRows<RowOf<typeof agentsTable, "id" | "external_id">>(
      db,
      sql`select x.id, x.external_id from ${input} join agents x on x.org_id = ${orgId} and x.external_id = a.external_id`,
    );
    // The column is nullable (agents made by hand), but the join matched each row on it.
    for (const r of rows) if (r.external_id !== null) result.set(r.external_id, r.id);
  }
  return result;
}

export interface CustomerUpsert {
  source: string;
  externalId: string;
  name: string | null;
  email: string | null;
  /** A fresh id used if the customer is new. */
  candidateId: string;
}

/** Customer ids keyed `source\u0000externalId`, creating a customer and identity for unknown ones. */
export async function upsertCustomers(
  db: Db,
  orgId: string,
  customers: CustomerUpsert[],
): Promise<Map<string, string>> {
  const key = (source: string, externalId: string) => `${source}\u0000${externalId}`;
  const result = new Map<string, string>();
  for (const part of chunks(
    inKeyOrder(customers, (c) => `${c.source}\u0000${c.externalId}`),
    CHUNK,
  )) {
    const json = JSON.stringify(
      part.map((c) => ({
        source: c.source,
        external_id: c.externalId,
        name: c.name,
        email: c.email,
        id: c.candidateId,
      })),
    );
    // New customers first (identities reference them), then identities; a concurrent batch that
    // created the same identity wins, and the customer row we made for it is removed again.
    await db.execute(sql`
      insert into customers (org_id, id, name, email)
      select ${orgId}::uuid, c.id, c.name, c.email
      from jsonb_to_recordset(${json}::jsonb) as c(source text, external_id text, name text, email text, id uuid)
      where not exists (select 1 from customer_identities i
        where i.org_id = ${orgId} and i.source = c.source and i.external_id = c.external_id)`);
    await db.execute(sql`
      insert into customer_identities (org_id, customer_id, source, external_id)
      select ${orgId}::uuid, c.id, c.source, c.external_id
      from jsonb_to_recordset(${json}::jsonb) as c(source text, external_id text, id uuid)
      order by c.source collate "C", c.external_id collate "C"
      on conflict (org_id, source, external_id) do nothing`);
    const rows = await queryRows<
      RowOf<typeof customerIdentities, "source" | "external_id" | "customer_id">
    >(
      db,
      sql`
      select i.source, i.external_id, i.customer_id
      from jsonb_to_recordset(${json}::jsonb) as c(source text, external_id text)
      join customer_identities i on i.org_id = ${orgId} and i.source = c.source and i.external_id = c.external_id`,
    );
    for (const r of rows) result.set(key(r.source, r.external_id), r.customer_id);
    const orphans = part
      .filter((c) => result.get(key(c.source, c.externalId)) !== c.candidateId)
      .map((c) => c.candidateId);
    if (orphans.length > 0) {
      await db.execute(sql`
        delete from customers where org_id = ${orgId} and id = any(${uuids(orphans)})
          and not exists (select 1 from customer_identities i where i.org_id = ${orgId} and i.customer_id = customers.id)`);
    }
    // Fill a name or email we learn later.
    await db.execute(sql`
      update customers set name = coalesce(customers.name, c.name), email = coalesce(customers.email, c.email), updated_at = now()
      from jsonb_to_recordset(${json}::jsonb) as c(source text, external_id text, name text, email text)
      join customer_identities i on i.org_id = ${orgId} and i.source = c.source and i.external_id = c.external_id
      where customers.org_id = ${orgId} and customers.id = i.customer_id
        and ((customers.name is null and c.name is not null) or (customers.email is null and c.email is not null))`);
  }
  return result;
}

export type ExistingConversation = RowOf<
  typeof conversations,
  "id" | "source" | "external_id" | "status" | "subject" | "metadata" | "agent_id" | "team_id"
>;

export async function findConversationsByExternalIds(
  db: Db,
  orgId: string,
  keys: { source: string; externalId: string }[],
): Promise<ExistingConversation[]> {
  const out: ExistingConversation[] = [];
  const ordered = inKeyOrder(keys, (k) => `${k.source}\u0000${k.externalId}`);
  for (const part of chunks(ordered, CHUNK)) {
    const json = JSON.stringify(part.map((k) => ({ source: k.source, external_id: k.externalId })));
    out.push(
      ...(await queryRows<ExistingConversation>(
        db,
        sql`
        select c.id, c.source, c.external_id, c.status, c.subject, c.metadata, c.agent_id, c.team_id
        from jsonb_to_recordset(${json}::jsonb) as k(source text, external_id text)
        join conversations c on c.org_id = ${orgId} and c.source = k.source and c.external_id = k.external_id
        order by c.source collate "C", c.external_id collate "C"
        for update of c`,
      )),
    );
  }
  return out;
}

export type ConversationInsert = WithInstantsAsText<
  RowOf<
    typeof conversations,
    | "id"
    | "source"
    | "external_id"
    | "channel"
    | "status"
    | "subject"
    | "customer_id"
    | "agent_id"
    | "team_id"
    | "started_at"
    | "ended_at"
    | "message_count"
    | "metadata"
  >
>;

/** Inserts conversations; returns the ids actually inserted (a concurrent batch may have won some). */
export async function insertConversations(
  db: Db,
  orgId: string,
  rows: ConversationInsert[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  const ordered = inKeyOrder(rows, (r) => `${r.source}\u0000${r.external_id}`);
  for (const part of chunks(ordered, CHUNK)) {
    const got = await queryRows<RowOf<typeof conversations, "id">>(
      db,
      sql`
      insert into conversations (org_id, id, source, external_id, channel, status, subject, customer_id, agent_id, team_id, started_at, ended_at, message_count, metadata)
      select ${orgId}::uuid, r.id, r.source, r.external_id, r.channel::channel, r.status::conversation_status, r.subject,
        r.customer_id, r.agent_id, r.team_id, r.started_at, r.ended_at, r.message_count, r.metadata
      from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r(id uuid, source text, external_id text, channel text,
        status text, subject text, customer_id uuid, agent_id uuid, team_id uuid, started_at timestamptz,
        ended_at timestamptz, message_count int, metadata jsonb)
      order by r.source collate "C", r.external_id collate "C"
      on conflict (org_id, source, external_id) do nothing
      returning id`,
    );
    for (const r of got) inserted.add(r.id);
  }
  return inserted;
}

/** `ts` is read as ISO text (`to_char`), as ingested messages carry it. */
export type StoredMessageKey = WithInstantsAsText<
  RowOf<typeof messages, "conversation_id" | "seq" | "external_id" | "role" | "ts" | "text">
>;

export async function findMessageKeys(
  db: Db,
  orgId: string,
  conversationIds: string[],
): Promise<StoredMessageKey[]> {
  if (conversationIds.length === 0) return [];
  return queryRows<StoredMessageKey>(
    db,
    sql`
    select conversation_id, seq, external_id, role, ${isoMs(sql`ts`)} as ts, text
    from messages
    where org_id = ${orgId} and conversation_id = any(${uuids(conversationIds)})`,
  );
}

export type MessageInsert = WithInstantsAsText<
  RowOf<
    typeof messages,
    | "id"
    | "conversation_id"
    | "seq"
    | "role"
    | "agent_id"
    | "external_id"
    | "text"
    | "raw_text"
    | "ts"
    | "start_offset"
    | "end_offset"
    | "redactions"
    | "metadata"
  >
>;

export async function insertMessages(db: Db, orgId: string, rows: MessageInsert[]): Promise<void> {
  await eachChunk(
    db,
    rows,
    CHUNK,
    (json) => sql`
    insert into messages (org_id, id, conversation_id, seq, role, agent_id, external_id, text, raw_text, ts, start_offset, end_offset, redactions, metadata)
    select ${orgId}::uuid, m.id, m.conversation_id, m.seq, m.role::message_role, m.agent_id, m.external_id, m.text, m.raw_text,
      m.ts, m.start_offset, m.end_offset, m.redactions, m.metadata
    from jsonb_to_recordset(${json}::jsonb) as m(id uuid, conversation_id uuid, seq int, role text, agent_id uuid, external_id text,
      text text, raw_text text, ts timestamptz, start_offset float8, end_offset float8, redactions int, metadata jsonb)`,
  );
}

/** A null field keeps the stored value. */
export type ConversationPatch = RowOf<typeof conversations, "id"> &
  Patch<RowOf<typeof conversations, "status" | "subject" | "metadata" | "agent_id" | "team_id">>;

/** Recomputes counts and times from the stored messages, and applies changed fields. */
export async function refreshConversations(
  db: Db,
  orgId: string,
  patches: ConversationPatch[],
): Promise<void> {
  await eachChunk(
    db,
    patches,
    CHUNK,
    (json) => sql`
    update conversations c set
      status = coalesce(p.status::conversation_status, c.status),
      subject = coalesce(p.subject, c.subject),
      metadata = coalesce(p.metadata, c.metadata),
      agent_id = coalesce(p.agent_id, c.agent_id),
      team_id = coalesce(p.team_id, c.team_id),
      message_count = s.n,
      started_at = least(c.started_at, coalesce(s.first_ts, c.started_at)),
      ended_at = case when coalesce(p.status::conversation_status, c.status) in ('resolved', 'closed') then s.last_ts else null end,
      updated_at = now()
    from jsonb_to_recordset(${json}::jsonb) as p(id uuid, status text, subject text, metadata jsonb, agent_id uuid, team_id uuid),
      lateral (select count(*)::int as n, min(ts) as first_ts, max(ts) as last_ts from messages m
               where m.org_id = ${orgId} and m.conversation_id = p.id) s
    where c.org_id = ${orgId} and c.id = p.id`,
  );
}

export async function insertParticipants(
  db: Db,
  orgId: string,
  rows: RowOf<
    typeof conversationParticipants,
    "conversation_id" | "role" | "agent_id" | "customer_id" | "display_name"
  >[],
): Promise<void> {
  // Adds only participants not yet recorded for that conversation.
  await eachChunk(
    db,
    rows,
    CHUNK,
    (json) => sql`
    insert into conversation_participants (org_id, conversation_id, role, agent_id, customer_id, display_name)
    select ${orgId}::uuid, p.conversation_id, p.role::message_role, p.agent_id, p.customer_id, p.display_name
    from jsonb_to_recordset(${json}::jsonb) as p(conversation_id uuid, role text, agent_id uuid, customer_id uuid, display_name text)
    where not exists (select 1 from conversation_participants x where x.org_id = ${orgId} and x.conversation_id = p.conversation_id
      and x.role = p.role::message_role and x.agent_id is not distinct from p.agent_id and x.customer_id is not distinct from p.customer_id)`,
  );
}

export async function findConversationByMessageExternalId(
  db: Db,
  orgId: string,
  messageExternalId: string,
) {
  const rows = await queryRows<RowOf<typeof conversations, "id" | "source" | "external_id">>(
    db,
    sql`select c.id, c.source, c.external_id from messages m
        join conversations c on c.org_id = m.org_id and c.id = m.conversation_id
        where m.org_id = ${orgId} and m.external_id = ${messageExternalId} limit 1`,
  );
  const row = rows[0];
  return row ? { id: row.id, source: row.source, externalId: row.external_id } : null;
}

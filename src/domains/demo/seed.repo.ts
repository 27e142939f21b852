import { inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  agents,
  memberships,
  organizations,
  teams,
  users,
  type RoleName,
} from "../../db/schema/index.ts";
import type { DemoRows } from "./generate.ts";

// Rows per set-based insert. Each chunk travels as one jsonb parameter; ~2,000 message rows is
// ~1 MB, small enough for PGlite's wire buffer and few enough round trips to stay fast.
const CHUNK_ROWS = 2_000;

async function insertRecordset<T>(
  db: Db,
  rows: readonly T[],
  build: (json: string) => SQL,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    await db.execute(build(JSON.stringify(rows.slice(i, i + CHUNK_ROWS))));
  }
}

export async function hasAnyOrganizationRow(db: Db): Promise<boolean> {
  const found = await db.select({ id: organizations.id }).from(organizations).limit(1);
  return found.length > 0;
}

export async function findOrganizationIdBySlug(db: Db, slug: string): Promise<string | undefined> {
  const found = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(sql`${organizations.slug} = ${slug}`)
    .limit(1);
  return found[0]?.id;
}

export async function findExistingUserEmails(db: Db, emails: readonly string[]): Promise<string[]> {
  const lowered = emails.map((e) => e.toLowerCase());
  const found = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, lowered));
  return found.map((u) => u.email);
}

export async function insertOrganization(db: Db, slug: string, name: string): Promise<string> {
  const [org] = await db
    .insert(organizations)
    .values({ slug, name })
    .returning({ id: organizations.id });
  if (!org) throw new Error("insert organizations returned no row");
  return org.id;
}

export async function insertTeams(db: Db, orgId: string, rows: DemoRows["teams"]): Promise<void> {
  await db.insert(teams).values(rows.map((t) => ({ orgId, id: t.id, name: t.name })));
}

export async function insertUsers(
  db: Db,
  rows: { email: string; name: string; passwordHash: string }[],
): Promise<{ id: string; email: string }[]> {
  return db.insert(users).values(rows).returning({ id: users.id, email: users.email });
}

export async function insertMemberships(
  db: Db,
  orgId: string,
  rows: { userId: string; role: RoleName; teamId: string | null }[],
): Promise<void> {
  await db.insert(memberships).values(rows.map((m) => ({ orgId, ...m })));
}

export async function insertAgents(
  db: Db,
  orgId: string,
  rows: (DemoRows["agents"][number] & { user_id: string | null })[],
): Promise<void> {
  await db.insert(agents).values(
    rows.map((a) => ({
      orgId,
      id: a.id,
      externalId: a.external_id,
      name: a.name,
      email: a.email,
      teamId: a.team_id,
      userId: a.user_id,
    })),
  );
}

/** Customers, identities, conversations, participants and messages, set-based and in FK order. */
export async function insertConversationRows(db: Db, orgId: string, rows: DemoRows): Promise<void> {
  await insertRecordset(
    db,
    rows.customers,
    (json) => sql`
    insert into customers (org_id, id, name, email)
    select ${orgId}::uuid, t.id, t.name, t.email
    from jsonb_to_recordset(${json}::jsonb) as t(id uuid, name text, email text)`,
  );
  await insertRecordset(
    db,
    rows.identities,
    (json) => sql`
    insert into customer_identities (org_id, id, customer_id, source, external_id)
    select ${orgId}::uuid, t.id, t.customer_id, t.source, t.external_id
    from jsonb_to_recordset(${json}::jsonb) as t(id uuid, customer_id uuid, source text, external_id text)`,
  );
  await insertRecordset(
    db,
    rows.conversations,
    (json) => sql`
    insert into conversations (org_id, id, source, external_id, channel, status, subject, customer_id,
      agent_id, team_id, started_at, ended_at, message_count, metadata)
    select ${orgId}::uuid, t.id, 'demo', t.external_id, t.channel::channel, t.status::conversation_status,
      t.subject, t.customer_id, t.agent_id, t.team_id, t.started_at, t.ended_at, t.message_count, t.metadata
    from jsonb_to_recordset(${json}::jsonb) as t(id uuid, external_id text, channel text, status text,
      subject text, customer_id uuid, agent_id uuid, team_id uuid, started_at timestamptz,
      ended_at timestamptz, message_count int, metadata jsonb)`,
  );
  await insertRecordset(
    db,
    rows.participants,
    (json) => sql`
    insert into conversation_participants (org_id, id, conversation_id, role, agent_id, customer_id, display_name)
    select ${orgId}::uuid, t.id, t.conversation_id, t.role::message_role, t.agent_id, t.customer_id, t.display_name
    from jsonb_to_recordset(${json}::jsonb) as t(id uuid, conversation_id uuid, role text, agent_id uuid,
      customer_id uuid, display_name text)`,
  );
  await insertRecordset(
    db,
    rows.messages,
    (json) => sql`
    insert into messages (org_id, id, conversation_id, seq, role, agent_id, text, ts, start_offset, end_offset, redactions)
    select ${orgId}::uuid, t.id, t.conversation_id, t.seq, t.role::message_role, t.agent_id, t.text, t.ts,
      t.start_offset, t.end_offset, t.redactions
    from jsonb_to_recordset(${json}::jsonb) as t(id uuid, conversation_id uuid, seq int, role text,
      agent_id uuid, text text, ts timestamptz, start_offset double precision, end_offset double precision,
      redactions int)`,
  );
}

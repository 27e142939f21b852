import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { kudos } from "../../db/schema/index.ts";
import { isoMs } from "../../lib/cursor.ts";

export async function isMember(db: Db, orgId: string, userId: string) {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from memberships where org_id = ${orgId} and user_id = ${userId}`,
  );
  return rows.length > 0;
}

export async function conversationExists(db: Db, orgId: string, id: string) {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from conversations where org_id = ${orgId} and id = ${id}`,
  );
  return rows.length > 0;
}

export async function insertKudos(
  db: Db,
  values: {
    orgId: string;
    fromUserId: string;
    toUserId: string;
    conversationId: string;
    message: string;
  },
) {
  const [row] = await db.insert(kudos).values(values).returning({ id: kudos.id });
  return row!.id;
}

export interface KudosRow {
  id: string;
  from_user_id: string;
  from_name: string;
  to_user_id: string;
  to_name: string;
  conversation_id: string;
  message: string;
  created_at: string;
}

export async function listKudos(
  db: Db,
  orgId: string,
  filter: { id?: string; toUserId?: string; fromUserId?: string },
  limit: number,
) {
  return queryRows<KudosRow>(
    db,
    sql`select k.id, k.from_user_id, f.name as from_name, k.to_user_id, t.name as to_name,
        k.conversation_id, k.message,
        ${isoMs(sql`k.created_at`)} as created_at
      from kudos k join users f on f.id = k.from_user_id join users t on t.id = k.to_user_id
      where k.org_id = ${orgId}
        ${filter.id ? sql`and k.id = ${filter.id}` : sql``}
        ${filter.toUserId ? sql`and k.to_user_id = ${filter.toUserId}` : sql``}
        ${filter.fromUserId ? sql`and k.from_user_id = ${filter.fromUserId}` : sql``}
      order by k.created_at desc limit ${limit}`,
  );
}

/** Kudos received (all time and the last 30 days) and published wow stories, for one user. */
export async function countsForUser(db: Db, orgId: string, userId: string, since: Date) {
  const [row] = await queryRows<{ kudos: number; recent: number; stories: number }>(
    db,
    sql`select
        (select count(*)::int from kudos where org_id = ${orgId} and to_user_id = ${userId}) as kudos,
        (select count(*)::int from kudos where org_id = ${orgId} and to_user_id = ${userId}
           and created_at >= ${since.toISOString()}::timestamptz) as recent,
        (select count(*)::int from wow_stories w join agents a on a.org_id = w.org_id and a.id = w.agent_id
           where w.org_id = ${orgId} and a.user_id = ${userId} and w.status = 'published') as stories`,
  );
  return row!;
}

export async function findAgent(db: Db, orgId: string, agentId: string) {
  const rows = await queryRows<{ id: string; user_id: string | null; name: string }>(
    db,
    sql`select id, user_id, name from agents where org_id = ${orgId} and id = ${agentId}`,
  );
  return rows[0] ?? null;
}

export async function countStoriesForAgent(db: Db, orgId: string, agentId: string) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from wow_stories where org_id = ${orgId} and agent_id = ${agentId} and status = 'published'`,
  );
  return row!.n;
}

/** Members with their role and linked agent (the demo gives kudos between them). */
export async function listMembers(db: Db, orgId: string) {
  return queryRows<{ user_id: string; role: string; agent_id: string | null }>(
    db,
    sql`select m.user_id, m.role, a.id as agent_id from memberships m
      left join agents a on a.org_id = m.org_id and a.user_id = m.user_id
      where m.org_id = ${orgId} order by m.role`,
  );
}

/** The latest conversations an agent handled. */
export async function agentConversations(db: Db, orgId: string, agentId: string, limit: number) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from conversations where org_id = ${orgId} and agent_id = ${agentId}
      order by started_at desc limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

/** Everyone in the org by name (kudos go to any colleague). */
export async function listColleagues(db: Db, orgId: string) {
  return queryRows<{ user_id: string; name: string }>(
    db,
    sql`select u.id as user_id, u.name from memberships m join users u on u.id = m.user_id
      where m.org_id = ${orgId} order by u.name`,
  );
}

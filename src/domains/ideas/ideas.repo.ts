import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import {
  ideaComments,
  ideas,
  ideaVotes,
  type IdeaSource,
  type IdeaStatus,
} from "../../db/schema/index.ts";
import { isoMs } from "../../lib/cursor.ts";

export interface IdeaRow {
  id: string;
  title: string;
  body: string;
  status: IdeaStatus;
  decline_reason: string | null;
  source: IdeaSource;
  evidence: string[];
  conversation_id: string | null;
  author_user_id: string | null;
  author_name: string | null;
  fix_id: string | null;
  votes: number;
  comments: number;
  voted_by_me: boolean;
  created_at: string;
  updated_at: string;
}

export async function listIdeas(
  db: Db,
  orgId: string,
  voter: string,
  filter: { id?: string; status?: IdeaStatus; source?: IdeaSource; sort: "votes" | "newest" },
  limit: number,
) {
  const order =
    filter.sort === "votes"
      ? sql`order by i.votes desc, i.created_at desc`
      : sql`order by i.created_at desc`;
  return queryRows<IdeaRow>(
    db,
    sql`select i.id, i.title, i.body, i.status, i.decline_reason, i.source, i.evidence,
        i.conversation_id, i.author_user_id, u.name as author_name, i.fix_id, i.votes, i.comments,
        exists (select 1 from idea_votes v where v.org_id = i.org_id and v.idea_id = i.id and v.voter = ${voter}) as voted_by_me,
        ${isoMs(sql`i.created_at`)} as created_at, ${isoMs(sql`i.updated_at`)} as updated_at
      from ideas i left join users u on u.id = i.author_user_id
      where i.org_id = ${orgId}
        ${filter.id ? sql`and i.id = ${filter.id}` : sql``}
        ${filter.status ? sql`and i.status = ${filter.status}` : sql``}
        ${filter.source ? sql`and i.source = ${filter.source}` : sql``}
      ${order} limit ${limit}`,
  );
}

export async function insertIdea(db: Db, values: typeof ideas.$inferInsert) {
  const [row] = await db.insert(ideas).values(values).returning({ id: ideas.id });
  return row!.id;
}

/** Mined ideas: one per source message, whatever re-analysis does. Returns how many were new. */
export async function insertMinedIdeas(db: Db, rows: (typeof ideas.$inferInsert)[]) {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(ideas)
    .values(rows)
    .onConflictDoNothing({
      target: [ideas.orgId, ideas.minedFrom],
      where: sql`mined_from is not null`,
    })
    .returning({ id: ideas.id });
  return inserted.length;
}

export async function updateIdea(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<typeof ideas.$inferInsert>,
) {
  const rows = await db
    .update(ideas)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(ideas.orgId, orgId), eq(ideas.id, id)))
    .returning({ id: ideas.id });
  return rows.length > 0;
}

/** Records a vote and bumps the count in one transaction; false when this voter already voted. */
export async function insertVote(db: Db, orgId: string, ideaId: string, voter: string) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(ideaVotes)
      .values({ orgId, ideaId, voter })
      .onConflictDoNothing()
      .returning({ id: ideaVotes.id });
    if (rows.length === 0) return false;
    await tx
      .update(ideas)
      .set({ votes: sql`${ideas.votes} + 1` })
      .where(and(eq(ideas.orgId, orgId), eq(ideas.id, ideaId)));
    return true;
  });
}

export async function insertComment(
  db: Db,
  orgId: string,
  ideaId: string,
  authorUserId: string | null,
  body: string,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ideaComments)
      .values({ orgId, ideaId, authorUserId, body })
      .returning({ id: ideaComments.id });
    await tx
      .update(ideas)
      .set({ comments: sql`${ideas.comments} + 1`, updatedAt: new Date() })
      .where(and(eq(ideas.orgId, orgId), eq(ideas.id, ideaId)));
    return row!.id;
  });
}

export async function listComments(db: Db, orgId: string, ideaId: string) {
  return queryRows<{
    id: string;
    author_user_id: string | null;
    author_name: string | null;
    body: string;
    created_at: string;
  }>(
    db,
    sql`select c.id, c.author_user_id, u.name as author_name, c.body, ${isoMs(sql`c.created_at`)} as created_at
      from idea_comments c left join users u on u.id = c.author_user_id
      where c.org_id = ${orgId} and c.idea_id = ${ideaId} order by c.created_at, c.id`,
  );
}

export interface MinableMessage {
  id: string;
  conversation_id: string;
  role: "customer" | "internal";
  text: string;
  signal_names: string[] | null;
  result: { signals?: { name: string; evidence?: { text: string }[] }[] } | null;
}

/**
 * Customer messages the engine marked `suggestion`, and every internal note, of some
 * conversations: the miner decides which notes are ideas.
 */
export async function findMinableMessages(db: Db, orgId: string, conversationIds: string[]) {
  if (conversationIds.length === 0) return [];
  return queryRows<MinableMessage>(
    db,
    sql`select m.id, m.conversation_id, m.role, m.text, ma.signal_names, ma.result
      from messages m
      left join message_analyses ma on ma.org_id = m.org_id and ma.message_id = m.id
      where m.org_id = ${orgId}
        and m.conversation_id = any(${uuids(conversationIds)})
        and ((m.role = 'customer' and ma.signal_names @> array['suggestion']::text[]) or m.role = 'internal')`,
  );
}

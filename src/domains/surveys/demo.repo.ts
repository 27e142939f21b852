import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  conversations,
  followUps,
  messages,
  surveyInvitations,
  surveyResponses,
} from "../../db/schema/index.ts";

/** Resolved and closed conversations of an organization, oldest resolution first. */
export async function findFinishedConversations(db: Db, orgId: string) {
  return db
    .select({
      id: conversations.id,
      channel: conversations.channel,
      customerId: conversations.customerId,
      agentId: conversations.agentId,
      teamId: conversations.teamId,
      at: sql<Date>`coalesce(${conversations.endedAt}, ${conversations.startedAt})`.mapWith(
        (v: string | Date) => new Date(v),
      ),
    })
    .from(conversations)
    .where(
      and(eq(conversations.orgId, orgId), inArray(conversations.status, ["resolved", "closed"])),
    )
    .orderBy(sql`coalesce(${conversations.endedAt}, ${conversations.startedAt})`);
}

export async function findMessagesOf(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ conversationId: messages.conversationId, role: messages.role, text: messages.text })
    .from(messages)
    .where(and(eq(messages.orgId, orgId), inArray(messages.conversationId, ids)))
    .orderBy(asc(messages.conversationId), asc(messages.seq));
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

/** Writes the demo's survey history in one go (the caller's transaction). */
export async function insertSurveyHistory(
  db: Db,
  rows: {
    invitations: (typeof surveyInvitations.$inferInsert)[];
    responses: (typeof surveyResponses.$inferInsert)[];
    followUps: (typeof followUps.$inferInsert)[];
  },
) {
  await insertChunks(rows.invitations, (c) => db.insert(surveyInvitations).values(c));
  await insertChunks(rows.responses, (c) => db.insert(surveyResponses).values(c));
  await insertChunks(rows.followUps, (c) => db.insert(followUps).values(c));
}

import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { caseConversations, caseEvents } from "../../db/schema/index.ts";

/** A case's history: its numbered events and the conversations linked to it. */
export type CaseEventRow = typeof caseEvents.$inferSelect;
export interface NewCaseEvent {
  type: string;
  at: Date;
  actorUserId?: string | null | undefined;
  data?: Record<string, unknown>;
}

/** Appends events after the case's last one; call with the case locked (or just inserted). */
export async function appendEvents(
  db: Db,
  orgId: string,
  caseId: string,
  events: readonly NewCaseEvent[],
): Promise<CaseEventRow[]> {
  if (events.length === 0) return [];
  const [last] = await queryRows<{ seq: number | null }>(
    db,
    sql`select max(seq)::int as seq from case_events where org_id = ${orgId} and case_id = ${caseId}`,
  );
  const base = last?.seq ?? 0;
  return db
    .insert(caseEvents)
    .values(
      events.map((e, i) => ({
        orgId,
        caseId,
        seq: base + i + 1,
        type: e.type,
        at: e.at,
        actorUserId: e.actorUserId ?? null,
        data: e.data ?? {},
      })),
    )
    .returning();
}

export async function listEvents(db: Db, orgId: string, caseId: string) {
  return db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.orgId, orgId), eq(caseEvents.caseId, caseId)))
    .orderBy(asc(caseEvents.seq));
}

export async function linkConversation(
  db: Db,
  orgId: string,
  caseId: string,
  conversationId: string,
) {
  await db
    .insert(caseConversations)
    .values({ orgId, caseId, conversationId })
    .onConflictDoNothing();
}

export async function listLinkedConversations(db: Db, orgId: string, caseId: string) {
  const rows = await db
    .select({ id: caseConversations.conversationId })
    .from(caseConversations)
    .where(and(eq(caseConversations.orgId, orgId), eq(caseConversations.caseId, caseId)));
  return rows.map((r) => r.id);
}

import { and, asc, desc, eq, gt, gte, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  cases,
  conversations,
  memberships,
  teams,
  users,
  widgetChats,
  widgetMessages,
  type WidgetChatStatus,
} from "../../db/schema/index.ts";

export type ChatRow = typeof widgetChats.$inferSelect;
export type MessageRow = typeof widgetMessages.$inferSelect;
export type NewMessage = Omit<
  typeof widgetMessages.$inferInsert,
  "orgId" | "chatId" | "seq" | "id" | "updatedAt"
>;

export async function insertChat(
  db: Db,
  values: { orgId: string; visitorId: string; origin: string },
): Promise<ChatRow> {
  const [row] = await db.insert(widgetChats).values(values).returning();
  return row!;
}

export async function findChat(db: Db, orgId: string, id: string): Promise<ChatRow | null> {
  const [row] = await db
    .select()
    .from(widgetChats)
    .where(and(eq(widgetChats.orgId, orgId), eq(widgetChats.id, id)));
  return row ?? null;
}

/** The chat, locked until the transaction ends: messages are numbered and states change behind it. */
export async function lockChat(db: Db, orgId: string, id: string): Promise<ChatRow | null> {
  const [row] = await db
    .select()
    .from(widgetChats)
    .where(and(eq(widgetChats.orgId, orgId), eq(widgetChats.id, id)))
    .for("update");
  return row ?? null;
}

export async function updateChat(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof widgetChats.$inferInsert>,
): Promise<ChatRow | null> {
  const [row] = await db
    .update(widgetChats)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(widgetChats.orgId, orgId), eq(widgetChats.id, id)))
    .returning();
  return row ?? null;
}

/** Appends messages after the chat's last seq; call with the chat locked. */
export async function appendMessages(
  db: Db,
  chat: ChatRow,
  messages: NewMessage[],
): Promise<MessageRow[]> {
  if (messages.length === 0) return [];
  const rows = await db
    .insert(widgetMessages)
    .values(
      messages.map((m, i) => ({
        ...m,
        orgId: chat.orgId,
        chatId: chat.id,
        seq: chat.lastSeq + i + 1,
      })),
    )
    .returning();
  await updateChat(db, chat.orgId, chat.id, { lastSeq: chat.lastSeq + messages.length });
  chat.lastSeq += messages.length;
  return rows.sort((a, b) => a.seq - b.seq);
}

export async function listMessages(
  db: Db,
  orgId: string,
  chatId: string,
  after = 0,
): Promise<MessageRow[]> {
  return db
    .select()
    .from(widgetMessages)
    .where(
      and(
        eq(widgetMessages.orgId, orgId),
        eq(widgetMessages.chatId, chatId),
        gt(widgetMessages.seq, after),
      ),
    )
    .orderBy(asc(widgetMessages.seq))
    .limit(500);
}

export interface InboxFilter {
  orgId: string;
  statuses: WidgetChatStatus[];
  teamId?: string | null | undefined;
  assignedUserId?: string | undefined;
  limit: number;
}

/** Handed-off chats, longest waiting first, with their team and assignee names. */
export async function listInbox(db: Db, f: InboxFilter) {
  return db
    .select({
      chat: widgetChats,
      teamName: teams.name,
      assigneeName: users.name,
      preview: sql<string | null>`(select m.text from widget_messages m
        where m.org_id = ${widgetChats.orgId} and m.chat_id = ${widgetChats.id} and m.role = 'customer'
        order by m.seq desc limit 1)`,
    })
    .from(widgetChats)
    .leftJoin(teams, and(eq(teams.orgId, widgetChats.orgId), eq(teams.id, widgetChats.teamId)))
    .leftJoin(users, eq(users.id, widgetChats.assignedUserId))
    .where(
      and(
        eq(widgetChats.orgId, f.orgId),
        inArray(widgetChats.status, f.statuses),
        isNotNull(widgetChats.handedOffAt),
        f.teamId === undefined
          ? undefined
          : f.teamId === null
            ? sql`${widgetChats.teamId} is null`
            : eq(widgetChats.teamId, f.teamId),
        f.assignedUserId ? eq(widgetChats.assignedUserId, f.assignedUserId) : undefined,
      ),
    )
    .orderBy(asc(widgetChats.handedOffAt))
    .limit(f.limit);
}

/** The customer a conversation is about, for their history. */
export async function findConversationCustomer(
  db: Db,
  orgId: string,
  conversationId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ customerId: conversations.customerId })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, conversationId)));
  return row?.customerId ?? null;
}

/** The customer's other conversations, newest first (any channel). */
export async function listPriorConversations(
  db: Db,
  orgId: string,
  customerId: string,
  exceptId: string,
) {
  return db
    .select({
      id: conversations.id,
      channel: conversations.channel,
      subject: conversations.subject,
      status: conversations.status,
      startedAt: conversations.startedAt,
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.orgId, orgId),
        eq(conversations.customerId, customerId),
        ne(conversations.id, exceptId),
      ),
    )
    .orderBy(desc(conversations.startedAt))
    .limit(10);
}

/** The customer's cases still open (not resolved or closed). */
export async function listOpenCases(db: Db, orgId: string, customerId: string) {
  return db
    .select({
      id: cases.id,
      reference: cases.reference,
      title: cases.title,
      status: cases.status,
      severity: cases.severity,
    })
    .from(cases)
    .where(
      and(
        eq(cases.orgId, orgId),
        eq(cases.customerId, customerId),
        sql`${cases.status} not in ('resolved', 'closed')`,
      ),
    )
    .orderBy(desc(cases.openedAt))
    .limit(10);
}

/** Chats handed off since `since`, for the handoff-quality report. */
export async function listHandedOffSince(db: Db, orgId: string, since: Date) {
  return db
    .select()
    .from(widgetChats)
    .where(and(eq(widgetChats.orgId, orgId), gte(widgetChats.handedOffAt, since)))
    .orderBy(asc(widgetChats.handedOffAt))
    .limit(5000);
}

/** Customer messages of these chats, for the repeat measure. */
export async function listCustomerMessages(db: Db, orgId: string, chatIds: string[]) {
  if (chatIds.length === 0) return [];
  return db
    .select({
      chatId: widgetMessages.chatId,
      seq: widgetMessages.seq,
      text: widgetMessages.text,
      signals: widgetMessages.signals,
    })
    .from(widgetMessages)
    .where(
      and(
        eq(widgetMessages.orgId, orgId),
        inArray(widgetMessages.chatId, chatIds),
        eq(widgetMessages.role, "customer"),
      ),
    )
    .orderBy(asc(widgetMessages.chatId), asc(widgetMessages.seq));
}

export async function findTeam(db: Db, orgId: string, teamId: string) {
  const [row] = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)));
  return row ?? null;
}

/** A member of the organization who may answer chats, with their name; null if not a member. */
export async function findMember(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row ?? null;
}

/** Links the chat to its Rapport conversation the first time it is stored. */
export async function setConversationOnce(
  db: Db,
  orgId: string,
  chatId: string,
  conversationId: string,
): Promise<void> {
  await db
    .update(widgetChats)
    .set({ conversationId })
    .where(
      and(
        eq(widgetChats.orgId, orgId),
        eq(widgetChats.id, chatId),
        sql`${widgetChats.conversationId} is null`,
      ),
    );
}

/** Some member with this role (the demo hands its answered chats to one). */
export async function findAnyMemberWithRole(db: Db, orgId: string, role: "agent" | "leader") {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, role)))
    .orderBy(asc(users.email))
    .limit(1);
  return row ?? null;
}

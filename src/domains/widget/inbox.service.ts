import { analyzeConversation, type Role } from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import type { WidgetChatStatus } from "../../db/schema/index.ts";
import type { Queue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import * as repo from "./widget.repo.ts";
import { storeAsConversation, toMessageView } from "./widget.service.ts";

/** Which chats a queue view shows: waiting for someone, being answered, or over. */
export const INBOX_VIEWS = {
  waiting: ["queued"],
  active: ["assigned"],
  closed: ["closed"],
} as const;
export type InboxView = keyof typeof INBOX_VIEWS;

export interface InboxQuery {
  view: InboxView;
  /** "all", "mine", "general" (no team) or a team id. */
  queue: string;
  limit: number;
}

const userOf = (p: Principal) => (p.kind === "session" ? p.userId : null);

export async function listInbox(db: Db, principal: Principal, q: InboxQuery) {
  const mine = q.queue === "mine" ? userOf(principal) : undefined;
  if (q.queue === "mine" && !mine)
    throw new AppError("VALIDATION_FAILED", {
      message: "query.queue: 'mine' needs a signed-in user",
    });
  const rows = await repo.listInbox(db, {
    orgId: principal.orgId,
    statuses: [...INBOX_VIEWS[q.view]] as WidgetChatStatus[],
    teamId:
      q.queue === "all" || q.queue === "mine" ? undefined : q.queue === "general" ? null : q.queue,
    assignedUserId: mine ?? undefined,
    limit: q.limit,
  });
  return {
    items: rows.map((r) => ({
      id: r.chat.id,
      status: r.chat.status,
      reason: r.chat.handoffReason,
      signals: r.chat.handoffSignals,
      team: r.chat.teamId ? { id: r.chat.teamId, name: r.teamName ?? "" } : null,
      assignee: r.chat.assignedUserId
        ? { id: r.chat.assignedUserId, name: r.assigneeName ?? "" }
        : null,
      handedOffAt: r.chat.handedOffAt?.toISOString() ?? null,
      preview: r.preview,
    })),
  };
}

async function requireHandedOff(db: Db, orgId: string, id: string, lock = false) {
  const chat = lock ? await repo.lockChat(db, orgId, id) : await repo.findChat(db, orgId, id);
  if (!chat || !chat.handedOffAt)
    throw new AppError("NOT_FOUND", { message: "No such chat in the inbox" });
  return chat;
}

/**
 * Everything the person taking over needs, so the customer never repeats themselves: the
 * transcript, the detected topic and signals, what the bot tried (articles and scores), the
 * customer's history (other conversations, open cases) and why the chat was handed off.
 */
export async function getInboxChat(db: Db, orgId: string, id: string) {
  const chat = await requireHandedOff(db, orgId, id);
  const [messages, assignee, team] = await Promise.all([
    repo.listMessages(db, orgId, id),
    chat.assignedUserId ? repo.findMember(db, orgId, chat.assignedUserId) : null,
    chat.teamId ? repo.findTeam(db, orgId, chat.teamId) : null,
  ]);
  const analysed = messages.filter((m) => m.role !== "system");
  const analysis = analyzeConversation(
    analysed.map((m) => ({ text: m.text, role: m.role as Role, ts: m.createdAt.toISOString() })),
  );
  const botTried = messages.flatMap((m, i) => {
    if (!m.attempts) return [];
    const question = messages.slice(0, i).findLast((q) => q.role === "customer");
    return [
      {
        seq: m.seq,
        question: question?.text ?? "",
        answered: m.citation !== null,
        attempts: m.attempts,
      },
    ];
  });
  const best = botTried.flatMap((t) => t.attempts).sort((a, b) => b.score - a.score)[0];
  const customerId = chat.conversationId
    ? await repo.findConversationCustomer(db, orgId, chat.conversationId)
    : null;
  const [prior, openCases] = customerId
    ? await Promise.all([
        repo.listPriorConversations(db, orgId, customerId, chat.conversationId!),
        repo.listOpenCases(db, orgId, customerId),
      ])
    : [[], []];
  return {
    chat: {
      id: chat.id,
      status: chat.status,
      conversationId: chat.conversationId,
      origin: chat.origin,
      customerExternalId: `visitor:${chat.visitorId}`,
      reason: chat.handoffReason,
      reasonSignals: chat.handoffSignals,
      handedOffAt: chat.handedOffAt!.toISOString(),
      firstHumanReplyAt: chat.firstHumanReplyAt?.toISOString() ?? null,
      team: team ? { id: team.id, name: team.name } : null,
      assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    },
    messages: messages.map((m) => ({ ...toMessageView(m), signals: m.signals })),
    intent: {
      topic: best?.title ?? null,
      signals: analysis.signals.map((s) => ({
        name: s.name,
        evidence: s.evidence.map((e) => e.text).slice(0, 3),
      })),
      sentiment: analysis.sentiment.label,
      trajectory: analysis.trajectory,
      predictedSatisfaction: analysis.satisfaction.predicted,
    },
    botTried,
    history: {
      conversations: prior.map((c) => ({ ...c, startedAt: c.startedAt.toISOString() })),
      openCases,
    },
  };
}

/** Assigns a waiting or active chat; `take` is assigning it to oneself. */
export async function assignChat(db: Db, orgId: string, id: string, userId: string) {
  const member = await repo.findMember(db, orgId, userId);
  if (!member) throw new AppError("USER_NOT_FOUND", { message: "body.userId: no such member" });
  await db.transaction(async (tx) => {
    const chat = await requireHandedOff(tx, orgId, id, true);
    if (chat.status === "closed")
      throw new AppError("CONFLICT", { message: "This chat has ended" });
    await repo.updateChat(tx, orgId, id, { status: "assigned", assignedUserId: userId });
  });
  return getInboxChat(db, orgId, id);
}

/** An agent's reply: shown in the widget at its next poll, and stored in the conversation. */
export async function replyToChat(
  deps: { db: Db; queue: Queue },
  orgId: string,
  userId: string,
  id: string,
  text: string,
) {
  const member = await repo.findMember(deps.db, orgId, userId);
  if (!member) throw new AppError("FORBIDDEN", { message: "Only members can answer chats" });
  const { chat, rows } = await deps.db.transaction(async (tx) => {
    const chat = await requireHandedOff(tx, orgId, id, true);
    if (chat.status === "closed")
      throw new AppError("CONFLICT", { message: "This chat has ended" });
    const rows = await repo.appendMessages(tx, chat, [
      { role: "agent", text, authorUserId: userId },
    ]);
    await repo.updateChat(tx, orgId, id, {
      status: "assigned",
      assignedUserId: chat.assignedUserId ?? userId,
      firstHumanReplyAt: chat.firstHumanReplyAt ?? rows[0]!.createdAt,
    });
    return { chat, rows };
  });
  await storeAsConversation(deps, chat, rows, {
    externalId: `user:${userId}`,
    name: member.name,
    email: member.email,
  });
  return toMessageView(rows[0]!);
}

export async function closeChat(deps: { db: Db; queue: Queue }, orgId: string, id: string) {
  const chat = await deps.db.transaction(async (tx) => {
    const chat = await requireHandedOff(tx, orgId, id, true);
    await repo.updateChat(tx, orgId, id, { status: "closed" });
    return chat;
  });
  if (chat.status !== "closed") await storeAsConversation(deps, chat, [], undefined, "closed");
  return { id: chat.id, status: "closed" as const };
}

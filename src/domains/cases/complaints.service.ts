import type { Db } from "../../db/client.ts";
import { groupBy } from "../../lib/group-by.ts";
import type { CaseSeverity, EscalationLevel } from "../../db/schema/index.ts";
import type { SmtpConfig } from "../email/index.ts";
import * as cases from "./cases.repo.ts";
import * as history from "./case-history.repo.ts";
import { updateCase } from "./case-updates.service.ts";
import { openCase, refreshClocks } from "./cases.service.ts";
import * as repo from "./complaints.repo.ts";
import { escalateFromEmail } from "./email-escalation.service.ts";

/**
 * Opens complaint cases from analysed conversations. A conversation gets a case when a customer
 * message is a `complaint` and the conversation also carries an escalation request, a legal or
 * churn threat, or a vulnerability (or when a complaint scores above the org's threshold). The
 * clocks start at the first message that expressed the dissatisfaction. Idempotent: one case per
 * conversation; later runs only add what is new (the turns of the conversation after it).
 */

export const TRIGGER_SIGNALS = [
  "escalation_request",
  "legal_threat",
  "churn_threat",
  "vulnerability",
] as const;

const SEVERITY_BY_SIGNAL: Record<(typeof TRIGGER_SIGNALS)[number], CaseSeverity> = {
  legal_threat: "critical",
  vulnerability: "high",
  escalation_request: "high",
  churn_threat: "medium",
};
const RANK: CaseSeverity[] = ["low", "medium", "high", "critical"];

/** What the conversation's signals call for, or null when it is no case. */
export function assessComplaint(messages: readonly repo.MessageFacts[], threshold: number | null) {
  const customer = messages.filter((m) => m.role === "customer");
  const signals = new Set(customer.flatMap((m) => m.signal_names ?? []));
  const triggers = TRIGGER_SIGNALS.filter((s) => signals.has(s));
  const complaint = signals.has("complaint");
  const scored = threshold !== null && customer.some((m) => (m.complaint_score ?? 0) >= threshold);
  if (!((complaint && triggers.length > 0) || scored)) return null;
  const start =
    customer.find((m) => m.signal_names?.includes("complaint")) ??
    customer.find((m) =>
      m.signal_names?.some((s) => (TRIGGER_SIGNALS as readonly string[]).includes(s)),
    )!;
  const severity = triggers.reduce<CaseSeverity>(
    (worst, s) =>
      RANK.indexOf(SEVERITY_BY_SIGNAL[s]) > RANK.indexOf(worst) ? SEVERITY_BY_SIGNAL[s] : worst,
    "medium",
  );
  const escalateTo: { level: EscalationLevel; trigger: string } | undefined = triggers.includes(
    "legal_threat",
  )
    ? { level: "manager", trigger: "severity" }
    : triggers.includes("escalation_request")
      ? { level: "team_lead", trigger: "customer_request" }
      : undefined;
  return { start, severity, triggers, escalateTo };
}

/**
 * The listener's work for a batch of changed conversations: emails to an escalation address first
 * (see email-escalation.service), then complaints in the rest. Returns the ids of cases opened.
 */
export async function openCasesForConversations(
  db: Db,
  orgId: string,
  conversationIds: readonly string[],
  smtp: SmtpConfig | null = null,
  now = new Date(),
): Promise<string[]> {
  const emailed = await escalateFromEmail(db, orgId, conversationIds, smtp, now);
  const handled = new Set(emailed.handled);
  const rest = conversationIds.filter((id) => !handled.has(id));
  return [...emailed.escalated, ...(await openComplaintCases(db, orgId, rest, now))];
}

async function openComplaintCases(
  db: Db,
  orgId: string,
  conversationIds: readonly string[],
  now: Date,
): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  const conversations = await repo.findConversations(db, orgId, conversationIds);
  const messages = await repo.findMessages(db, orgId, conversationIds);
  const threshold = await repo.complaintScoreThreshold(db, orgId);
  const existingCases = await cases.findAutoCases(db, orgId, conversationIds);
  const byConversation = groupBy(messages, (m) => m.conversation_id);
  const opened: string[] = [];
  for (const c of conversations) {
    const own = byConversation.get(c.id) ?? [];
    const existing = existingCases.get(c.id);
    if (existing) {
      await recordReplies(db, existing, own);
      continue;
    }
    const found = assessComplaint(own, threshold);
    if (!found) continue;
    const row = await openCase(db, orgId, {
      source: "conversation",
      title: c.subject?.trim() || found.start.text.slice(0, 120),
      severity: found.severity,
      channel: c.channel,
      customerId: c.customer_id,
      teamId: c.team_id,
      ownerUserId: c.agent_user_id,
      conversationId: c.id,
      openedAt: found.start.ts,
      escalateTo: found.escalateTo,
      details: { signals: found.triggers, messageSeq: found.start.seq },
    });
    if (!row) continue;
    opened.push(row.id);
    await recordReplies(db, row, own);
    await resolveIfHistory(db, row, c, own.at(-1)?.ts ?? null, now);
  }
  return opened;
}

/** Conversations that ended this long before their complaint was found are history (an import). */
export const HISTORY_DAYS = 14;

/**
 * A complaint in a conversation that was resolved or closed more than HISTORY_DAYS before Rapport
 * found it (an import, a backfill; its end, else its last message) was handled where it happened: its case is kept for the
 * reports and root causes, resolved when the conversation ended, instead of joining the queue
 * as new and long breached.
 */
async function resolveIfHistory(
  db: Db,
  row: cases.CaseRow,
  c: repo.ConversationFacts,
  lastMessageAt: Date | null,
  now: Date,
) {
  const ended = c.ended_at ? new Date(c.ended_at) : lastMessageAt;
  if (!ended || (c.status !== "resolved" && c.status !== "closed")) return;
  if (now.getTime() - ended.getTime() < HISTORY_DAYS * 86_400_000) return;
  const current = (await cases.findCase(db, row.orgId, row.id))!;
  const at = ended > current.openedAt ? ended : current.openedAt;
  await updateCase(
    db,
    row.orgId,
    null,
    row.id,
    { version: current.version, status: "resolved", reason: "history: the conversation had ended" },
    at,
  );
}

type ReplyEvent = { type: "responded" | "customer_replied"; at: Date; seq: number };

/**
 * The turns of the conversation since the case opened, as clock events: the first agent message
 * is the first response; after a response, the customer's next message starts a next-response
 * cycle and the agent's next message ends it.
 */
export function replyEventsOf(openedAt: Date, own: readonly repo.MessageFacts[]): ReplyEvent[] {
  const out: ReplyEvent[] = [];
  let awaiting = true;
  for (const m of own) {
    if (m.ts.getTime() < openedAt.getTime()) continue;
    if (awaiting && m.role === "agent") out.push({ type: "responded", at: m.ts, seq: m.seq });
    else if (!awaiting && m.role === "customer")
      out.push({ type: "customer_replied", at: m.ts, seq: m.seq });
    else continue;
    awaiting = !awaiting;
  }
  return out;
}

/** Records the turns not yet on the case (by message seq), so running twice records once. */
async function recordReplies(db: Db, c: cases.CaseRow, own: readonly repo.MessageFacts[]) {
  const turns = replyEventsOf(c.openedAt, own);
  const fresh = (events: readonly history.CaseEventRow[]) => {
    const seqs = events
      .filter((e) => e.type === "responded" || e.type === "customer_replied")
      .map((e) => Number(e.data.messageSeq ?? -1));
    const last = Math.max(-1, ...seqs);
    // A response recorded by hand already stopped the first-response clock.
    const byHand = seqs.includes(-1);
    return turns.filter((t, i) => t.seq > last && !(i === 0 && byHand));
  };
  if (turns.length === 0 || fresh(await history.listEvents(db, c.orgId, c.id)).length === 0) return;
  await db.transaction(async (tx) => {
    const row = await cases.lockCase(tx, c.orgId, c.id);
    if (!row) return;
    const todo = fresh(await history.listEvents(tx, c.orgId, c.id));
    if (todo.length === 0) return;
    await cases.updateCaseVersioned(tx, c.orgId, c.id, row.version, {});
    await history.appendEvents(
      tx,
      c.orgId,
      c.id,
      todo.map((t) => ({
        type: t.type,
        at: t.at,
        data: { conversationId: c.conversationId, messageSeq: t.seq },
      })),
    );
    await refreshClocks(tx, (await cases.findCase(tx, c.orgId, c.id))!);
  });
}

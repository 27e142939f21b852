import type { Db } from "../../db/client.ts";
import type { CaseSeverity, EscalationLevel } from "../../db/schema/index.ts";
import type { SmtpConfig } from "../email/index.ts";
import * as cases from "./cases.repo.ts";
import { updateCase } from "./case-updates.service.ts";
import { openCase, refreshClocks } from "./cases.service.ts";
import * as repo from "./complaints.repo.ts";
import { escalateFromEmail } from "./email-escalation.service.ts";

/**
 * Opens complaint cases from analysed conversations. A conversation gets a case when a customer
 * message is a `complaint` and the conversation also carries an escalation request, a legal or
 * churn threat, or a vulnerability (or when a complaint scores above the org's threshold). The
 * clocks start at the first message that expressed the dissatisfaction. Idempotent: one case per
 * conversation; later runs only add what is new (the agent's first response after it).
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
  const opened: string[] = [];
  for (const c of conversations) {
    const own = messages.filter((m) => m.conversation_id === c.id);
    const existing = await cases.findAutoCase(db, orgId, c.id);
    if (existing) {
      await recordAgentResponse(db, existing, own);
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
    await recordAgentResponse(db, row, own);
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

/** The first agent message after the case opened is its first response (recorded once). */
async function recordAgentResponse(db: Db, c: cases.CaseRow, own: readonly repo.MessageFacts[]) {
  const reply = own.find((m) => m.role === "agent" && m.ts.getTime() >= c.openedAt.getTime());
  if (!reply) return;
  await db.transaction(async (tx) => {
    const row = await cases.lockCase(tx, c.orgId, c.id);
    if (!row || row.firstRespondedAt) return;
    const events = await cases.listEvents(tx, c.orgId, c.id);
    if (events.some((e) => e.type === "responded")) return;
    await cases.updateCaseVersioned(tx, c.orgId, c.id, row.version, {});
    await cases.appendEvents(tx, c.orgId, c.id, [
      {
        type: "responded",
        at: reply.ts,
        data: { conversationId: c.conversationId, messageSeq: reply.seq },
      },
    ]);
    await refreshClocks(tx, (await cases.findCase(tx, c.orgId, c.id))!);
  });
}

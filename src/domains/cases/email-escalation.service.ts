import type { Db } from "../../db/client.ts";
import { composeEmail, escalationSources, sendEmail, type SmtpConfig } from "../email/index.ts";
import { customerTime } from "./business-hours.ts";
import * as cases from "./cases.repo.ts";
import * as history from "./case-history.repo.ts";
import { openCase } from "./cases.service.ts";
import * as repo from "./complaints.repo.ts";
import { escalateFound, respondBy } from "./public.service.ts";
import { findReferenceIn } from "./reference.ts";

/**
 * The inbound escalation address: every email thread that reaches a mailbox with purpose
 * `escalation` (polled over IMAP, or piped in as MIME to that address) is a complaint to
 * management, like the public form. A thread quoting a valid reference of this org's case
 * escalates that case to the executive level; any other opens a new case there. Once per
 * conversation. The customer is answered by email with the reference and the promised response
 * time when outbound SMTP is configured (an `acknowledged` event keeps it to one answer).
 */

export async function escalateFromEmail(
  db: Db,
  orgId: string,
  conversationIds: readonly string[],
  smtp: SmtpConfig | null,
  now = new Date(),
): Promise<{ handled: string[]; escalated: string[] }> {
  const sources = await escalationSources(db, orgId);
  if (sources.length === 0 || conversationIds.length === 0) return { handled: [], escalated: [] };
  const emails = await repo.findEmailedComplaints(db, orgId, conversationIds, sources);
  const escalated: string[] = [];
  for (const email of emails) {
    const [existing] = await cases.listCases(db, { orgId, conversationId: email.id, limit: 1 });
    const row = existing ?? (await escalateEmail(db, orgId, email, now));
    if (!existing) escalated.push(row.id);
    if (smtp && email.email) await acknowledge(db, row, email, smtp, now);
  }
  return { handled: emails.map((e) => e.id), escalated };
}

async function escalateEmail(db: Db, orgId: string, email: repo.EmailedComplaint, now: Date) {
  const reference = findReferenceIn(`${email.subject ?? ""}\n${email.text}`);
  const quoted = reference ? await cases.findCaseByReference(db, reference) : null;
  if (quoted && quoted.orgId === orgId) {
    await history.linkConversation(db, orgId, quoted.id, email.id);
    const message = { via: "email", name: email.name, email: email.email, text: email.text };
    return escalateFound(db, quoted, { ...message, conversationId: email.id }, now);
  }
  const from = email.name ?? email.email ?? "a customer";
  const row = await openCase(db, orgId, {
    source: "public",
    title: (email.subject?.trim() || `Complaint to management from ${from}`).slice(0, 300),
    description: email.text,
    severity: "high",
    customerId: email.customer_id,
    requesterName: email.name,
    requesterEmail: email.email,
    conversationId: email.id,
    openedAt: email.ts,
    escalateTo: { level: "executive", trigger: "customer_request" },
    details: { via: "email" },
  });
  return row!;
}

async function acknowledge(
  db: Db,
  row: cases.CaseRow,
  email: repo.EmailedComplaint,
  smtp: SmtpConfig,
  now: Date,
) {
  const events = await history.listEvents(db, row.orgId, row.id);
  if (events.some((e) => e.type === "acknowledged" && e.data.conversationId === email.id)) return;
  const fresh = row.firstResponseDueAt !== null && row.firstResponseDueAt > now;
  const promise = respondBy(row, fresh ? "opened" : "escalated", now);
  const due = customerTime(promise.respondBy, promise.timeZone);
  await sendEmail(smtp, {
    to: email.email!,
    subject: `Re: ${email.subject ?? "Your complaint"} [${row.reference}]`,
    ...composeEmail({
      paragraphs: [
        "Thank you for writing to us. Your complaint has reached our management team.",
        `Your reference: ${row.reference}\nWe will respond by: ${due}`,
        "Quote the reference in any reply so it reaches the same people.",
      ],
    }),
    ...(email.message_id ? { inReplyTo: email.message_id, references: email.message_id } : {}),
  });
  await db.transaction(async (tx) => {
    await cases.lockCase(tx, row.orgId, row.id);
    await history.appendEvents(tx, row.orgId, row.id, [
      { type: "acknowledged", at: now, data: { via: "email", conversationId: email.id } },
    ]);
  });
}

import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/errors.ts";
import type { Logger } from "../../logger.ts";
import { sendEmail } from "../email/index.ts";
import {
  chatPrompt,
  deliveryConfig,
  invitationEmail,
  linkBase,
  surveyUrl,
  tokenFor,
} from "./delivery.ts";
import type { Invitation } from "./surveys.schemas.ts";
import * as repo from "./surveys.repo.ts";
import * as invitationsRepo from "./invitations.repo.ts";
import { hashSurveyToken } from "./tokens.ts";

/**
 * Invitations after they are decided (decisions are in invitations.service.ts): queued for
 * delivery, sent by email, listed with their links, and sent by hand.
 */

export const DELIVER_JOB = "surveys.deliver";
const DAY_MS = 86_400_000;

/** One delivery job per send time (now, or the end of a customer's quiet hours). */
export async function enqueueDelivery(
  queue: Queue,
  orgId: string,
  items: { id: string; sendAt: Date }[],
  db?: Db,
) {
  const byTime = new Map<number, string[]>();
  for (const i of items) {
    const t = i.sendAt.getTime();
    const list = byTime.get(t);
    if (list) list.push(i.id);
    else byTime.set(t, [i.id]);
  }
  for (const [t, ids] of byTime)
    for (let k = 0; k < ids.length; k += 500)
      await queue.enqueue(
        DELIVER_JOB,
        { orgId, invitationIds: ids.slice(k, k + 500) },
        { orgId, runAt: new Date(t) },
        db,
      );
}

/**
 * Sends due invitations by email (one-click rating links). Without an address (chat) or without
 * SMTP the invitation stays queued: its in-chat prompt is served by the API for the chat platform.
 */
export async function deliverInvitations(
  db: Db,
  orgId: string,
  ids: readonly string[],
  logger?: Logger,
  now = new Date(),
): Promise<number> {
  const { smtp } = deliveryConfig();
  let sent = 0;
  for (const { invitation, survey, email } of await invitationsRepo.findDeliverable(
    db,
    orgId,
    ids,
    now,
  )) {
    if (!email || !smtp) continue;
    const url = surveyUrl(tokenFor(orgId, invitation.id, invitation.expiresAt));
    await sendEmail(smtp, { to: email, ...invitationEmail(survey, url, invitation.locale) });
    await invitationsRepo.markSent(db, orgId, invitation.id, new Date());
    sent++;
  }
  if (sent > 0) logger?.info({ orgId, sent }, "survey invitations sent");
  return sent;
}

/** Invitations of a conversation with their links (built under `base`, the caller's origin). */
export async function listInvitations(
  db: Db,
  orgId: string,
  conversationId: string,
  base?: string,
): Promise<Invitation[]> {
  const rows = await invitationsRepo.listInvitationsOf(db, orgId, conversationId);
  const surveys = new Map((await repo.listSurveys(db, orgId)).map((s) => [s.id, s]));
  return rows.map(({ invitation: i, surveyName, score, comment, responseId }) => {
    const suppressed = i.status === "suppressed";
    const url = suppressed
      ? undefined
      : surveyUrl(tokenFor(orgId, i.id, i.expiresAt), linkBase(base));
    const survey = surveys.get(i.surveyId);
    return {
      id: i.id,
      surveyId: i.surveyId,
      surveyName,
      conversationId: i.conversationId,
      channel: i.channel,
      status: i.status,
      ...(i.reason ? { reason: i.reason } : {}),
      ...(url ? { url } : {}),
      ...(url && survey && i.channel === "chat"
        ? { chatPrompt: chatPrompt(survey, url, i.locale) }
        : {}),
      sendAt: i.sendAt?.toISOString() ?? null,
      sentAt: i.sentAt?.toISOString() ?? null,
      expiresAt: i.expiresAt.toISOString(),
      createdAt: i.createdAt.toISOString(),
      response: responseId ? { score, comment } : null,
    };
  });
}

/**
 * An agent or leader sends a survey for a conversation by hand, or re-requests it: a fresh link
 * (the old one stops working), queued now. Exclusion still wins; the budget does not apply, since a
 * person decided, but the decision is recorded as "manual". Under the organization's decision
 * lock, like every other writer of invitations, so a decision run never meets a row it did not
 * read.
 */
export async function sendSurveyManually(
  deps: { db: Db; queue: Queue },
  orgId: string,
  conversation: { id: string; channel: string; customerId: string | null; email: string | null },
  surveyId: string,
  now = new Date(),
): Promise<void> {
  const survey = await repo.findSurvey(deps.db, orgId, surveyId);
  if (!survey) throw new AppError("SURVEY_NOT_FOUND", { message: "No such survey" });
  if (await repo.isExcluded(deps.db, orgId, conversation.id))
    throw new AppError("CONVERSATION_EXCLUDED", {
      message: "This conversation is excluded from surveys",
    });
  const customerId = conversation.customerId;
  if (!customerId || (!conversation.email && conversation.channel !== "chat"))
    throw new AppError("CONFLICT", {
      message: "The customer has no email address to send a survey to",
    });
  const expiresAt = new Date(now.getTime() + survey.rules.linkValidDays * DAY_MS);
  await deps.db.transaction(async (db) => {
    await repo.lockOrgDecisions(db, orgId);
    const existing = (await invitationsRepo.listInvitationsOf(db, orgId, conversation.id)).find(
      (r) => r.invitation.surveyId === surveyId,
    );
    const id = existing?.invitation.id ?? randomUUID();
    const tokenHash = hashSurveyToken(tokenFor(orgId, id, expiresAt));
    if (existing) {
      await invitationsRepo.requeueInvitation(db, orgId, id, { tokenHash, expiresAt, sendAt: now });
      await invitationsRepo.insertDecision(db, {
        orgId,
        surveyId,
        conversationId: conversation.id,
        customerId,
        outcome: "invite",
        reason: "manual",
      });
    } else {
      await invitationsRepo.insertDecisions(db, orgId, [
        {
          id,
          surveyId,
          conversationId: conversation.id,
          customerId,
          channel: conversation.channel,
          status: "queued",
          reason: null,
          tokenHash,
          locale: survey.defaultLocale,
          sendAt: now,
          expiresAt,
          at: now,
        },
      ]);
    }
    await enqueueDelivery(deps.queue, orgId, [{ id, sendAt: now }], db);
  });
}

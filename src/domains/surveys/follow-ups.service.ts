import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { decodeKeysetCursor, encodeKeysetCursor } from "../../lib/cursor.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import type { Logger } from "../../logger.ts";
import { openCaseFromFollowUp } from "../cases/index.ts";
import { composeEmail, sendEmail } from "../email/index.ts";
import { deliveryConfig, linkBase } from "./delivery.ts";
import * as repo from "./follow-ups.repo.ts";
import type { CloseFollowUpBody, FollowUp } from "./surveys.schemas.ts";

export const NOTIFY_CUSTOMER_JOB = "surveys.notify-customer";
export const ESCALATE_JOB = "surveys.escalate-follow-ups";
/** Escalate an open follow-up this long before it is due (and any overdue one). */
export const ESCALATE_BEFORE_MS = 4 * 3_600_000;

type Detail = NonNullable<Awaited<ReturnType<typeof repo.findFollowUp>>>;

function toFollowUp(row: Detail): FollowUp {
  const f = row.followUp;
  return {
    id: f.id,
    conversationId: f.conversationId,
    responseId: f.responseId,
    status: f.status,
    dueAt: f.dueAt.toISOString(),
    escalated: f.escalatedAt !== null,
    teamId: f.teamId,
    teamName: row.teamName,
    ownerUserId: f.ownerUserId,
    ownerName: row.ownerName,
    surveyName: row.surveyName,
    score: row.score,
    comment: row.comment,
    action: f.action,
    outcome: f.outcome,
    closedAt: f.closedAt?.toISOString() ?? null,
    notifyCustomer: f.notifyCustomer,
    customerNotifiedAt: f.customerNotifiedAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
  };
}

/**
 * Follow-ups, open ones by urgency then closed ones most recent first, a page of `limit` (500 by
 * default) at a time: `nextCursor` continues after the last, null on the last page.
 */
export async function listFollowUps(
  db: Db,
  orgId: string,
  query: {
    conversationId?: string | undefined;
    status?: "open" | "closed" | undefined;
    limit?: number | undefined;
    cursor?: string | undefined;
  },
): Promise<{ items: FollowUp[]; nextCursor: string | null }> {
  const limit = query.limit ?? 500;
  const after = query.cursor ? decodeKeysetCursor(query.cursor, STATUSES) : undefined;
  const rows = await repo.listFollowUps(db, orgId, {
    conversationId: query.conversationId,
    status: query.status,
    after: after && { status: after.tag!, at: after.at, id: after.id },
    limit,
  });
  const last = rows.at(-1);
  return {
    items: rows.map(toFollowUp),
    nextCursor:
      rows.length === limit && last
        ? encodeKeysetCursor(last.orderAt, last.followUp.id, last.followUp.status)
        : null,
  };
}

const STATUSES = ["open", "closed"] as const;

/**
 * Closes a follow-up with what was done and the outcome; when asked, the customer is told through
 * the original channel (email) by a job, so a mail outage neither fails nor repeats the close.
 */
export async function closeFollowUp(
  deps: { db: Db; queue: Queue },
  principal: Principal,
  id: string,
  body: CloseFollowUpBody,
): Promise<FollowUp> {
  const { db, queue } = deps;
  const orgId = principal.orgId;
  const row = await repo.findFollowUp(db, orgId, id);
  if (!row) throw new AppError("FOLLOW_UP_NOT_FOUND", { message: "No such follow-up" });
  const closedBy = principal.kind === "session" ? principal.userId : null;
  const notify = body.notifyCustomer && Boolean(row.customerEmail);
  await db.transaction(async (tx) => {
    const closed = await repo.closeFollowUp(tx, orgId, id, {
      action: body.action,
      outcome: body.outcome,
      closedBy,
      notifyCustomer: notify,
    });
    if (!closed)
      throw new AppError("FOLLOW_UP_CLOSED", { message: "This follow-up is already closed" });
    if (notify) await queue.enqueue(NOTIFY_CUSTOMER_JOB, { orgId, followUpId: id }, { orgId }, tx);
  });
  return toFollowUp((await repo.findFollowUp(db, orgId, id))!);
}

/**
 * Opens a complaint case from a follow-up, when a call back is not enough: the case carries the
 * conversation, customer and team, and its clocks start now. Asking again returns the same case.
 */
export async function openCaseForFollowUp(db: Db, principal: Principal, id: string) {
  const row = await repo.findFollowUp(db, principal.orgId, id);
  if (!row) throw new AppError("FOLLOW_UP_NOT_FOUND", { message: "No such follow-up" });
  const f = row.followUp;
  const answer = `${row.surveyName}: ${row.score ?? "no score"}`;
  return openCaseFromFollowUp(db, principal.orgId, {
    followUpId: f.id,
    conversationId: f.conversationId,
    customerId: f.customerId,
    teamId: f.teamId,
    channel: null,
    summary: row.comment ? `${answer}. "${row.comment}"` : answer,
    openedAt: new Date(),
    actorUserId: principal.kind === "session" ? principal.userId : null,
  });
}

const ACTION_PHRASES: Record<string, string> = {
  called_back: "called you back",
  fixed: "fixed the problem",
  refunded: "refunded you",
  explained: "explained what happened",
  other: "followed up",
};

/** "You told us…, we…": the closing note to the customer. */
export function closingNote(f: {
  score: number | null;
  comment: string | null;
  action: string;
  outcome: string;
}) {
  const told = f.comment
    ? `You told us: "${f.comment}"${f.score === null ? "" : ` (you rated us ${f.score})`}.`
    : `You rated us ${f.score ?? "low"}, and we wanted to do better.`;
  return composeEmail({
    paragraphs: [
      told,
      `We ${ACTION_PHRASES[f.action] ?? "followed up"}: ${f.outcome}`,
      "Thank you for telling us.",
    ],
  });
}

/** Sends the customer the closing note once; idempotent (a retry after success sends nothing). */
export async function notifyCustomer(db: Db, orgId: string, id: string, logger?: Logger) {
  const row = await repo.findFollowUp(db, orgId, id);
  if (!row || row.followUp.customerNotifiedAt || !row.customerEmail) return false;
  const { smtp } = deliveryConfig();
  if (!smtp) {
    logger?.warn({ orgId, followUpId: id }, "no RAPPORT_SMTP_URL: the customer was not notified");
    return false;
  }
  await sendEmail(smtp, {
    to: row.customerEmail,
    subject: "What we did about your feedback",
    ...closingNote({
      score: row.score,
      comment: row.comment,
      action: row.followUp.action ?? "other",
      outcome: row.followUp.outcome ?? "",
    }),
  });
  await repo.markCustomerNotified(db, orgId, id, new Date());
  return true;
}

/** Marks open follow-ups near or past their due time as escalated, and emails their owners. */
export async function escalateFollowUps(db: Db, logger?: Logger, now = new Date()) {
  const claimed = await repo.claimEscalations(
    db,
    new Date(now.getTime() + ESCALATE_BEFORE_MS),
    now,
  );
  const { smtp } = deliveryConfig();
  for (const { orgId, id } of claimed) {
    const row = await repo.findFollowUp(db, orgId, id);
    if (!smtp || !row?.ownerEmail) continue;
    try {
      await sendEmail(smtp, {
        to: row.ownerEmail,
        subject: `Follow-up due ${row.followUp.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
        ...composeEmail({
          paragraphs: [
            `A customer who answered "${row.surveyName}" with ${row.score ?? "a low score"} is waiting for a follow-up.`,
          ],
          action: { label: "Open the follow-ups", url: `${linkBase()}/follow-ups` },
        }),
      });
    } catch (err) {
      // The in-app escalation is recorded; a failed reminder email must not undo it.
      logger?.warn({ orgId, followUpId: id, err }, "escalation email failed");
    }
  }
  return claimed.length;
}

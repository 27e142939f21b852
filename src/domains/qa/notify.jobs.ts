import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { sendEmail, smtpConfigFromUrl } from "../email/index.ts";
import { findMember } from "../orgs/index.ts";
import * as calibration from "./calibration.repo.ts";
import { findClaimState } from "./queue.repo.ts";

export const NOTIFY_CALIBRATION_JOB = "qa.notify-calibration";
/** Without a due date, reviewers who have not answered are reminded after this long. */
export const REMINDER_AFTER_MS = 2 * 86_400_000;

/**
 * Emails a calibration session's reviewers who still have conversations to answer: an invitation
 * when the session starts, a reminder before it is due. In the app, `GET /qa/calibrations` marks the
 * sessions awaiting the caller. Without RAPPORT_SMTP_URL only the app notifies.
 */
export const notifyCalibrationJob = defineJob({
  name: NOTIFY_CALIBRATION_JOB,
  payload: z.object({
    orgId: z.uuid(),
    sessionId: z.uuid(),
    kind: z.enum(["invitation", "reminder"]),
  }),
  async handle({ orgId, sessionId, kind }, { db, logger }) {
    const smtp = smtpConfigFromUrl(process.env.RAPPORT_SMTP_URL);
    if (!smtp) return;
    const session = await calibration.findSession(db, orgId, sessionId);
    if (!session) return;
    const to = await calibration.findPendingReviewerEmails(db, orgId, sessionId);
    if (to.length === 0) return;
    const due = session.due_at ? ` It is due ${session.due_at.slice(0, 10)}.` : "";
    await sendEmail(smtp, {
      to,
      subject:
        kind === "invitation"
          ? `Calibration: ${session.name}`
          : `Reminder: calibration ${session.name} awaits your answers`,
      text:
        `You are a reviewer in the calibration session "${session.name}" ` +
        `(${session.conversation_ids.length} conversations).${due}\n\n` +
        "Open Rapport → Quality → Calibration to answer. The other reviewers' answers stay hidden " +
        "until you have submitted yours.\n",
    });
    logger.info({ sessionId, kind, reviewers: to.length }, "calibration reviewers notified");
  },
});

export const NOTIFY_ASSIGNMENT_JOB = "qa.notify-assignment";

/**
 * Emails a reviewer a queued conversation a leader or admin handed them (`PUT /qa/queue/{id}/assignee`),
 * unless it was handed on or reviewed before the job ran. In the app it is under "Claimed by me".
 * Without RAPPORT_SMTP_URL only the app notifies.
 */
export const notifyAssignmentJob = defineJob({
  name: NOTIFY_ASSIGNMENT_JOB,
  payload: z.object({ orgId: z.uuid(), assignmentId: z.uuid(), userId: z.uuid(), by: z.string() }),
  async handle({ orgId, assignmentId, userId, by }, { db, logger }) {
    const smtp = smtpConfigFromUrl(process.env.RAPPORT_SMTP_URL);
    if (!smtp) return;
    const row = await findClaimState(db, orgId, { id: assignmentId });
    if (!row?.waiting || row.assignee_user_id !== userId) return;
    const reviewer = await findMember(db, orgId, userId);
    if (!reviewer) return;
    const base = process.env.RAPPORT_PUBLIC_URL?.replace(/\/+$/, "");
    const where = base
      ? `${base}/conversations/${row.conversation_id}`
      : "Rapport → Quality → Review queue, Claimed by me";
    await sendEmail(smtp, {
      to: [reviewer.email],
      subject: `A conversation to review (${row.reason.replaceAll("_", " ")})`,
      text:
        `${by} handed you a conversation from the review queue ` +
        `(why it is queued: ${row.reason.replaceAll("_", " ")}).\n\nOpen it: ${where}\n`,
    });
    logger.info({ assignmentId }, "reviewer notified of a handed conversation");
  },
});

import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { appUrl, composeEmail, sendEmail, smtpConfigFromUrl } from "../email/index.ts";
import { findMember } from "../orgs/index.ts";
import * as calibration from "./calibration.repo.ts";
import type { Db } from "../../db/client.ts";
import { MAX_BULK_IDS } from "./qa.schemas.ts";
import { findClaimStates } from "./queue.repo.ts";

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
    const qa = appUrl("/qa?tab=calibration");
    await sendEmail(smtp, {
      to,
      subject:
        kind === "invitation"
          ? `Calibration: ${session.name}`
          : `Reminder: calibration ${session.name} awaits your answers`,
      ...composeEmail({
        paragraphs: [
          `You are a reviewer in the calibration session "${session.name}" ` +
            `(${session.conversation_ids.length} conversations).${due}`,
          "The other reviewers' answers stay hidden until you have submitted yours.",
        ],
        action: qa ? { label: "Answer in Rapport", url: qa } : undefined,
        hint: "Open Rapport → Quality → Calibration to answer.",
      }),
    });
    logger.info({ sessionId, kind, reviewers: to.length }, "calibration reviewers notified");
  },
});

export const NOTIFY_ASSIGNMENT_JOB = "qa.notify-assignment";
/** One email for several conversations handed to one reviewer at once (a bulk hand-out). */
export const NOTIFY_ASSIGNMENTS_JOB = "qa.notify-assignments";

/**
 * Emails a reviewer the queued conversations a leader, an admin or an integration handed them, those
 * still theirs and waiting when the job runs (none left: no email). In the app they are under
 * "Claimed by me". Without RAPPORT_SMTP_URL only the app notifies.
 */
async function notifyReviewer(
  db: Db,
  p: { orgId: string; assignmentIds: readonly string[]; userId: string; by: string },
): Promise<number> {
  const smtp = smtpConfigFromUrl(process.env.RAPPORT_SMTP_URL);
  if (!smtp) return 0;
  const rows = (await findClaimStates(db, p.orgId, p.assignmentIds)).filter(
    (r) => r.waiting && r.assignee_user_id === p.userId,
  );
  if (rows.length === 0) return 0;
  const reviewer = await findMember(db, p.orgId, p.userId);
  if (!reviewer) return 0;
  const link = (r: (typeof rows)[number]) => appUrl(`/conversations/${r.conversation_id}`);
  const why = (r: (typeof rows)[number]) => r.reason.replaceAll("_", " ");
  const hint = "Open Rapport → Quality → Review queue, Claimed by me.";
  const [only] = rows;
  const single = rows.length === 1 && only ? link(only) : undefined;
  await sendEmail(smtp, {
    to: [reviewer.email],
    ...(rows.length === 1 && only
      ? {
          subject: `A conversation to review (${why(only)})`,
          ...composeEmail({
            paragraphs: [
              `${p.by} handed you a conversation from the review queue (why it is queued: ${why(only)}).`,
            ],
            action: single ? { label: "Open the conversation", url: single } : undefined,
            hint,
          }),
        }
      : {
          subject: `${rows.length} conversations to review`,
          ...composeEmail({
            paragraphs: [`${p.by} handed you ${rows.length} conversations from the review queue:`],
            items: rows.map((r) => ({ text: why(r), url: link(r) })),
            hint,
          }),
        }),
  });
  return rows.length;
}

/** A single hand-out's email (`PUT /qa/queue/{id}/assignee`). */
export const notifyAssignmentJob = defineJob({
  name: NOTIFY_ASSIGNMENT_JOB,
  payload: z.object({ orgId: z.uuid(), assignmentId: z.uuid(), userId: z.uuid(), by: z.string() }),
  async handle({ assignmentId, ...p }, { db, logger }) {
    if (await notifyReviewer(db, { ...p, assignmentIds: [assignmentId] }))
      logger.info({ assignmentId }, "reviewer notified of a handed conversation");
  },
});

/** A bulk hand-out's email to one reviewer, listing their conversations (`POST /qa/queue/assignments`). */
export const notifyAssignmentsJob = defineJob({
  name: NOTIFY_ASSIGNMENTS_JOB,
  payload: z.object({
    orgId: z.uuid(),
    assignmentIds: z.array(z.uuid()).min(1).max(MAX_BULK_IDS),
    userId: z.uuid(),
    by: z.string(),
  }),
  async handle(payload, { db, logger }) {
    const sent = await notifyReviewer(db, payload);
    if (sent)
      logger.info({ userId: payload.userId, sent }, "reviewer notified of handed conversations");
  },
});

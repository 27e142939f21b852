import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { openCasesForConversations } from "../cases/index.ts";
import { ConversationsChangedSchema } from "../conversations/index.ts";
import {
  escalateFollowUps,
  ESCALATE_JOB,
  notifyCustomer,
  NOTIFY_CUSTOMER_JOB,
} from "./follow-ups.service.ts";
import { decideInvitations } from "./invitations.service.ts";
import { deliverInvitations, DELIVER_JOB } from "./invitation-delivery.service.ts";
import { runScheduledSurveys, SCHEDULE_EVERY_MS, SCHEDULE_JOB } from "./schedule.service.ts";
import {
  CASE_CLOSED_EVERY_MS,
  CASE_CLOSED_JOB,
  inviteOnClosedCases,
} from "./case-closed.service.ts";

/**
 * Listens to `conversations.changed`: every resolved conversation gets its invitation decision for
 * each matching survey. Idempotent: a (survey, conversation) pair is decided once.
 */
export const inviteOnResolvedJob = defineJob({
  name: "surveys.invite-resolved",
  payload: ConversationsChangedSchema,
  async handle(payload, { db, queue, logger }) {
    // The cases listener runs beside this one: open any complaint case first (idempotent), so a
    // customer who just complained is never surveyed because that job had not run yet.
    await openCasesForConversations(db, payload.orgId, payload.conversationIds);
    const result = await decideInvitations({ db, queue }, payload.orgId, payload.conversationIds);
    if (result.invited + result.suppressed > 0) logger.info(result, "survey invitations decided");
  },
});

export const deliverInvitationsJob = defineJob({
  name: DELIVER_JOB,
  payload: z.object({ orgId: z.uuid(), invitationIds: z.array(z.uuid()).min(1).max(500) }),
  async handle(payload, { db, logger }) {
    await deliverInvitations(db, payload.orgId, payload.invitationIds, logger);
  },
});

export const notifyCustomerJob = defineJob({
  name: NOTIFY_CUSTOMER_JOB,
  payload: z.object({ orgId: z.uuid(), followUpId: z.uuid() }),
  async handle(payload, { db, logger }) {
    await notifyCustomer(db, payload.orgId, payload.followUpId, logger);
  },
});

export const ESCALATE_EVERY_MS = 5 * 60_000;

export const escalateFollowUpsJob = defineJob({
  name: ESCALATE_JOB,
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const n = await escalateFollowUps(db, logger);
    if (n > 0) logger.info({ escalated: n }, "follow-ups escalated");
  },
});

export { SCHEDULE_EVERY_MS };

/** Relationship surveys on a schedule (hourly check), under the same budget. */
export const runSchedulesJob = defineJob({
  name: SCHEDULE_JOB,
  payload: z.object({}),
  async handle(_payload, { db, queue, logger }) {
    const result = await runScheduledSurveys({ db, queue });
    if (result.invited + result.suppressed > 0)
      logger.info(result, "relationship survey invitations decided");
  },
});

/** Invites customers whose complaint case was resolved or closed ("case_closed" surveys). */
export const inviteOnClosedCasesJob = defineJob({
  name: CASE_CLOSED_JOB,
  payload: z.object({}),
  async handle(_payload, { db, queue, logger }) {
    const result = await inviteOnClosedCases({ db, queue });
    if (result.invited + result.suppressed > 0)
      logger.info(result, "case-closed survey invitations decided");
  },
});

export { CASE_CLOSED_EVERY_MS };

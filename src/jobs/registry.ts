import { z } from "zod";
import { deleteExpiredSessions } from "../domains/auth/index.ts";
import { purgeWebhookDeliveriesJob } from "../domains/connectors/index.ts";
import {
  analyzeConversationsJob,
  CONVERSATIONS_CHANGED_JOB,
  ConversationsChangedSchema,
} from "../domains/conversations/index.ts";
import { POLL_ALL_EVERY_MS, pollAllMailboxesJob, pollMailboxJob } from "../domains/email/index.ts";
import { COMPACT_ROLLUPS_EVERY_MS, compactRollupsJob } from "../domains/reports/index.ts";
import {
  backfillJob,
  compactQaRollupsJob,
  notifyCalibrationJob,
  scoreConversationsJob,
} from "../domains/qa/index.ts";
import { purgeThrottles } from "../domains/throttle/index.ts";
import { defineJob, type JobDefinition } from "./worker.ts";

const purgeExpiredSessions = defineJob({
  name: "auth.purge-expired-sessions",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const removed = await deleteExpiredSessions(db);
    if (removed > 0) logger.info({ removed }, "purged expired sessions");
  },
});

const purgeIdleThrottles = defineJob({
  name: "throttle.purge-idle",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const removed = await purgeThrottles(db);
    if (removed > 0) logger.info({ removed }, "purged idle abuse-limit counts");
  },
});

/**
 * Jobs that react to new, changed or re-analysed conversations (QA scoring, survey invitations,
 * complaint cases). Each takes the `conversations.changed` payload and must be idempotent. Domains
 * add theirs here; they are also worker jobs below.
 */
export const CONVERSATION_LISTENERS: JobDefinition<typeof ConversationsChangedSchema>[] = [
  scoreConversationsJob,
];

/** Fans the event out as one job per listener, so one listener failing retries only itself. */
const fanOutConversationsChanged = defineJob({
  name: CONVERSATIONS_CHANGED_JOB,
  payload: ConversationsChangedSchema,
  async handle(payload, { queue }) {
    for (const listener of CONVERSATION_LISTENERS) {
      await queue.enqueue(listener.name, payload, { orgId: payload.orgId });
    }
  },
});

/** Every job kind a worker process runs. Domains add theirs here. */
export const JOB_DEFINITIONS: JobDefinition[] = [
  purgeExpiredSessions,
  analyzeConversationsJob,
  pollMailboxJob,
  pollAllMailboxesJob,
  purgeWebhookDeliveriesJob,
  compactRollupsJob,
  purgeIdleThrottles,
  fanOutConversationsChanged,
  backfillJob,
  compactQaRollupsJob,
  notifyCalibrationJob,
  ...CONVERSATION_LISTENERS,
];

/** Periodic jobs, enqueued once per period whichever process gets there first. */
export const RECURRING: { name: string; everyMs: number }[] = [
  { name: "auth.purge-expired-sessions", everyMs: 3_600_000 },
  { name: pollAllMailboxesJob.name, everyMs: POLL_ALL_EVERY_MS },
  { name: purgeWebhookDeliveriesJob.name, everyMs: 3_600_000 },
  { name: compactRollupsJob.name, everyMs: COMPACT_ROLLUPS_EVERY_MS },
  { name: purgeIdleThrottles.name, everyMs: 3_600_000 },
  { name: compactQaRollupsJob.name, everyMs: 600_000 },
];

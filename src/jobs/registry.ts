import { z } from "zod";
import { deleteExpiredSessions } from "../domains/auth/index.ts";
import * as cases from "../domains/cases/index.ts";
import { purgeWebhookDeliveriesJob } from "../domains/connectors/index.ts";
import {
  analyzeConversationsJob,
  CONVERSATIONS_CHANGED_JOB,
  ConversationsChangedSchema,
} from "../domains/conversations/index.ts";
import * as insights from "../domains/insights/index.ts";
import { POLL_ALL_EVERY_MS, pollAllMailboxesJob, pollMailboxJob } from "../domains/email/index.ts";
import { COMPACT_ROLLUPS_EVERY_MS, compactRollupsJob } from "../domains/reports/index.ts";
import { APPLY_RETENTION_EVERY_MS, applyRetentionJob } from "../domains/retention/index.ts";
import {
  CASE_CLOSED_EVERY_MS,
  deliverInvitationsJob,
  escalateFollowUpsJob,
  ESCALATE_EVERY_MS,
  inviteOnClosedCasesJob,
  inviteOnResolvedJob,
  notifyCustomerJob,
  runSchedulesJob,
  SCHEDULE_EVERY_MS,
} from "../domains/surveys/index.ts";
import {
  backfillJob,
  compactQaRollupsJob,
  notifyAssignmentJob,
  notifyAssignmentsJob,
  notifyCalibrationJob,
  releaseLapsedClaimsJob,
  RELEASE_LAPSED_EVERY_MS,
  scoreConversationsJob,
} from "../domains/qa/index.ts";
import { purgeThrottles } from "../domains/throttle/index.ts";
import * as people from "../domains/people/index.ts";
import * as promises from "../domains/promises/index.ts";
import * as personas from "../domains/personas/index.ts";
import { mineIdeasJob } from "../domains/ideas/index.ts";
import { RECOGNITION_EVERY_MS, runRecognitionSchedulesJob } from "../domains/recognition/index.ts";
import { maintainTables } from "../db/maintenance.ts";
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

/** Autovacuum's work where none runs (PGlite); a no-op on a PostgreSQL server. */
const maintainDatabase = defineJob({
  name: "db.maintain",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const done = await maintainTables(db);
    if (done.analyze.length + done.vacuum.length > 0) logger.info(done, "maintained tables");
  },
});

/**
 * Jobs that react to new, changed or re-analysed conversations (QA scoring, survey invitations,
 * complaint cases). Each takes the `conversations.changed` payload and must be idempotent. Domains
 * add theirs here; they are also worker jobs below.
 */
export const CONVERSATION_LISTENERS: JobDefinition<typeof ConversationsChangedSchema>[] = [
  scoreConversationsJob,
  inviteOnResolvedJob,
  cases.openComplaintCasesJob,
  insights.assignReasonsJob,
  insights.matchFixSearchesJob,
  people.refreshFactsJob,
  promises.trackPromisesJob,
  mineIdeasJob,
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
  maintainDatabase,
  applyRetentionJob,
  fanOutConversationsChanged,
  backfillJob,
  deliverInvitationsJob,
  notifyCustomerJob,
  escalateFollowUpsJob,
  runSchedulesJob,
  inviteOnClosedCasesJob,
  compactQaRollupsJob,
  notifyAssignmentJob,
  notifyAssignmentsJob,
  notifyCalibrationJob,
  releaseLapsedClaimsJob,
  ...CONVERSATION_LISTENERS,
  cases.escalateCasesJob,
  cases.emailCaseNotificationsJob,
  cases.weeklyDigestJob,
  cases.refreshHolidayFeedsJob,
  insights.reclusterReasonsJob,
  insights.fillFixConversationsJob,
  insights.insightsHourlyJob,
  people.catchUpFactsJob,
  people.rebaseJob,
  promises.settleDuePromisesJob,
  personas.recomputePersonasJob,
  runRecognitionSchedulesJob,
];

/** Periodic jobs, enqueued once per period whichever process gets there first. */
export const RECURRING: { name: string; everyMs: number; urgent?: boolean }[] = [
  { name: "auth.purge-expired-sessions", everyMs: 3_600_000 },
  { name: pollAllMailboxesJob.name, everyMs: POLL_ALL_EVERY_MS },
  { name: purgeWebhookDeliveriesJob.name, everyMs: 3_600_000 },
  { name: compactRollupsJob.name, everyMs: COMPACT_ROLLUPS_EVERY_MS },
  { name: purgeIdleThrottles.name, everyMs: 3_600_000 },
  // Autovacuum's own naptime: a burst of ingest outgrows the statistics within minutes. Urgent:
  // behind the burst's own listener jobs it would run only once the burst had been planned badly.
  { name: maintainDatabase.name, everyMs: 60_000, urgent: true },
  { name: applyRetentionJob.name, everyMs: APPLY_RETENTION_EVERY_MS },
  { name: escalateFollowUpsJob.name, everyMs: ESCALATE_EVERY_MS },
  { name: cases.escalateCasesJob.name, everyMs: cases.ESCALATE_EVERY_MS },
  { name: cases.emailCaseNotificationsJob.name, everyMs: cases.ESCALATE_EVERY_MS },
  { name: cases.weeklyDigestJob.name, everyMs: cases.DIGEST_EVERY_MS },
  { name: cases.refreshHolidayFeedsJob.name, everyMs: cases.HOLIDAY_FEEDS_EVERY_MS },
  { name: runSchedulesJob.name, everyMs: SCHEDULE_EVERY_MS },
  { name: inviteOnClosedCasesJob.name, everyMs: CASE_CLOSED_EVERY_MS },
  { name: compactQaRollupsJob.name, everyMs: 600_000 },
  { name: releaseLapsedClaimsJob.name, everyMs: RELEASE_LAPSED_EVERY_MS },
  { name: insights.insightsHourlyJob.name, everyMs: insights.INSIGHTS_EVERY_MS },
  { name: people.catchUpFactsJob.name, everyMs: people.CATCH_UP_EVERY_MS },
  { name: people.rebaseJob.name, everyMs: people.REBASE_EVERY_MS },
  { name: promises.settleDuePromisesJob.name, everyMs: promises.SETTLE_EVERY_MS },
  { name: personas.recomputePersonasJob.name, everyMs: personas.RECOMPUTE_EVERY_MS },
  { name: runRecognitionSchedulesJob.name, everyMs: RECOGNITION_EVERY_MS },
];

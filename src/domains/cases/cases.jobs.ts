import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { smtpConfigFromUrl } from "../email/index.ts";
import { ConversationsChangedSchema } from "../conversations/index.ts";
import { openCasesForConversations } from "./complaints.service.ts";
import { sendWeeklyDigests } from "./digest.service.ts";
import { runEscalationChecks } from "./escalation.service.ts";
import { refreshAllHolidayFeeds } from "./holiday-feeds.service.ts";
import { emailPendingNotifications } from "./notifications.service.ts";

/** Listener on `conversations.changed`: opens complaint cases (idempotent; see complaints.service). */
export const openComplaintCasesJob = defineJob({
  name: "cases.open-from-conversations",
  payload: ConversationsChangedSchema,
  async handle({ orgId, conversationIds }, { db, logger }) {
    const smtp = smtpConfigFromUrl(process.env.RAPPORT_SMTP_URL || undefined);
    const opened = await openCasesForConversations(db, orgId, conversationIds, smtp);
    if (opened.length > 0) logger.info({ orgId, opened: opened.length }, "opened complaint cases");
  },
});

export const ESCALATE_EVERY_MS = 60_000;
/** At-risk and breach escalations of every organization's due cases. */
export const escalateCasesJob = defineJob({
  name: "cases.escalate",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const { checked, raised } = await runEscalationChecks(db);
    if (raised > 0) logger.info({ checked, raised }, "case escalations raised");
  },
});

/** Emails in-app notifications not yet emailed, when outbound SMTP is configured. */
export const emailCaseNotificationsJob = defineJob({
  name: "cases.email-notifications",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const smtp = smtpConfigFromUrl(process.env.RAPPORT_SMTP_URL || undefined);
    if (!smtp) return;
    const sent = await emailPendingNotifications(db, smtp);
    if (sent > 0) logger.info({ sent }, "emailed case notifications");
  },
});

export const DIGEST_EVERY_MS = 3_600_000;
/** Hourly, but each executive gets one digest per ISO week (keyed by the week). */
export const weeklyDigestJob = defineJob({
  name: "cases.weekly-digest",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const made = await sendWeeklyDigests(db);
    if (made > 0) logger.info({ made }, "weekly executive digests");
  },
});

export const HOLIDAY_FEEDS_EVERY_MS = 86_400_000;
/** Daily: every SLA policy's iCal holiday feeds fetched again (a failing feed keeps its last dates). */
export const refreshHolidayFeedsJob = defineJob({
  name: "cases.refresh-holiday-feeds",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const refreshed = await refreshAllHolidayFeeds(db);
    if (refreshed > 0) logger.info({ refreshed }, "refreshed SLA holiday feeds");
  },
});

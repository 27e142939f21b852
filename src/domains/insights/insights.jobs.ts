import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { ConversationsChangedSchema } from "../conversations/index.ts";
import { writeWeeklyDigest } from "./digest.service.ts";
import {
  FILL_FIX_JOB,
  fillFixConversations,
  fillUnfilledFixes,
  matchFixSearches,
} from "./fixes.service.ts";
import { assignReasons, orgsForHourlyChecks, reclusterReasons } from "./reasons.service.ts";
import { detectSpikes, foldReasonDays } from "./trends.service.ts";

/** Listener on `conversations.changed`: gives each conversation its contact reason (idempotent). */
export const assignReasonsJob = defineJob({
  name: "insights.assign-reasons",
  payload: ConversationsChangedSchema,
  async handle({ orgId, conversationIds }, { db }) {
    await assignReasons(db, orgId, conversationIds);
  },
});

/** Listener on `conversations.changed`: matches the conversations against fixes' saved searches. */
export const matchFixSearchesJob = defineJob({
  name: "insights.match-fix-searches",
  payload: ConversationsChangedSchema,
  async handle({ orgId, conversationIds }, { db }) {
    await matchFixSearches(db, orgId, conversationIds);
  },
});

/** Fills a new fix's `fix_conversations` (idempotent: rewrites them for its current target). */
export const fillFixConversationsJob = defineJob({
  name: FILL_FIX_JOB,
  payload: z.object({ orgId: z.uuid(), fixId: z.uuid() }),
  async handle({ orgId, fixId }, { db }) {
    await fillFixConversations(db, orgId, fixId);
  },
});

/** Re-fits one org's reasons (leaders' edits survive; see reasons.service). */
export const reclusterReasonsJob = defineJob({
  name: "insights.recluster",
  payload: z.object({ orgId: z.uuid(), k: z.number().int().min(2).max(100).optional() }),
  async handle({ orgId, k }, { db, logger }) {
    const done = await reclusterReasons(db, orgId, { k });
    logger.info({ orgId, ...done }, "re-clustered contact reasons");
  },
});

export const INSIGHTS_EVERY_MS = 3_600_000;
/**
 * Hourly: folds the reason day counts, then for every org fills fixes whose matched conversations
 * were not filled for their search, checks spikes (each spike alerts once), writes the weekly
 * digest (once per week), and re-fits the reasons when `refitDue`.
 */
export const insightsHourlyJob = defineJob({
  name: "insights.hourly",
  payload: z.object({}),
  async handle(_payload, { db, queue, logger }) {
    await foldReasonDays(db);
    for (const org of await orgsForHourlyChecks(db, Date.now())) {
      if (org.refit)
        await queue.enqueue(reclusterReasonsJob.name, { orgId: org.id }, { orgId: org.id });
      await fillUnfilledFixes(db, org.id);
      const spikes = await detectSpikes(db, org.id);
      const digest = await writeWeeklyDigest(db, org.id);
      if (spikes > 0 || digest) logger.info({ orgId: org.id, spikes, digest }, "insights checks");
    }
  },
});

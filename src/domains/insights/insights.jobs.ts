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
import { findModelStates } from "./reasons.repo.ts";
import { assignReasons, RECLUSTER_LIMIT, reclusterReasons } from "./reasons.service.ts";
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
/** Models older than this are re-fitted by the hourly job, so new reasons appear within a week. */
const REFIT_AFTER_MS = 7 * 86_400_000;
/** Fewer conversations than this give no reasons worth naming. */
const MIN_TO_FIT = 50;

/**
 * Whether the hourly job re-fits an org's reasons: never with fewer than MIN_TO_FIT conversations;
 * then when it has no model, when the model is older than a week, or when the org has twice the
 * conversations the model was fitted on. The last one matters after an import: the first fit
 * happens on the first few hundred conversations, and a week of reasons drawn from those alone
 * would name the rest badly. Re-fits double in size, so they cost about twice the last one in all.
 */
export function refitDue(
  org: { fittedAt: Date | null; fittedOn: number | null; conversations: number },
  now: number,
): boolean {
  if (org.conversations < MIN_TO_FIT) return false;
  if (!org.fittedAt || now - org.fittedAt.getTime() > REFIT_AFTER_MS) return true;
  return org.fittedOn !== null && org.conversations >= 2 * org.fittedOn;
}

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
    for (const org of await findModelStates(db, MIN_TO_FIT, RECLUSTER_LIMIT)) {
      if (refitDue(org, Date.now()))
        await queue.enqueue(reclusterReasonsJob.name, { orgId: org.id }, { orgId: org.id });
      await fillUnfilledFixes(db, org.id);
      const spikes = await detectSpikes(db, org.id);
      const digest = await writeWeeklyDigest(db, org.id);
      if (spikes > 0 || digest) logger.info({ orgId: org.id, spikes, digest }, "insights checks");
    }
  },
});

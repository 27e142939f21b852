import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { ConversationsChangedSchema } from "../conversations/index.ts";
import { runBackfill, scoreConversations } from "./auto.service.ts";
import { releaseLapsedClaims, RELEASE_LAPSED_CLAIMS_JOB } from "./claims.service.ts";
import { compactRollups } from "./reports.repo.ts";

export const SCORE_JOB = "qa.score-conversations";
export const BACKFILL_JOB = "qa.backfill";

/**
 * Listens to `conversations.changed`: scores each new, changed or re-analysed conversation against
 * the published scorecards for its channel. Idempotent (one automatic row per conversation and version).
 */
export const scoreConversationsJob = defineJob({
  name: SCORE_JOB,
  payload: ConversationsChangedSchema,
  async handle({ orgId, conversationIds }, { db }) {
    await scoreConversations(db, orgId, conversationIds, { assign: true });
  },
});

/** Scores every stored conversation against a newly published scorecard version, with progress. */
export const backfillJob = defineJob({
  name: BACKFILL_JOB,
  payload: z.object({ orgId: z.uuid(), backfillId: z.uuid(), versionId: z.uuid() }),
  async handle({ orgId, backfillId, versionId }, { db }) {
    await runBackfill(db, orgId, backfillId, versionId);
  },
});

/** Folds the QA report rollups' delta rows (see reports.repo.ts); recurring. */
export const compactQaRollupsJob = defineJob({
  name: "qa.compact-rollups",
  payload: z.object({}),
  async handle(_payload, { db }) {
    await compactRollups(db);
  },
});

/** How often lapsed claims go back to the queue: a claim lasts hours, so minutes late is on time. */
export const RELEASE_LAPSED_EVERY_MS = 5 * 60_000;

/**
 * Gives lapsed claims back to the queue in every organization (settings.qa.claimLapseHours), in
 * batches, each release audited; recurring and idempotent.
 */
export const releaseLapsedClaimsJob = defineJob({
  name: RELEASE_LAPSED_CLAIMS_JOB,
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const released = await releaseLapsedClaims(db);
    if (released > 0) logger.info({ released }, "released lapsed review claims");
  },
});

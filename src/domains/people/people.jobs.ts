import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { ConversationsChangedSchema } from "../conversations/index.ts";
import { listOrgIds } from "./people.repo.ts";
import { catchUp, rebaseOrg, refreshConversations } from "./refresh.service.ts";

/** How often the catch-up runs; it looks back twice as far, so a late run misses nothing. */
export const CATCH_UP_EVERY_MS = 5 * 60_000;
/** Stratum means drift slowly; recomputing them (and every rollup) daily is enough. */
export const REBASE_EVERY_MS = 24 * 3_600_000;

/** Listens to `conversations.changed`: refreshes the scorecard facts and rollups of those conversations. */
export const refreshFactsJob = defineJob({
  name: "people.refresh-facts",
  payload: ConversationsChangedSchema,
  async handle({ orgId, conversationIds }, { db }) {
    await refreshConversations(db, orgId, conversationIds);
  },
});

/**
 * Human QA, survey answers and case outcomes arrive without a `conversations.changed` event, and
 * the QA listener may score after ours ran: this picks up whatever changed in the last two periods.
 */
export const catchUpFactsJob = defineJob({
  name: "people.catch-up",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const since = new Date(Date.now() - 2 * CATCH_UP_EVERY_MS);
    for (const orgId of await listOrgIds(db)) {
      const n = await catchUp(db, orgId, since);
      if (n > 0) logger.debug({ orgId, conversations: n }, "refreshed scorecard facts");
    }
  },
});

/** Recomputes each org's case-mix reference (stratum means) and rebuilds its rollups from it. */
export const rebaseJob = defineJob({
  name: "people.rebase",
  payload: z.object({}),
  async handle(_payload, { db }) {
    for (const orgId of await listOrgIds(db)) await rebaseOrg(db, orgId);
  },
});

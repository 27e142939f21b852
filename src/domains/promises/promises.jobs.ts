import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { ConversationsChangedSchema } from "../conversations/index.ts";
import { settleOverduePromises, trackPromises } from "./tracking.service.ts";

/** Listener on `conversations.changed`: records new promises and settles those the changes decide. */
export const trackPromisesJob = defineJob({
  name: "promises.track",
  payload: ConversationsChangedSchema,
  async handle({ orgId, conversationIds }, { db, logger }) {
    const { found, settled } = await trackPromises(db, orgId, conversationIds);
    if (found + settled > 0) logger.info({ orgId, found, settled }, "tracked promises");
  },
});

export const SETTLE_EVERY_MS = 300_000;
/** Breaks the promises whose due time passed with nothing done (nothing else would settle them). */
export const settleDuePromisesJob = defineJob({
  name: "promises.settle-due",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const settled = await settleOverduePromises(db);
    if (settled > 0) logger.info({ settled }, "settled overdue promises");
  },
});

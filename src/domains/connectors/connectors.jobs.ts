import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { purgeWebhookDeliveries } from "./connectors.service.ts";

export const PURGE_DELIVERIES_JOB = "connectors.purge-webhook-deliveries";

/** Forgets webhook delivery ids past their retention (hourly, see src/jobs/registry.ts). */
export const purgeWebhookDeliveriesJob = defineJob({
  name: PURGE_DELIVERIES_JOB,
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const removed = await purgeWebhookDeliveries(db);
    if (removed > 0) logger.info({ removed }, "purged webhook delivery ids");
  },
});

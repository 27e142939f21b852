import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { applyAllRetention } from "./retention.service.ts";

export const APPLY_RETENTION_EVERY_MS = 3_600_000;

export const applyRetentionJob = defineJob({
  name: "retention.apply",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    for (const run of await applyAllRetention(db)) {
      if (run.messages > 0) logger.info(run, "removed message text past the retention period");
    }
  },
});

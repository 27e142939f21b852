import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { compactRollups } from "./reports.service.ts";

/** How often delta rows are folded: reports stay exact either way, this only bounds their size. */
export const COMPACT_ROLLUPS_EVERY_MS = 60_000;

export const compactRollupsJob = defineJob({
  name: "reports.compact-rollups",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const keys = await compactRollups(db);
    if (keys > 0) logger.debug({ keys }, "compacted report rollups");
  },
});

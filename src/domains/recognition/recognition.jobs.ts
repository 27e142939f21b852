import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { sendDigest } from "./digest.service.ts";
import { runDueSchedules } from "./wow.service.ts";

/** How often the worker looks for a schedule slot that has not run (slots are on the hour). */
export const RECOGNITION_EVERY_MS = 600_000;

/** Collects wow-story candidates and sends the digest for every org whose slot is due. */
export const runRecognitionSchedulesJob = defineJob({
  name: "recognition.run-schedules",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const ran = await runDueSchedules(
      db,
      new Date(),
      async (orgId) => (await sendDigest(db, orgId)).sent,
    );
    if (ran > 0) logger.info({ orgs: ran }, "collected wow-story candidates");
  },
});

import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import { recomputeStalePersonas } from "./personas.service.ts";

export const RECOMPUTE_EVERY_MS = 600_000;
/** Recomputes personas of organizations with newer analyses (each at most hourly). */
export const recomputePersonasJob = defineJob({
  name: "personas.recompute",
  payload: z.object({}),
  async handle(_payload, { db, logger }) {
    const orgs = await recomputeStalePersonas(db);
    if (orgs > 0) logger.info({ orgs }, "recomputed personas");
  },
});

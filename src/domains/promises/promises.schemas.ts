import { z } from "@hono/zod-openapi";
import { saneTimestamp } from "../../lib/input-hygiene.ts";
import { CHANNELS, PROMISE_SETTLED_BY, PROMISE_STATUSES } from "../../db/schema/index.ts";

const Iso = saneTimestamp();

export const KeepRateQuerySchema = z.object({
  by: z.enum(["team", "agent", "reason"]).default("team"),
  from: Iso.optional().openapi({ description: "Promises made from (default: 90 days ago)" }),
  to: Iso.optional().openapi({ description: "Promises made before (default: now)" }),
});
export type KeepRateQuery = z.infer<typeof KeepRateQuerySchema>;

export const KeepRateRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  kept: z.int(),
  broken: z.int(),
  pending: z.int(),
  openEnded: z.int(),
  /** Settled promises (kept + broken): the sample the rate is computed on. */
  n: z.int(),
  keepRate: z.number().nullable(),
  /** Wilson 95 % interval of the keep rate; null with no settled promises. */
  ci95: z.tuple([z.number(), z.number()]).nullable(),
});
export const KeepRateSchema = z
  .object({
    by: z.enum(["team", "agent", "reason"]),
    from: z.string(),
    to: z.string(),
    overall: KeepRateRowSchema,
    items: z.array(KeepRateRowSchema),
  })
  .openapi("KeepRateReport");

export const ListPromisesQuerySchema = z.object({
  status: z.enum(PROMISE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const PromiseSchema = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    agentId: z.uuid().nullable(),
    agentName: z.string().nullable(),
    teamId: z.uuid().nullable(),
    teamName: z.string().nullable(),
    channel: z.enum(CHANNELS),
    reason: z.string(),
    quote: z.string(),
    promisedAt: z.string(),
    dueText: z.string().nullable(),
    dueAt: z.string().nullable(),
    status: z.enum(PROMISE_STATUSES),
    settledAt: z.string().nullable(),
    settledBy: z.enum(PROMISE_SETTLED_BY).nullable(),
  })
  .openapi("TrackedPromise");

export const StatedResponseSchema = z.strictObject({
  minutes: z
    .int()
    .min(1)
    .max(60 * 24 * 60),
  text: z.string().trim().min(1).max(200),
});
export const StatedResponseTimesSchema = z
  .strictObject({
    channels: z.partialRecord(z.enum(CHANNELS), StatedResponseSchema),
  })
  .openapi({
    example: { channels: { email: { minutes: 1440, text: "We reply within 24 hours" } } },
  })
  .openapi("StatedResponseTimes");
export type StatedResponseTimes = z.infer<typeof StatedResponseTimesSchema>;

export const ResponseTimesQuerySchema = z.object({
  from: Iso.optional(),
  to: Iso.optional(),
});

export const ChannelResponseSchema = z.object({
  channel: z.enum(CHANNELS),
  stated: StatedResponseSchema.nullable(),
  conversations: z.int(),
  p50Minutes: z.number().nullable(),
  p75Minutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  p95Minutes: z.number().nullable(),
  /** Share of first responses within the stated time; null with no statement. */
  withinStated: z.number().nullable(),
  /** The promise the channel can keep 9 times in 10: p90 rounded up to a plain figure. */
  recommended: z.object({ minutes: z.int(), text: z.string() }).nullable(),
  histogram: z.array(z.object({ label: z.string(), count: z.int() })),
});
export const ResponseTimesSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    items: z.array(ChannelResponseSchema),
  })
  .openapi("ResponseTimesReport");

import { z } from "@hono/zod-openapi";
import { CHANNELS } from "../../db/schema/index.ts";

const DAY = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a day as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && s >= "1900-01-01";
  }, "not a calendar day between 1900 and 9999");

const WindowFields = {
  days: z.coerce.number().int().min(1).max(366).default(90),
  from: DAY.optional().openapi({ description: "First UTC day (inclusive); overrides `days`" }),
  to: DAY.optional().openapi({ description: "Last UTC day (inclusive); default today" }),
};

const MAX_WINDOW_MS = 366 * 86_400_000;

/** A window of whole UTC days: the last `days` (today included), or `from`..`to` inclusive. */
function checkWindow<T extends z.ZodType<{ from?: string | undefined; to?: string | undefined }>>(
  schema: T,
): T {
  return schema
    .refine((q) => !q.from || !q.to || q.from <= q.to, {
      message: "from must not be after to",
      path: ["from"],
    })
    .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) < MAX_WINDOW_MS, {
      message: "a report covers at most 366 days",
      path: ["to"],
    });
}

export const VolumeQuerySchema = checkWindow(z.object(WindowFields));
export type ReportWindowQuery = z.infer<typeof VolumeQuerySchema>;

export const VolumeSchema = z
  .object({
    days: z.array(
      z.object({ day: z.string(), channel: z.enum(CHANNELS), count: z.number().int() }),
    ),
  })
  .openapi("Volume");

export const OverviewQuerySchema = checkWindow(
  z.object({
    ...WindowFields,
    channel: z.enum(CHANNELS).optional(),
    teamId: z.uuid({ message: "must be a UUID" }).optional(),
    agentId: z.uuid({ message: "must be a UUID" }).optional(),
  }),
);
export type OverviewQuery = z.infer<typeof OverviewQuerySchema>;

const DaySchema = z.object({
  day: z.string(),
  conversations: z.number().int(),
  analysed: z.number().int(),
  /** Mean predicted satisfaction (1–5) of the analysed conversations; null when none. */
  satisfaction: z.number().nullable(),
  sentiment: z.number().nullable(),
  negative: z.number().int(),
  neutral: z.number().int(),
  positive: z.number().int(),
});

export const OverviewSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: DaySchema.omit({ day: true }).extend({ messages: z.number().int() }),
    days: z.array(DaySchema),
    signals: z.array(z.object({ signal: z.string(), conversations: z.number().int() })),
  })
  .openapi("Overview");
export type Overview = z.infer<typeof OverviewSchema>;

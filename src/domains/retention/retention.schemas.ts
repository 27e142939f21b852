import { z } from "@hono/zod-openapi";

/** Longest retention one may set: ten years. Longer is the same as keeping text forever (null). */
export const MAX_RETENTION_DAYS = 3650;

export const RetentionSettingsSchema = z
  .object({
    rawTextDays: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable().openapi({
      description:
        "Days after which message text, email originals, subjects and evidence snippets are deleted; analysis scores, signals and reports stay. Null keeps text forever.",
      example: 365,
    }),
  })
  .strict()
  .openapi("RetentionSettings");
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

export const RetentionRunSchema = z
  .object({ messages: z.number().int(), conversations: z.number().int() })
  .openapi("RetentionRun");

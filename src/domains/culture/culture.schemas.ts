import { z } from "@hono/zod-openapi";

/**
 * What the culture view may show, set by the org and enforced here (not in the browser): a team
 * with fewer agents than `minGroupSize` shows no figures and no evidence; authors' names only when
 * `showAgentNames`; note text only when `showEvidence`.
 */
export const CulturePrivacySchema = z
  .strictObject({
    minGroupSize: z.number().int().min(1).max(100),
    showAgentNames: z.boolean(),
    showEvidence: z.boolean(),
  })
  .openapi("CulturePrivacy");
export type CulturePrivacy = z.infer<typeof CulturePrivacySchema>;

/** A batch of messages from an internal chat channel (Slack, Teams, …), for the culture view. */
export const ChannelMessagesBodySchema = z
  .strictObject({
    /** Where the messages come from: a short name such as `slack` or `teams`. */
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "lower-case letters, digits, - and _ (up to 40)"),
    items: z
      .array(
        z.strictObject({
          externalId: z.string().trim().min(1).max(200),
          channel: z.string().trim().min(1).max(200),
          /** The colleague who wrote it: an agent's email or external id; unknown authors count for no team. */
          author: z
            .strictObject({
              email: z.string().trim().toLowerCase().email().max(320).optional(),
              externalId: z.string().trim().min(1).max(200).optional(),
            })
            .optional(),
          sentAt: z.string().datetime({ offset: true }),
          text: z.string().trim().min(1).max(10_000),
        }),
      )
      .min(1)
      .max(500),
  })
  .openapi("CultureChannelMessages");
export type ChannelMessagesBody = z.infer<typeof ChannelMessagesBodySchema>;

export const ChannelMessagesResultSchema = z
  .object({
    received: z.number().int(),
    /** Messages the engine marked `disrespect`: the only ones kept. */
    marked: z.number().int(),
    /** Of those, how many were new (a resend stores nothing twice). */
    stored: z.number().int(),
  })
  .openapi("CultureChannelMessagesResult");

import { z } from "@hono/zod-openapi";

const Evidence = z.object({ label: z.string(), detail: z.string() });

export const PersonaCardSchema = z
  .object({
    id: z.uuid(),
    rank: z.int(),
    name: z.string(),
    size: z.int(),
    /** Share of the customers clustered. */
    share: z.number(),
    channelMix: z.object({
      chat: z.number(),
      email: z.number(),
      phone: z.number(),
      other: z.number(),
    }),
    contactsPer30Days: z.number(),
    effort: z.number().nullable(),
    sentiment: z.number().nullable(),
    satisfaction: z.number().nullable(),
    value: z.number().nullable(),
    needs: z.array(z.object({ reason: z.string(), share: z.number() })),
    delights: z.array(Evidence),
    frustrations: z.array(Evidence),
    examples: z.array(
      z.object({
        conversationId: z.uuid(),
        subject: z.string().nullable(),
        preview: z.string().nullable().optional().openapi({
          description:
            "The customer's first message (else the first message), up to 160 characters; absent on personas found before 2026-12-06",
        }),
        channel: z.string(),
        startedAt: z.string(),
      }),
    ),
    /** Share of the customers whose conversations were analysed when this was computed. */
    analysedShare: z.number().optional(),
    silhouette: z.number().optional(),
    k: z.int().optional(),
    computedAt: z.string(),
  })
  .openapi("PersonaCard");

export const PersonaListSchema = z.object({ items: z.array(PersonaCardSchema) });
export const CustomerPersonaSchema = z.object({
  customerId: z.uuid(),
  /** Distance from the persona's centre in standardised units: under ~2 is typical. */
  distance: z.number(),
  persona: PersonaCardSchema,
});
export const RecomputeResultSchema = z.object({ personas: z.int(), customers: z.int() });

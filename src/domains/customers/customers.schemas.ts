import { z } from "@hono/zod-openapi";

const Json = z.record(z.string(), z.unknown());

export const CustomerExportSchema = z
  .object({
    exportedAt: z.string(),
    customer: z.object({
      id: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      createdAt: z.string(),
    }),
    identities: z.array(z.object({ source: z.string(), externalId: z.string() })),
    conversations: z.array(
      z.object({
        id: z.string(),
        externalId: z.string(),
        source: z.string(),
        channel: z.string(),
        status: z.string(),
        subject: z.string().nullable(),
        startedAt: z.string(),
        endedAt: z.string().nullable(),
        metadata: Json,
        analysis: Json.nullable(),
        messages: z.array(
          z.object({
            seq: z.number().int(),
            role: z.string(),
            text: z.string(),
            rawText: z.string().nullable(),
            ts: z.string(),
            analysis: Json.nullable(),
          }),
        ),
      }),
    ),
    related: z.record(z.string(), z.array(Json)).openapi({
      description:
        "Rows of every other table that names the customer or one of their conversations (survey answers, cases, evaluations…), by table",
    }),
  })
  .openapi("CustomerExport");
export type CustomerExport = z.infer<typeof CustomerExportSchema>;

import { z } from "@hono/zod-openapi";
import { WebhookMappingSchema } from "./mapping.ts";

export { RedactionSettingsSchema } from "../conversations/redaction.ts";

export const CreateWebhookSourceBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    /** Stored as `conversations.source`: conversations are idempotent on (source, externalId). */
    source: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_.:@/-]*$/,
        "letters, digits and _ . : @ / - only, starting with a letter or digit",
      ),
    mapping: WebhookMappingSchema,
    enabled: z.boolean().default(true),
  })
  .openapi("CreateWebhookSourceBody");
export type CreateWebhookSourceBody = z.infer<typeof CreateWebhookSourceBodySchema>;

export const UpdateWebhookSourceBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    mapping: WebhookMappingSchema.optional(),
    /** A disabled source refuses deliveries (401, as an unknown source) until enabled again. */
    enabled: z.boolean().optional(),
  })
  .refine((b) => b.name !== undefined || b.mapping !== undefined || b.enabled !== undefined, {
    message: "give at least one of name, mapping, enabled",
  })
  .openapi("UpdateWebhookSourceBody");
export type UpdateWebhookSourceBody = z.infer<typeof UpdateWebhookSourceBodySchema>;

export const WebhookSourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    source: z.string(),
    mapping: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    createdAt: z.string(),
    /** Where the sender posts deliveries (path; prefix your public origin). */
    url: z.string(),
  })
  .openapi("WebhookSource");

export const CreatedWebhookSourceSchema = WebhookSourceSchema.extend({
  /** The signing secret, shown this once: it is stored encrypted and never returned again. */
  secret: z.string(),
}).openapi("CreatedWebhookSource");

export const WebhookSourceListSchema = z
  .object({ items: z.array(WebhookSourceSchema) })
  .openapi("WebhookSourceList");

export const WebhookParamSchema = z.object({
  sourceId: z
    .uuid({ message: "must be a UUID" })
    .openapi({ param: { name: "sourceId", in: "path" } }),
});

export const WebhookAcceptedSchema = z
  .object({
    status: z.enum(["created", "updated", "unchanged", "duplicate"]),
    conversationId: z.uuid().optional(),
  })
  .openapi("WebhookAccepted");
export type WebhookAccepted = z.infer<typeof WebhookAcceptedSchema>;

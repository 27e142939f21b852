import { z } from "@hono/zod-openapi";
import { API_SCOPES, ROLES } from "../../db/schema/index.ts";

export const TeamSchema = z
  .object({ id: z.string(), name: z.string(), agentCount: z.number().int() })
  .openapi("Team");
export const CreateTeamBodySchema = z
  .strictObject({ name: z.string().trim().min(1).max(100) })
  .openapi("CreateTeamBody");

export const AgentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    teamId: z.string().nullable(),
    externalId: z.string().nullable(),
  })
  .openapi("Agent");
export const ListAgentsQuerySchema = z.object({
  teamId: z.uuid({ message: "must be a UUID" }).optional(),
});

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    teamId: z.string().nullable(),
  })
  .openapi("User");
export const CreateUserBodySchema = z
  .strictObject({
    email: z.email({ message: "must be an email address" }).max(320),
    name: z.string().trim().min(1).max(200),
    password: z.string().min(10, "must be at least 10 characters").max(1024),
    role: z.enum(ROLES),
    teamId: z.uuid({ message: "must be a UUID" }).nullable().optional(),
  })
  .openapi("CreateUserBody");
export const UpdateUserBodySchema = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    teamId: z.uuid({ message: "must be a UUID" }).nullable().optional(),
  })
  .openapi("UpdateUserBody");

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(API_SCOPES)),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiKey");
export const CreateApiKeyBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(API_SCOPES)).min(1).max(API_SCOPES.length),
  })
  .openapi("CreateApiKeyBody");
export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "Shown once; store it now" }),
}).openapi("CreatedApiKey");

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    action: z.string(),
    actorUserId: z.string().nullable(),
    actorApiKeyId: z.string().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi("AuditEntry");
export const AuditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

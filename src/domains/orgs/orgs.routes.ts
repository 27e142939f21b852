import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requireAccess } from "../../http/auth.middleware.ts";
import type { AppEnv } from "../../http/context.ts";
import {
  createRouter,
  jsonBody,
  jsonContent,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import {
  AgentSchema,
  ApiKeySchema,
  AuditEntrySchema,
  AuditQuerySchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
  CreateTeamBodySchema,
  CreateUserBodySchema,
  itemsOf,
  ListAgentsQuerySchema,
  TeamSchema,
  UpdateUserBodySchema,
  UserSchema,
} from "./orgs.schemas.ts";
import * as orgs from "./orgs.service.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const readers = requireAccess({ roles: ["admin", "leader", "qa", "agent", "exec"], scope: "read" });
const leaders = requireAccess({ roles: ["admin", "leader"], scope: "admin" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });

function ctx(c: Context<AppEnv>) {
  const principal = c.var.principal!;
  return { db: c.var.deps.db, orgId: principal.orgId, actor: principal };
}

const routes = {
  listTeams: createRoute({
    method: "get",
    path: "/teams",
    tags: ["settings"],
    summary: "Teams with agent counts",
    middleware: [readers] as const,
    responses: {
      200: { description: "Teams", ...jsonContent(itemsOf(TeamSchema)) },
      ...standardErrors,
    },
  }),
  createTeam: createRoute({
    method: "post",
    path: "/teams",
    tags: ["settings"],
    summary: "Create a team (admin)",
    middleware: [admins] as const,
    request: jsonBody(CreateTeamBodySchema),
    responses: { 201: { description: "Created", ...jsonContent(TeamSchema) }, ...standardErrors },
  }),
  deleteTeam: createRoute({
    method: "delete",
    path: "/teams/{id}",
    tags: ["settings"],
    summary: "Delete a team (admin)",
    middleware: [admins] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Deleted" }, ...standardErrors },
  }),
  listAgents: createRoute({
    method: "get",
    path: "/agents",
    tags: ["settings"],
    summary: "Agents, optionally of one team",
    middleware: [readers] as const,
    request: { query: ListAgentsQuerySchema },
    responses: {
      200: { description: "Agents", ...jsonContent(itemsOf(AgentSchema)) },
      ...standardErrors,
    },
  }),
  listUsers: createRoute({
    method: "get",
    path: "/users",
    tags: ["settings"],
    summary: "Members of the organization (admin, leader)",
    middleware: [leaders] as const,
    responses: {
      200: { description: "Users", ...jsonContent(itemsOf(UserSchema)) },
      ...standardErrors,
    },
  }),
  createUser: createRoute({
    method: "post",
    path: "/users",
    tags: ["settings"],
    summary: "Create a user with a role (admin)",
    middleware: [admins] as const,
    request: jsonBody(CreateUserBodySchema),
    responses: { 201: { description: "Created", ...jsonContent(UserSchema) }, ...standardErrors },
  }),
  updateUser: createRoute({
    method: "patch",
    path: "/users/{id}",
    tags: ["settings"],
    summary: "Change a user's role or team (admin)",
    middleware: [admins] as const,
    request: { params: UuidParamSchema, ...jsonBody(UpdateUserBodySchema) },
    responses: { 200: { description: "Updated", ...jsonContent(UserSchema) }, ...standardErrors },
  }),
  listApiKeys: createRoute({
    method: "get",
    path: "/api-keys",
    tags: ["settings"],
    summary: "API keys (admin)",
    middleware: [admins] as const,
    responses: {
      200: { description: "Keys", ...jsonContent(itemsOf(ApiKeySchema)) },
      ...standardErrors,
    },
  }),
  createApiKey: createRoute({
    method: "post",
    path: "/api-keys",
    tags: ["settings"],
    summary: "Create an API key; the key is shown once (admin)",
    middleware: [admins] as const,
    request: jsonBody(CreateApiKeyBodySchema),
    responses: {
      201: { description: "Created", ...jsonContent(CreatedApiKeySchema) },
      ...standardErrors,
    },
  }),
  revokeApiKey: createRoute({
    method: "delete",
    path: "/api-keys/{id}",
    tags: ["settings"],
    summary: "Revoke an API key (admin)",
    middleware: [admins] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Revoked" }, ...standardErrors },
  }),
  listAudit: createRoute({
    method: "get",
    path: "/audit-log",
    tags: ["settings"],
    summary: "Recent audit entries (admin)",
    middleware: [admins] as const,
    request: { query: AuditQuerySchema },
    responses: {
      200: { description: "Entries", ...jsonContent(itemsOf(AuditEntrySchema)) },
      ...standardErrors,
    },
  }),
};

function serializeKey(k: Awaited<ReturnType<typeof orgs.listApiKeys>>[number]) {
  return {
    ...k,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
  };
}

export function orgsRoutes() {
  const r = createRouter();
  r.openapi(routes.listTeams, async (c) => {
    const { db, orgId } = ctx(c);
    return c.json({ items: await orgs.listTeams(db, orgId) }, 200);
  });
  r.openapi(routes.createTeam, async (c) => {
    const { db, orgId, actor } = ctx(c);
    const team = await orgs.createTeam(db, orgId, actor, c.req.valid("json").name);
    return c.json({ ...team, agentCount: 0 }, 201);
  });
  r.openapi(routes.deleteTeam, async (c) => {
    const { db, orgId, actor } = ctx(c);
    await orgs.deleteTeam(db, orgId, actor, c.req.valid("param").id);
    return c.body(null, 204);
  });
  r.openapi(routes.listAgents, async (c) => {
    const { db, orgId } = ctx(c);
    return c.json({ items: await orgs.listAgents(db, orgId, c.req.valid("query").teamId) }, 200);
  });
  r.openapi(routes.listUsers, async (c) => {
    const { db, orgId } = ctx(c);
    return c.json({ items: await orgs.listMembers(db, orgId) }, 200);
  });
  r.openapi(routes.createUser, async (c) => {
    const { db, orgId, actor } = ctx(c);
    return c.json(await orgs.createUser(db, orgId, actor, c.req.valid("json")), 201);
  });
  r.openapi(routes.updateUser, async (c) => {
    const { db, orgId, actor } = ctx(c);
    return c.json(
      await orgs.updateUser(db, orgId, actor, c.req.valid("param").id, c.req.valid("json")),
      200,
    );
  });
  r.openapi(routes.listApiKeys, async (c) => {
    const { db, orgId } = ctx(c);
    return c.json({ items: (await orgs.listApiKeys(db, orgId)).map(serializeKey) }, 200);
  });
  r.openapi(routes.createApiKey, async (c) => {
    const { db, orgId, actor } = ctx(c);
    const { name, scopes } = c.req.valid("json");
    const created = await orgs.createApiKey(db, orgId, actor, name, scopes);
    return c.json({ ...serializeKey(created), key: created.key }, 201);
  });
  r.openapi(routes.revokeApiKey, async (c) => {
    const { db, orgId, actor } = ctx(c);
    await orgs.revokeApiKey(db, orgId, actor, c.req.valid("param").id);
    return c.body(null, 204);
  });
  r.openapi(routes.listAudit, async (c) => {
    const { db, orgId } = ctx(c);
    const rows = await orgs.listAudit(db, orgId, c.req.valid("query").limit);
    return c.json(
      { items: rows.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) },
      200,
    );
  });
  return r;
}

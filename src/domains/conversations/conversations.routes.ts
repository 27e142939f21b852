import { createRoute } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import { createRouter, jsonContent, standardErrors, UuidParamSchema } from "../../http/openapi.ts";
import {
  ConversationDetailSchema,
  ConversationPageSchema,
  ConversationSummarySchema,
  ListConversationsQuerySchema,
  UpdateConversationBodySchema,
} from "./conversations.schemas.ts";
import * as service from "./conversations.service.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const writers = requireAccess({ roles: ["admin", "leader", "qa", "agent"], scope: "write" });

const listRoute = createRoute({
  method: "get",
  path: "/conversations",
  tags: ["conversations"],
  summary: "Conversations, newest first, with keyset paging (agents see their own)",
  middleware: [readers] as const,
  request: { query: ListConversationsQuerySchema },
  responses: {
    200: { description: "A page", ...jsonContent(ConversationPageSchema) },
    ...standardErrors,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/conversations/{id}",
  tags: ["conversations"],
  summary: "One conversation with its transcript",
  middleware: [readers] as const,
  request: { params: UuidParamSchema },
  responses: {
    200: { description: "The conversation", ...jsonContent(ConversationDetailSchema) },
    ...standardErrors,
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/conversations/{id}",
  tags: ["conversations"],
  summary: "Change a conversation's status (agents: their own); surveys, QA and cases react",
  middleware: [writers] as const,
  request: {
    params: UuidParamSchema,
    body: { required: true, ...jsonContent(UpdateConversationBodySchema) },
  },
  responses: {
    200: { description: "The conversation", ...jsonContent(ConversationSummarySchema) },
    ...standardErrors,
  },
});

export function conversationsRoutes() {
  const r = createRouter();
  r.openapi(listRoute, async (c) =>
    c.json(
      await service.listConversations(c.var.deps.db, c.var.principal!, c.req.valid("query")),
      200,
    ),
  );
  r.openapi(getRoute, async (c) =>
    c.json(
      await service.getConversation(c.var.deps.db, c.var.principal!, c.req.valid("param").id),
      200,
    ),
  );
  r.openapi(updateRoute, async (c) =>
    c.json(
      await service.updateConversation(
        c.var.deps,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      200,
    ),
  );
  return r;
}

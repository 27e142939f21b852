import { createRoute, z } from "@hono/zod-openapi";
import { requireAccess, sessionPrincipal } from "../../http/auth.middleware.ts";
import {
  createRouter,
  ErrorResponseSchema,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import { handoffReport } from "./handoff-report.service.ts";
import {
  AssignBodySchema,
  HandoffReportQuerySchema,
  HandoffReportSchema,
  InboxChatSchema,
  InboxListSchema,
  InboxQuerySchema,
  ReplyBodySchema,
} from "./inbox.schemas.ts";
import { assignChat, closeChat, getInboxChat, listInbox, replyToChat } from "./inbox.service.ts";
import { WidgetMessageSchema } from "./widget.schemas.ts";

/** People who answer chats read the inbox; leaders also assign; API keys only read and assign. */
const readers = requireAccess({ roles: ["admin", "leader", "agent"], scope: "read" });
const answerers = requireAccess({ roles: ["admin", "leader", "agent"] });
const assigners = requireAccess({ roles: ["admin", "leader"], scope: "write" });
const closers = requireAccess({ roles: ["admin", "leader", "agent"], scope: "write" });
const analysts = requireAccess({ roles: ["admin", "leader", "qa", "exec"], scope: "read" });

const conflict = {
  description: "The chat has ended",
  content: { "application/json": { schema: ErrorResponseSchema } },
};

const routes = {
  list: createRoute({
    method: "get",
    path: "/inbox",
    tags: ["inbox"],
    summary: "Chats handed off to people: a queue (all, mine, general or a team) and view",
    middleware: [readers] as const,
    request: { query: InboxQuerySchema },
    responses: {
      200: jsonResponse(InboxListSchema, "Chats, longest waiting first"),
      ...standardErrors,
    },
  }),
  get: createRoute({
    method: "get",
    path: "/inbox/{id}",
    tags: ["inbox"],
    summary:
      "A handed-off chat with its whole context: transcript, topic and signals, what the bot tried, customer history, reason",
    middleware: [readers] as const,
    request: { params: UuidParamSchema },
    responses: {
      200: jsonResponse(InboxChatSchema, "The chat and its context"),
      ...standardErrors,
    },
  }),
  take: createRoute({
    method: "post",
    path: "/inbox/{id}/take",
    tags: ["inbox"],
    summary: "Take the chat: assign it to yourself",
    middleware: [answerers] as const,
    request: { params: UuidParamSchema },
    responses: { 200: jsonResponse(InboxChatSchema, "The chat"), 409: conflict, ...standardErrors },
  }),
  assign: createRoute({
    method: "post",
    path: "/inbox/{id}/assign",
    tags: ["inbox"],
    summary: "Assign the chat to a member",
    middleware: [assigners] as const,
    request: { params: UuidParamSchema, ...jsonBody(AssignBodySchema) },
    responses: { 200: jsonResponse(InboxChatSchema, "The chat"), 409: conflict, ...standardErrors },
  }),
  reply: createRoute({
    method: "post",
    path: "/inbox/{id}/replies",
    tags: ["inbox"],
    summary: "Answer the visitor (shown in the widget; takes the chat if nobody has)",
    middleware: [answerers] as const,
    request: { params: UuidParamSchema, ...jsonBody(ReplyBodySchema) },
    responses: {
      201: jsonResponse(WidgetMessageSchema, "The reply"),
      409: conflict,
      ...standardErrors,
    },
  }),
  close: createRoute({
    method: "post",
    path: "/inbox/{id}/close",
    tags: ["inbox"],
    summary: "End the chat",
    middleware: [closers] as const,
    request: { params: UuidParamSchema },
    responses: {
      200: jsonResponse(z.object({ id: z.string(), status: z.literal("closed") }), "Closed"),
      ...standardErrors,
    },
  }),
  report: createRoute({
    method: "get",
    path: "/handoff-quality",
    tags: ["inbox"],
    summary:
      "Handoff quality: handoffs by reason, how often customers repeated themselves, time to first human reply",
    middleware: [analysts] as const,
    request: { query: HandoffReportQuerySchema },
    responses: { 200: jsonResponse(HandoffReportSchema, "The report"), ...standardErrors },
  }),
};

export function inboxRoutes() {
  const r = createRouter();
  r.openapi(routes.list, async (c) =>
    c.json(await listInbox(c.var.deps.db, c.var.principal!, c.req.valid("query")), 200),
  );
  r.openapi(routes.get, async (c) =>
    c.json(await getInboxChat(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id), 200),
  );
  r.openapi(routes.take, async (c) => {
    const p = sessionPrincipal(c);
    return c.json(await assignChat(c.var.deps.db, p.orgId, c.req.valid("param").id, p.userId), 200);
  });
  r.openapi(routes.assign, async (c) => {
    const { orgId } = c.var.principal!;
    const { userId } = c.req.valid("json");
    return c.json(await assignChat(c.var.deps.db, orgId, c.req.valid("param").id, userId), 200);
  });
  r.openapi(routes.reply, async (c) => {
    const p = sessionPrincipal(c);
    const { deps } = c.var;
    const { id } = c.req.valid("param");
    return c.json(await replyToChat(deps, p.orgId, p.userId, id, c.req.valid("json").text), 201);
  });
  r.openapi(routes.close, async (c) =>
    c.json(await closeChat(c.var.deps, c.var.principal!.orgId, c.req.valid("param").id), 200),
  );
  r.openapi(routes.report, async (c) =>
    c.json(
      await handoffReport(c.var.deps.db, c.var.principal!.orgId, c.req.valid("query").days),
      200,
    ),
  );
  return r;
}

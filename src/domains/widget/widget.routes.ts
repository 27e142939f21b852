import { createRoute } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { requireAccess } from "../../http/auth.middleware.ts";
import { clientAddress } from "../../http/client.ts";
import type { AppEnv } from "../../http/context.ts";
import {
  createRouter,
  ErrorResponseSchema,
  jsonBody,
  jsonResponse,
  standardErrors,
} from "../../http/openapi.ts";
import { rateLimit } from "../../http/rate-limit.middleware.ts";
import { readWidgetToken } from "./widget-token.ts";
import {
  WIDGET_CLIENT_POLICY,
  WIDGET_SESSION_POLICY,
  WIDGET_VISITOR_POLICY,
} from "./widget-limits.ts";
import {
  WidgetChatStateSchema,
  WidgetHandoffBodySchema,
  WidgetPollBodySchema,
  WidgetSendBodySchema,
  WidgetSessionBodySchema,
  WidgetSessionSchema,
  WidgetSettingsBodySchema,
  WidgetSettingsSchema,
} from "./widget.schemas.ts";
import {
  authorizeWidgetCall,
  pollWidgetChat,
  requestWidgetHandoff,
  sendVisitorMessage,
  startWidgetSession,
  type KnowledgeSearch,
} from "./widget.service.ts";
import { getWidgetSettings, setWidgetSettings } from "./widget-settings.service.ts";

/** The header the widget sends its token in (not Authorization: that one means an API key). */
export const WIDGET_TOKEN_HEADER = "x-widget-token";

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorResponseSchema } },
});
const publicErrors = {
  400: error("Invalid input: the message names the field"),
  401: error("Missing, invalid or expired widget token"),
  403: error("This page's origin is not on the organization's allow-list"),
  404: error("No such organization or chat"),
  429: error("Too many requests from this visitor or address"),
};

/** In-process requests (tests) have no address: they share one subject, so the limit still holds. */
const addressOf = (c: Context<AppEnv>) => clientAddress(c) ?? "in-process";
const visitorOf = (c: Context<AppEnv>) =>
  readWidgetToken(c.req.header(WIDGET_TOKEN_HEADER) ?? "")?.visitorId;
const perAddress = rateLimit(WIDGET_CLIENT_POLICY, addressOf);
const perVisitor = rateLimit(WIDGET_VISITOR_POLICY, visitorOf);

/**
 * The widget runs on other websites, so its calls are cross-origin: any origin may ask (the
 * answer carries no cookie, `credentials` are never allowed), and each call proves itself by
 * its token, bound to the one allowed origin it was issued for.
 */
const widgetCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header("origin");
  if (c.req.method === "OPTIONS") {
    c.header("Access-Control-Allow-Methods", "POST");
    c.header("Access-Control-Allow-Headers", `content-type, ${WIDGET_TOKEN_HEADER}`);
    c.header("Access-Control-Max-Age", "600");
    if (origin) c.header("Access-Control-Allow-Origin", origin);
    c.header("Vary", "Origin");
    return c.body(null, 204);
  }
  await next();
  if (origin) c.res.headers.set("Access-Control-Allow-Origin", origin);
  c.res.headers.append("Vary", "Origin");
};

const routes = {
  session: createRoute({
    method: "post",
    path: "/widget/sessions",
    tags: ["widget"],
    summary:
      "Start or resume a visitor's chat (public; the Origin must be on the organization's allow-list)",
    security: [],
    middleware: [rateLimit(WIDGET_SESSION_POLICY, addressOf)] as const,
    request: jsonBody(WidgetSessionBodySchema),
    responses: {
      201: jsonResponse(WidgetSessionSchema, "The visitor's token and chat"),
      ...publicErrors,
    },
  }),
  send: createRoute({
    method: "post",
    path: "/widget/messages",
    tags: ["widget"],
    summary:
      "A visitor's message (X-Widget-Token): stored, analysed, and answered by the bot or queued for a person",
    security: [],
    middleware: [perAddress, perVisitor] as const,
    request: jsonBody(WidgetSendBodySchema),
    responses: {
      201: jsonResponse(WidgetChatStateSchema, "The new messages (the visitor's and any answer)"),
      409: error("The chat has ended"),
      ...publicErrors,
    },
  }),
  poll: createRoute({
    method: "post",
    path: "/widget/poll",
    tags: ["widget"],
    summary: "Messages of the visitor's chat after a seq (X-Widget-Token)",
    security: [],
    request: jsonBody(WidgetPollBodySchema),
    responses: {
      200: jsonResponse(WidgetChatStateSchema, "The chat's newer messages"),
      ...publicErrors,
    },
  }),
  handoff: createRoute({
    method: "post",
    path: "/widget/handoff",
    tags: ["widget"],
    summary: "The visitor asks for a person (X-Widget-Token)",
    security: [],
    middleware: [perAddress, perVisitor] as const,
    request: jsonBody(WidgetHandoffBodySchema),
    responses: {
      200: jsonResponse(WidgetChatStateSchema, "The chat, queued for a person"),
      ...publicErrors,
    },
  }),
  getSettings: createRoute({
    method: "get",
    path: "/widget-settings",
    tags: ["widget"],
    summary: "The chat widget's settings: on/off, allowed origins, bot threshold, greeting, queue",
    middleware: [requireAccess({ roles: ["admin", "leader"], scope: "read" })] as const,
    responses: { 200: jsonResponse(WidgetSettingsSchema, "The settings"), ...standardErrors },
  }),
  putSettings: createRoute({
    method: "put",
    path: "/widget-settings",
    tags: ["widget"],
    summary: "Replace the chat widget's settings",
    middleware: [requireAccess({ roles: ["admin"], scope: "admin" })] as const,
    request: jsonBody(WidgetSettingsBodySchema),
    responses: { 200: jsonResponse(WidgetSettingsSchema, "The settings"), ...standardErrors },
  }),
};

export function widgetRoutes(search: KnowledgeSearch) {
  const r = createRouter();
  r.use("/widget/*", widgetCors);
  const claimsOf = (c: Context<AppEnv>) =>
    authorizeWidgetCall(c.var.deps.db, c.req.header(WIDGET_TOKEN_HEADER), c.req.header("origin"));
  const depsOf = (c: Context<AppEnv>) => ({ db: c.var.deps.db, queue: c.var.deps.queue, search });

  r.openapi(routes.session, async (c) =>
    c.json(
      await startWidgetSession(c.var.deps.db, c.req.valid("json"), c.req.header("origin")),
      201,
    ),
  );
  r.openapi(routes.send, async (c) => {
    const claims = await claimsOf(c);
    return c.json(await sendVisitorMessage(depsOf(c), claims, c.req.valid("json").text), 201);
  });
  r.openapi(routes.poll, async (c) => {
    const claims = await claimsOf(c);
    return c.json(await pollWidgetChat(c.var.deps.db, claims, c.req.valid("json").after), 200);
  });
  r.openapi(routes.handoff, async (c) => {
    const claims = await claimsOf(c);
    return c.json(await requestWidgetHandoff(depsOf(c), claims), 200);
  });
  r.openapi(routes.getSettings, async (c) =>
    c.json(await getWidgetSettings(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  r.openapi(routes.putSettings, async (c) =>
    c.json(
      await setWidgetSettings(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")),
      200,
    ),
  );
  return r;
}

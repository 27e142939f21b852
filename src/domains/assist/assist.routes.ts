import { createRoute } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import { createRouter, jsonBody, jsonResponse, standardErrors } from "../../http/openapi.ts";
import { userOf } from "../cases/cases.routes.ts";
import {
  AssistBodySchema,
  AssistResultSchema,
  JoinRequestBodySchema,
  JoinRequestListSchema,
  JoinRequestSchema,
  RefParamSchema,
  SuggestionBodySchema,
  SuggestionSchema,
  WallboardSchema,
} from "./assist.schemas.ts";
import { assistConversation } from "./assist.service.ts";
import { decideSuggestion } from "./library.service.ts";
import { buildWallboard, listJoinRequestViews, requestToJoin } from "./wallboard.service.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const agents = requireAccess({ roles: ["admin", "leader", "agent"], scope: "write" });
const supervisors = requireAccess({ roles: ["admin", "leader", "exec"], scope: "read" });
const joiners = requireAccess({ roles: ["admin", "leader"], scope: "write" });

const routes = {
  assist: createRoute({
    method: "post",
    path: "/assist",
    tags: ["assist"],
    summary:
      "Stateless assist: given the conversation so far, its alerts, framing nudges, knowledge and next best actions",
    middleware: [readers] as const,
    request: jsonBody(AssistBodySchema),
    responses: {
      200: jsonResponse(AssistResultSchema, "What the agent should see now"),
      ...standardErrors,
    },
  }),
  decide: createRoute({
    method: "post",
    path: "/assist/suggestions",
    tags: ["assist"],
    summary: "Mark a proposed action or offer used or dismissed (a later verdict replaces it)",
    middleware: [agents] as const,
    request: jsonBody(SuggestionBodySchema),
    responses: { 201: jsonResponse(SuggestionSchema, "The verdict"), ...standardErrors },
  }),
  wallboard: createRoute({
    method: "get",
    path: "/assist/wallboard",
    tags: ["assist"],
    summary: "Live conversations ranked by risk, with alerts routed to team leads",
    middleware: [supervisors] as const,
    responses: { 200: jsonResponse(WallboardSchema, "Highest risk first"), ...standardErrors },
  }),
  join: createRoute({
    method: "post",
    path: "/assist/conversations/{ref}/join-requests",
    tags: ["assist"],
    summary: "Ask to join a live conversation (recorded; the agent's panel shows it)",
    middleware: [joiners] as const,
    request: { params: RefParamSchema, ...jsonBody(JoinRequestBodySchema) },
    responses: { 201: jsonResponse(JoinRequestSchema, "The request"), ...standardErrors },
  }),
  joins: createRoute({
    method: "get",
    path: "/assist/conversations/{ref}/join-requests",
    tags: ["assist"],
    summary: "Requests to join this conversation, latest first",
    middleware: [readers] as const,
    request: { params: RefParamSchema },
    responses: { 200: jsonResponse(JoinRequestListSchema, "Latest first"), ...standardErrors },
  }),
};

export function assistRoutes() {
  const r = createRouter();
  r.openapi(routes.assist, async (c) =>
    c.json(
      await assistConversation(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")),
      200,
    ),
  );
  r.openapi(routes.decide, async (c) => {
    const p = c.var.principal!;
    return c.json(
      await decideSuggestion(c.var.deps.db, p.orgId, userOf(p), c.req.valid("json")),
      201,
    );
  });
  r.openapi(routes.wallboard, async (c) => {
    const p = c.var.principal!;
    return c.json(await buildWallboard(c.var.deps.db, p.orgId, userOf(p)), 200);
  });
  r.openapi(routes.join, async (c) => {
    const p = c.var.principal!;
    const { ref } = c.req.valid("param");
    const { note } = c.req.valid("json");
    return c.json(await requestToJoin(c.var.deps.db, p.orgId, userOf(p), ref, note), 201);
  });
  r.openapi(routes.joins, async (c) =>
    c.json(
      await listJoinRequestViews(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").ref),
      200,
    ),
  );
  return r;
}

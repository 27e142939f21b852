import { createRoute, z } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess, sessionPrincipal } from "../../http/auth.middleware.ts";
import {
  createRouter,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import {
  ClosePulseBodySchema,
  CreatePulseBodySchema,
  PulseAnswerBodySchema,
  PulseListSchema,
  PulseResultsSchema,
  PulseSchema,
} from "./pulse.schemas.ts";
import * as pulse from "./pulse.service.ts";

const admins = requireAccess({ roles: ["admin"], scope: "admin" });
const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const leaders = requireAccess({ roles: ["admin", "leader", "exec"], scope: "read" });
// Answers are personal: only a signed-in user answers, never an API key.
const members = requireAccess({ roles: ALL_ROLES });
const tags = ["surveys"];

const routes = {
  create: createRoute({
    method: "post",
    path: "/pulse-surveys",
    tags,
    summary: "Open an employee pulse survey (eNPS) to everyone or some teams (admin)",
    middleware: [admins] as const,
    request: jsonBody(CreatePulseBodySchema),
    responses: { 201: jsonResponse(PulseSchema, "Opened"), ...standardErrors },
  }),
  list: createRoute({
    method: "get",
    path: "/pulse-surveys",
    tags,
    summary: "Pulse surveys, with whether the signed-in user has answered each",
    middleware: [readers] as const,
    responses: { 200: jsonResponse(PulseListSchema, "Pulse surveys"), ...standardErrors },
  }),
  answer: createRoute({
    method: "post",
    path: "/pulse-surveys/{id}/responses",
    tags,
    summary: "Answer a pulse survey once (signed-in users; anonymous pulses keep no name)",
    middleware: [members] as const,
    request: { params: UuidParamSchema, ...jsonBody(PulseAnswerBodySchema) },
    responses: {
      201: jsonResponse(z.object({ recorded: z.literal(true) }), "Recorded"),
      ...standardErrors,
    },
  }),
  close: createRoute({
    method: "patch",
    path: "/pulse-surveys/{id}",
    tags,
    summary: "Close a pulse survey (admin)",
    middleware: [admins] as const,
    request: { params: UuidParamSchema, ...jsonBody(ClosePulseBodySchema) },
    responses: { 200: jsonResponse(PulseSchema, "Closed"), ...standardErrors },
  }),
  results: createRoute({
    method: "get",
    path: "/pulse-surveys/{id}/results",
    tags,
    summary: "eNPS overall and by team; groups under five respondents are merged, never shown",
    middleware: [leaders] as const,
    request: { params: UuidParamSchema },
    responses: { 200: jsonResponse(PulseResultsSchema, "Results"), ...standardErrors },
  }),
};

export function pulseRoutes() {
  const r = createRouter();
  r.openapi(routes.create, async (c) =>
    c.json(
      await pulse.createPulse(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")),
      201,
    ),
  );
  r.openapi(routes.list, async (c) => {
    const p = c.var.principal!;
    const userId = p.kind === "session" ? p.userId : null;
    return c.json({ items: await pulse.listPulses(c.var.deps.db, p.orgId, userId) }, 200);
  });
  r.openapi(routes.answer, async (c) => {
    const p = sessionPrincipal(c);
    const { id } = c.req.valid("param");
    await pulse.answerPulse(c.var.deps.db, p.orgId, p.userId, id, c.req.valid("json"));
    return c.json({ recorded: true as const }, 201);
  });
  r.openapi(routes.close, async (c) =>
    c.json(
      await pulse.closePulse(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id),
      200,
    ),
  );
  r.openapi(routes.results, async (c) =>
    c.json(
      await pulse.pulseResults(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id),
      200,
    ),
  );
  return r;
}

import { createRoute } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import { createRouter, jsonResponse, standardErrors, UuidParamSchema } from "../../http/openapi.ts";
import {
  CustomerPersonaSchema,
  PersonaListSchema,
  RecomputeResultSchema,
} from "./personas.schemas.ts";
import * as service from "./personas.service.ts";

/** Persona cards are for everyone who serves customers (assist shows them to agents). */
const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });

const routes = {
  list: createRoute({
    method: "get",
    path: "/personas",
    tags: ["personas"],
    summary: "Persona cards from the latest clustering, largest first",
    middleware: [readers] as const,
    responses: { 200: jsonResponse(PersonaListSchema, "Persona cards"), ...standardErrors },
  }),
  ofCustomer: createRoute({
    method: "get",
    path: "/customers/{id}/persona",
    tags: ["personas"],
    summary: "The persona a customer belongs to (404 before the first clustering)",
    middleware: [readers] as const,
    request: { params: UuidParamSchema },
    responses: {
      200: jsonResponse(CustomerPersonaSchema, "The customer's persona"),
      ...standardErrors,
    },
  }),
  recompute: createRoute({
    method: "post",
    path: "/personas/recompute",
    tags: ["personas"],
    summary: "Recompute personas now (the job does this as analyses arrive, at most hourly)",
    middleware: [admins] as const,
    responses: {
      200: jsonResponse(RecomputeResultSchema, "How many personas and customers"),
      ...standardErrors,
    },
  }),
};

export function personasRoutes() {
  const r = createRouter();
  r.openapi(routes.list, async (c) =>
    c.json({ items: await service.listPersonaCards(c.var.deps.db, c.var.principal!.orgId) }, 200),
  );
  r.openapi(routes.ofCustomer, async (c) =>
    c.json(
      await service.customerPersona(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id),
      200,
    ),
  );
  r.openapi(routes.recompute, async (c) =>
    c.json(await service.recomputePersonas(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  return r;
}

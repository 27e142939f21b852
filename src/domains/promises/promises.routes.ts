import { createRoute, z } from "@hono/zod-openapi";
import { requireAccess } from "../../http/auth.middleware.ts";
import { createRouter, jsonResponse, standardErrors } from "../../http/openapi.ts";
import {
  KeepRateQuerySchema,
  KeepRateSchema,
  ListPromisesQuerySchema,
  PromiseSchema,
  ResponseTimesQuerySchema,
  ResponseTimesSchema,
  StatedResponseTimesSchema,
} from "./promises.schemas.ts";
import * as service from "./promises.service.ts";

/** Leaders and the people who report to them read promise-keeping; agents see it through coaching. */
const leaders = requireAccess({ roles: ["admin", "leader", "qa", "exec"], scope: "read" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });

const routes = {
  keepRate: createRoute({
    method: "get",
    path: "/promises/keep-rate",
    tags: ["promises"],
    summary: "Promise-keeping rate by team, agent or reason, with sample sizes and 95 % intervals",
    middleware: [leaders] as const,
    request: { query: KeepRateQuerySchema },
    responses: { 200: jsonResponse(KeepRateSchema, "Keep rates"), ...standardErrors },
  }),
  list: createRoute({
    method: "get",
    path: "/promises",
    tags: ["promises"],
    summary: "Tracked promises, newest first",
    middleware: [leaders] as const,
    request: { query: ListPromisesQuerySchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(PromiseSchema) }), "Promises"),
      ...standardErrors,
    },
  }),
  responseTimes: createRoute({
    method: "get",
    path: "/promises/response-times",
    tags: ["promises"],
    summary: "Stated response time per channel against the actual first-response distribution",
    middleware: [leaders] as const,
    request: { query: ResponseTimesQuerySchema },
    responses: { 200: jsonResponse(ResponseTimesSchema, "Per channel"), ...standardErrors },
  }),
  getStated: createRoute({
    method: "get",
    path: "/promises/stated-response-times",
    tags: ["promises"],
    summary: "The response time the organization states on each channel",
    middleware: [leaders] as const,
    responses: { 200: jsonResponse(StatedResponseTimesSchema, "Statements"), ...standardErrors },
  }),
  putStated: createRoute({
    method: "put",
    path: "/promises/stated-response-times",
    tags: ["promises"],
    summary: "Set the stated response times (replaces all channels)",
    middleware: [admins] as const,
    request: {
      body: {
        content: { "application/json": { schema: StatedResponseTimesSchema } },
        required: true,
      },
    },
    responses: { 200: jsonResponse(StatedResponseTimesSchema, "Statements"), ...standardErrors },
  }),
};

export function promisesRoutes() {
  const r = createRouter();
  r.openapi(routes.keepRate, async (c) =>
    c.json(
      await service.keepRateReport(c.var.deps.db, c.var.principal!.orgId, c.req.valid("query")),
      200,
    ),
  );
  r.openapi(routes.list, async (c) =>
    c.json(
      {
        items: await service.listPromises(
          c.var.deps.db,
          c.var.principal!.orgId,
          c.req.valid("query"),
        ),
      },
      200,
    ),
  );
  r.openapi(routes.responseTimes, async (c) =>
    c.json(
      await service.responseTimesReport(
        c.var.deps.db,
        c.var.principal!.orgId,
        c.req.valid("query"),
      ),
      200,
    ),
  );
  r.openapi(routes.getStated, async (c) =>
    c.json(await service.getStatedResponseTimes(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  r.openapi(routes.putStated, async (c) =>
    c.json(
      await service.setStatedResponseTimes(
        c.var.deps.db,
        c.var.principal!.orgId,
        c.req.valid("json"),
      ),
      200,
    ),
  );
  return r;
}

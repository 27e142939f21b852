import { createRoute } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import { createRouter, jsonContent, standardErrors } from "../../http/openapi.ts";
import {
  OverviewQuerySchema,
  OverviewSchema,
  VolumeQuerySchema,
  VolumeSchema,
} from "./reports.schemas.ts";
import * as service from "./reports.service.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });

const volumeRoute = createRoute({
  method: "get",
  path: "/stats/volume",
  tags: ["reports"],
  summary: "Conversations per UTC day and channel (agents see their own)",
  middleware: [readers] as const,
  request: { query: VolumeQuerySchema },
  responses: { 200: { description: "Counts", ...jsonContent(VolumeSchema) }, ...standardErrors },
});

const overviewRoute = createRoute({
  method: "get",
  path: "/stats/overview",
  tags: ["reports"],
  summary:
    "Volume, mean predicted satisfaction, sentiment mix and signals per UTC day (agents see their own)",
  middleware: [readers] as const,
  request: { query: OverviewQuerySchema },
  responses: {
    200: { description: "The overview", ...jsonContent(OverviewSchema) },
    ...standardErrors,
  },
});

export function reportsRoutes() {
  const r = createRouter();
  r.openapi(volumeRoute, async (c) =>
    c.json(await service.volumeByDay(c.var.deps.db, c.var.principal!, c.req.valid("query")), 200),
  );
  r.openapi(overviewRoute, async (c) =>
    c.json(await service.overview(c.var.deps.db, c.var.principal!, c.req.valid("query")), 200),
  );
  return r;
}

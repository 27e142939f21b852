import { createRoute } from "@hono/zod-openapi";
import { requireAccess } from "../../http/auth.middleware.ts";
import { createRouter, jsonContent, standardErrors } from "../../http/openapi.ts";
import { recordAudit } from "../orgs/index.ts";
import { RetentionRunSchema, RetentionSettingsSchema } from "./retention.schemas.ts";
import * as service from "./retention.service.ts";

const leaders = requireAccess({ roles: ["admin", "leader"], scope: "admin" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });

const getRoute = createRoute({
  method: "get",
  path: "/settings/retention",
  tags: ["settings"],
  summary: "How long message text is kept (admin, leader)",
  middleware: [leaders] as const,
  responses: {
    200: { description: "Settings", ...jsonContent(RetentionSettingsSchema) },
    ...standardErrors,
  },
});

const putRoute = createRoute({
  method: "put",
  path: "/settings/retention",
  tags: ["settings"],
  summary: "Set how long message text is kept; analyses and reports stay (admin). Applied hourly",
  middleware: [admins] as const,
  request: { body: { required: true, ...jsonContent(RetentionSettingsSchema) } },
  responses: {
    200: { description: "Saved", ...jsonContent(RetentionSettingsSchema) },
    ...standardErrors,
  },
});

const applyRoute = createRoute({
  method: "post",
  path: "/settings/retention/apply",
  tags: ["settings"],
  summary: "Apply the retention period now instead of at the next hourly run (admin)",
  middleware: [admins] as const,
  responses: {
    200: { description: "What was removed", ...jsonContent(RetentionRunSchema) },
    ...standardErrors,
  },
});

export function retentionRoutes() {
  const r = createRouter();
  r.openapi(getRoute, async (c) =>
    c.json(await service.getRetentionSettings(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  r.openapi(putRoute, async (c) => {
    const { db } = c.var.deps;
    const principal = c.var.principal!;
    const saved = await service.updateRetentionSettings(db, principal.orgId, c.req.valid("json"));
    const target = { type: "organization", id: principal.orgId };
    await recordAudit(db, principal.orgId, principal, "retention.updated", target, saved);
    return c.json(saved, 200);
  });
  r.openapi(applyRoute, async (c) => {
    const { db } = c.var.deps;
    const principal = c.var.principal!;
    const { rawTextDays } = await service.getRetentionSettings(db, principal.orgId);
    const run = rawTextDays
      ? await service.applyRetention(db, principal.orgId, rawTextDays)
      : { messages: 0, conversations: 0 };
    const target = { type: "organization", id: principal.orgId };
    await recordAudit(db, principal.orgId, principal, "retention.applied", target, run);
    return c.json(run, 200);
  });
  return r;
}

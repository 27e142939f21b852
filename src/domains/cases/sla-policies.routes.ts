import { createRoute, z } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import {
  createRouter,
  ErrorResponseSchema,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import { previewPolicyOnCases } from "./policy-preview.service.ts";
import {
  PreviewBodySchema,
  PreviewCasesBodySchema,
  PreviewCasesSchema,
  PreviewSchema,
  SlaPolicyBodySchema,
  SlaPolicyPatchSchema,
  SlaPolicySchema,
} from "./sla-policies.schemas.ts";
import * as policies from "./sla-policies.service.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const planners = requireAccess({ roles: ["admin", "leader"], scope: "read" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });
const overlap = {
  description:
    "Name taken, position taken, or a precedence overlap (a policy that could never apply)",
  content: { "application/json": { schema: ErrorResponseSchema } },
};

const routes = {
  list: createRoute({
    method: "get",
    path: "/sla-policies",
    tags: ["sla"],
    summary: "SLA policies in precedence order (the first that matches a case applies)",
    middleware: [readers] as const,
    responses: {
      200: jsonResponse(z.object({ items: z.array(SlaPolicySchema) }), "The policies"),
      ...standardErrors,
    },
  }),
  create: createRoute({
    method: "post",
    path: "/sla-policies",
    tags: ["sla"],
    summary: "Create a policy: business-hours calendar, holidays, targets in business minutes",
    middleware: [admins] as const,
    request: jsonBody(SlaPolicyBodySchema),
    responses: {
      201: jsonResponse(SlaPolicySchema, "The policy"),
      409: overlap,
      ...standardErrors,
    },
  }),
  update: createRoute({
    method: "patch",
    path: "/sla-policies/{id}",
    tags: ["sla"],
    summary: "Change a policy (open cases keep the snapshot they opened with)",
    middleware: [admins] as const,
    request: { params: UuidParamSchema, ...jsonBody(SlaPolicyPatchSchema) },
    responses: {
      200: jsonResponse(SlaPolicySchema, "The policy"),
      409: overlap,
      ...standardErrors,
    },
  }),
  remove: createRoute({
    method: "delete",
    path: "/sla-policies/{id}",
    tags: ["sla"],
    summary: "Delete a policy",
    middleware: [admins] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Deleted" }, ...standardErrors },
  }),
  preview: createRoute({
    method: "post",
    path: "/sla-policies/{id}/preview",
    tags: ["sla"],
    summary: "Due times for a case opened at `openedAt` under this policy",
    middleware: [planners] as const,
    request: { params: UuidParamSchema, ...jsonBody(PreviewBodySchema) },
    responses: { 200: jsonResponse(PreviewSchema, "Due instants, ISO-8601"), ...standardErrors },
  }),
  previewCases: createRoute({
    method: "post",
    path: "/sla-policies/preview-cases",
    tags: ["sla"],
    summary: "A draft policy or calendar against real open cases, before saving it",
    middleware: [planners] as const,
    request: jsonBody(PreviewCasesBodySchema),
    responses: {
      200: jsonResponse(PreviewCasesSchema, "Current and proposed due times"),
      ...standardErrors,
    },
  }),
};

export function slaPoliciesRoutes() {
  const r = createRouter();
  r.openapi(routes.list, async (c) =>
    c.json({ items: await policies.listSlaPolicies(c.var.deps.db, c.var.principal!.orgId) }, 200),
  );
  r.openapi(routes.create, async (c) =>
    c.json(
      await policies.createSlaPolicy(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")),
      201,
    ),
  );
  r.openapi(routes.update, async (c) => {
    const { id } = c.req.valid("param");
    const orgId = c.var.principal!.orgId;
    return c.json(
      await policies.updateSlaPolicy(c.var.deps.db, orgId, id, c.req.valid("json")),
      200,
    );
  });
  r.openapi(routes.remove, async (c) => {
    await policies.deleteSlaPolicy(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id);
    return c.body(null, 204);
  });
  r.openapi(routes.preview, async (c) => {
    const { id } = c.req.valid("param");
    const openedAt = new Date(c.req.valid("json").openedAt);
    const orgId = c.var.principal!.orgId;
    return c.json(await policies.previewSlaPolicy(c.var.deps.db, orgId, id, openedAt), 200);
  });
  r.openapi(routes.previewCases, async (c) => {
    const { limit, ...draft } = c.req.valid("json");
    const orgId = c.var.principal!.orgId;
    return c.json(await previewPolicyOnCases(c.var.deps.db, orgId, draft, limit), 200);
  });
  return r;
}

import { createRoute, z } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import {
  createRouter,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import {
  CreateRewriteBodySchema,
  CreateRuleBodySchema,
  PatchRewriteBodySchema,
  PatchRuleBodySchema,
  RewriteListSchema,
  RewriteSchema,
  RuleReportSchema,
  RuleSchema,
} from "./assist.schemas.ts";
import * as lib from "./library.service.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const owners = requireAccess({ roles: ["admin", "leader"], scope: "write" });
const RuleListSchema = z.object({ items: z.array(RuleSchema) }).openapi("AssistRuleList");

const routes = {
  rewrites: createRoute({
    method: "get",
    path: "/assist/rewrites",
    tags: ["assist"],
    summary: "The rewrite library (the curated one until the org has its own)",
    middleware: [readers] as const,
    responses: { 200: jsonResponse(RewriteListSchema, "Patterns by signal"), ...standardErrors },
  }),
  adopt: createRoute({
    method: "post",
    path: "/assist/rewrites/curated",
    tags: ["assist"],
    summary: "Copy the curated library into the org to edit it (only when it has none)",
    middleware: [owners] as const,
    responses: { 201: jsonResponse(RewriteListSchema, "The org's library"), ...standardErrors },
  }),
  createRewrite: createRoute({
    method: "post",
    path: "/assist/rewrites",
    tags: ["assist"],
    summary: "Add a rewrite pattern",
    middleware: [owners] as const,
    request: jsonBody(CreateRewriteBodySchema),
    responses: { 201: jsonResponse(RewriteSchema, "The pattern"), ...standardErrors },
  }),
  patchRewrite: createRoute({
    method: "patch",
    path: "/assist/rewrites/{id}",
    tags: ["assist"],
    summary: "Edit a rewrite pattern",
    middleware: [owners] as const,
    request: { params: UuidParamSchema, ...jsonBody(PatchRewriteBodySchema) },
    responses: { 200: jsonResponse(RewriteSchema, "The pattern"), ...standardErrors },
  }),
  deleteRewrite: createRoute({
    method: "delete",
    path: "/assist/rewrites/{id}",
    tags: ["assist"],
    summary: "Delete a rewrite pattern",
    middleware: [owners] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Deleted" }, ...standardErrors },
  }),
  rules: createRoute({
    method: "get",
    path: "/assist/rules",
    tags: ["assist"],
    summary: "Next-best-action and offer rules, by priority",
    middleware: [readers] as const,
    responses: { 200: jsonResponse(RuleListSchema, "The rules"), ...standardErrors },
  }),
  createRule: createRoute({
    method: "post",
    path: "/assist/rules",
    tags: ["assist"],
    summary: "Add a rule (all conditions must hold for it to fire)",
    middleware: [owners] as const,
    request: jsonBody(CreateRuleBodySchema),
    responses: { 201: jsonResponse(RuleSchema, "The rule"), ...standardErrors },
  }),
  patchRule: createRoute({
    method: "patch",
    path: "/assist/rules/{id}",
    tags: ["assist"],
    summary: "Edit a rule",
    middleware: [owners] as const,
    request: { params: UuidParamSchema, ...jsonBody(PatchRuleBodySchema) },
    responses: { 200: jsonResponse(RuleSchema, "The rule"), ...standardErrors },
  }),
  deleteRule: createRoute({
    method: "delete",
    path: "/assist/rules/{id}",
    tags: ["assist"],
    summary: "Delete a rule",
    middleware: [owners] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Deleted" }, ...standardErrors },
  }),
  report: createRoute({
    method: "get",
    path: "/assist/rules/report",
    tags: ["assist"],
    summary:
      "Per rule: how often agents used or dismissed it, and the outcome (satisfaction, resolution)",
    middleware: [readers] as const,
    responses: { 200: jsonResponse(RuleReportSchema, "Every rule"), ...standardErrors },
  }),
};

export function assistLibraryRoutes() {
  const r = createRouter();
  const org = (c: { var: { principal?: { orgId: string } | null } }) => c.var.principal!.orgId;
  r.openapi(routes.rewrites, async (c) =>
    c.json(await lib.listRewriteViews(c.var.deps.db, org(c)), 200),
  );
  r.openapi(routes.adopt, async (c) =>
    c.json(await lib.adoptCuratedRewrites(c.var.deps.db, org(c)), 201),
  );
  r.openapi(routes.createRewrite, async (c) =>
    c.json(await lib.createRewrite(c.var.deps.db, org(c), c.req.valid("json")), 201),
  );
  r.openapi(routes.patchRewrite, async (c) =>
    c.json(
      await lib.patchRewrite(c.var.deps.db, org(c), c.req.valid("param").id, c.req.valid("json")),
      200,
    ),
  );
  r.openapi(routes.deleteRewrite, async (c) => {
    await lib.removeRewrite(c.var.deps.db, org(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
  r.openapi(routes.report, async (c) =>
    c.json(await lib.reportRuleOutcomes(c.var.deps.db, org(c)), 200),
  );
  r.openapi(routes.rules, async (c) => c.json(await lib.listRuleViews(c.var.deps.db, org(c)), 200));
  r.openapi(routes.createRule, async (c) =>
    c.json(await lib.createRule(c.var.deps.db, org(c), c.req.valid("json")), 201),
  );
  r.openapi(routes.patchRule, async (c) =>
    c.json(
      await lib.patchRule(c.var.deps.db, org(c), c.req.valid("param").id, c.req.valid("json")),
      200,
    ),
  );
  r.openapi(routes.deleteRule, async (c) => {
    await lib.removeRule(c.var.deps.db, org(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
  return r;
}

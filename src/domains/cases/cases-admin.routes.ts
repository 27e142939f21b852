import { createRoute, z } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import {
  createRouter,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import { ROLES } from "../../db/schema/index.ts";
import {
  AUTHORITY_OPTIONS,
  listAuthorityLimits,
  replaceAuthorityLimits,
} from "./authority.service.ts";
import { complianceReport, operationsReport } from "./case-reports.service.ts";
import { searchReviews } from "./case-reviews.repo.ts";
import { listMyNotifications } from "./notifications.service.ts";
import * as rootCauses from "./root-causes.service.ts";

/** The cases domain's settings and reports: root causes, authority limits, notifications, reports. */

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const analysts = requireAccess({ roles: ["admin", "leader", "qa", "exec"], scope: "read" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });
const people = requireAccess({ roles: ALL_ROLES });
const Any = z.record(z.string(), z.unknown());

const RootCauseSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    label: z.string(),
    parentId: z.string().nullable(),
    active: z.boolean(),
  })
  .openapi("RootCause");
const RootCauseBodySchema = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, "lower-case letters, digits, . _ -"),
    label: z.string().trim().min(1).max(200),
    parentId: z.uuid().nullable().optional(),
    active: z.boolean().optional(),
  })
  .openapi("RootCauseBody");
const LimitSchema = z.strictObject({
  role: z.enum(ROLES),
  teamId: z.uuid().nullable().default(null),
  option: z.enum(AUTHORITY_OPTIONS),
  maxAmount: z.number().min(0).max(1_000_000_000),
});
const LimitsSchema = z.object({ limits: z.array(LimitSchema).max(200) }).openapi("AuthorityLimits");
/** Report dates: ISO days within years PostgreSQL and JavaScript both hold without surprise. */
const DateQuery = z.iso
  .date()
  .refine((d) => d >= "1970-01-01" && d <= "2999-12-31", "a date between 1970 and 2999")
  .optional();
const ReportQuery = z.object({
  by: z.enum(["team", "channel", "category"]).default("team"),
  from: DateQuery,
  to: DateQuery,
});

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags: ["cases"], ...r });
const routes = {
  listRootCauses: route({
    method: "get",
    path: "/root-causes",
    summary: "The root-cause taxonomy",
    middleware: [readers] as const,
    responses: {
      200: jsonResponse(z.object({ items: z.array(RootCauseSchema) }), "Codes"),
      ...standardErrors,
    },
  }),
  createRootCause: route({
    method: "post",
    path: "/root-causes",
    summary: "Add a root-cause code (admin)",
    middleware: [admins] as const,
    request: jsonBody(RootCauseBodySchema),
    responses: { 201: jsonResponse(RootCauseSchema, "The code"), ...standardErrors },
  }),
  updateRootCause: route({
    method: "patch",
    path: "/root-causes/{id}",
    summary: "Rename, move or retire a root-cause code (admin)",
    middleware: [admins] as const,
    request: { params: UuidParamSchema, ...jsonBody(RootCauseBodySchema.partial()) },
    responses: { 200: jsonResponse(RootCauseSchema, "The code"), ...standardErrors },
  }),
  trends: route({
    method: "get",
    path: "/root-causes/trends",
    summary: "Complaint volume per root cause per week, with spike alerts",
    middleware: [analysts] as const,
    responses: {
      200: jsonResponse(z.object({ items: z.array(Any) }), "Weekly series"),
      ...standardErrors,
    },
  }),
  getLimits: route({
    method: "get",
    path: "/authority-limits",
    summary: "What each role (and team) may grant without approval",
    middleware: [readers] as const,
    responses: { 200: jsonResponse(LimitsSchema, "The limits"), ...standardErrors },
  }),
  putLimits: route({
    method: "put",
    path: "/authority-limits",
    summary: "Replace the authority limits (admin)",
    middleware: [admins] as const,
    request: jsonBody(LimitsSchema),
    responses: { 200: jsonResponse(LimitsSchema, "The limits"), ...standardErrors },
  }),
  notifications: route({
    method: "get",
    path: "/notifications",
    summary: "My case notifications, newest first",
    middleware: [people] as const,
    responses: {
      200: jsonResponse(z.object({ items: z.array(Any) }), "Notifications"),
      ...standardErrors,
    },
  }),
  reviews: route({
    method: "get",
    path: "/case-reviews",
    summary: "Lessons-learned reviews, searchable",
    middleware: [readers] as const,
    request: { query: z.object({ q: z.string().trim().min(1).max(200).optional() }) },
    responses: {
      200: jsonResponse(z.object({ items: z.array(Any) }), "Reviews"),
      ...standardErrors,
    },
  }),
  compliance: route({
    method: "get",
    path: "/case-reports/compliance",
    summary: "SLA compliance by team, channel or category",
    middleware: [analysts] as const,
    request: { query: ReportQuery },
    responses: { 200: jsonResponse(Any, "Compliance rows"), ...standardErrors },
  }),
  operations: route({
    method: "get",
    path: "/case-reports/operations",
    summary:
      "Time-to-response and resolution distributions, backlog ageing, breaches, authority use",
    middleware: [analysts] as const,
    request: { query: ReportQuery.pick({ from: true }) },
    responses: { 200: jsonResponse(Any, "Report"), ...standardErrors },
  }),
};

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

export function casesAdminRoutes() {
  const r = createRouter();
  const org = (c: { var: { principal: { orgId: string } | null } }) => c.var.principal!.orgId;
  r.openapi(routes.listRootCauses, async (c) =>
    c.json({ items: await rootCauses.listRootCauses(c.var.deps.db, org(c)) }, 200),
  );
  r.openapi(routes.createRootCause, async (c) =>
    c.json(await rootCauses.createRootCause(c.var.deps.db, org(c), c.req.valid("json")), 201),
  );
  r.openapi(routes.updateRootCause, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(
      await rootCauses.updateRootCause(c.var.deps.db, org(c), id, c.req.valid("json")),
      200,
    );
  });
  r.openapi(routes.trends, async (c) =>
    c.json(await rootCauses.rootCauseTrends(c.var.deps.db, org(c)), 200),
  );
  r.openapi(routes.getLimits, async (c) =>
    c.json({ limits: await listAuthorityLimits(c.var.deps.db, org(c)) }, 200),
  );
  r.openapi(routes.putLimits, async (c) => {
    const { limits } = c.req.valid("json");
    return c.json({ limits: await replaceAuthorityLimits(c.var.deps.db, org(c), limits) }, 200);
  });
  r.openapi(routes.notifications, async (c) => {
    const p = c.var.principal!;
    const userId = p.kind === "session" ? p.userId : "";
    return c.json({ items: await listMyNotifications(c.var.deps.db, p.orgId, userId) }, 200);
  });
  r.openapi(routes.reviews, async (c) => {
    const rows = await searchReviews(c.var.deps.db, org(c), c.req.valid("query").q);
    return c.json(
      {
        items: rows.map((v) => ({
          ...v,
          createdAt: v.createdAt.toISOString(),
          updatedAt: v.updatedAt.toISOString(),
        })),
      },
      200,
    );
  });
  r.openapi(routes.compliance, async (c) => {
    const q = c.req.valid("query");
    const from = q.from ? new Date(q.from) : daysAgo(365);
    const to = q.to ? new Date(q.to) : new Date();
    return c.json(await complianceReport(c.var.deps.db, org(c), q.by, from, to), 200);
  });
  r.openapi(routes.operations, async (c) => {
    const q = c.req.valid("query");
    return c.json(
      await operationsReport(c.var.deps.db, org(c), q.from ? new Date(q.from) : daysAgo(90)),
      200,
    );
  });
  return r;
}

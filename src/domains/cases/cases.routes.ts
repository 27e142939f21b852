import { createRoute, z } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import type { Principal } from "../../http/context.ts";
import {
  createRouter,
  ErrorResponseSchema,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import { AUTHORITY_OPTIONS, decideApproval, useAuthority } from "./authority.service.ts";
import * as updates from "./case-updates.service.ts";
import {
  CaseDetailSchema,
  CaseListQuerySchema,
  CaseListSchema,
  CaseSchema,
  CreateCaseBodySchema,
  MilestoneBodySchema,
  NoteBodySchema,
  PatchCaseBodySchema,
  ResponseBodySchema,
  ReviewBodySchema,
} from "./cases.schemas.ts";
import { checkCaseRefs, listCases, openCase, toCaseView } from "./cases.service.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const handlers = requireAccess({ roles: ["admin", "leader", "agent", "exec"], scope: "write" });
const approvers = requireAccess({ roles: ["admin", "leader", "exec"], scope: "write" });
const conflict = {
  description: "Stale version or a transition the workflow does not allow",
  content: { "application/json": { schema: ErrorResponseSchema } },
};

export const userOf = (p: Principal) => (p.kind === "session" ? p.userId : null);

const AuthorityBodySchema = z
  .strictObject({
    option: z.enum(AUTHORITY_OPTIONS),
    /** What the option is worth to the customer: a refund, credit or waiver of nothing is no use. */
    amount: z.number().positive().max(1_000_000_000),
    reason: z.string().trim().min(1).max(2000),
  })
  .openapi("AuthorityBody");
const AuthorityResultSchema = z
  .object({
    outcome: z.enum(["applied", "approval_requested"]),
    limit: z.number().nullable(),
    eventSeq: z.number().int(),
    case: CaseSchema,
  })
  .openapi("AuthorityResult");
const ApprovalParamSchema = UuidParamSchema.extend({
  seq: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "seq", in: "path" } }),
});

const routes = {
  list: createRoute({
    method: "get",
    path: "/cases",
    tags: ["cases"],
    summary: "Cases, newest first; filter by conversation, signed reference, status or level",
    middleware: [readers] as const,
    request: { query: CaseListQuerySchema },
    responses: { 200: jsonResponse(CaseListSchema, "A page of cases"), ...standardErrors },
  }),
  create: createRoute({
    method: "post",
    path: "/cases",
    tags: ["cases"],
    summary: "Open a case by hand",
    middleware: [handlers] as const,
    request: jsonBody(CreateCaseBodySchema),
    responses: { 201: jsonResponse(CaseSchema, "The new case"), ...standardErrors },
  }),
  get: createRoute({
    method: "get",
    path: "/cases/{id}",
    tags: ["cases"],
    summary: "A case with its clocks (running and paused segments), history and review",
    middleware: [readers] as const,
    request: { params: UuidParamSchema },
    responses: { 200: jsonResponse(CaseDetailSchema, "The case"), ...standardErrors },
  }),
  patch: createRoute({
    method: "patch",
    path: "/cases/{id}",
    tags: ["cases"],
    summary: "Change a case; `version` must be the one you read (409 otherwise, nothing changed)",
    middleware: [handlers] as const,
    request: { params: UuidParamSchema, ...jsonBody(PatchCaseBodySchema) },
    responses: {
      200: jsonResponse(CaseSchema, "The updated case"),
      409: conflict,
      ...standardErrors,
    },
  }),
  note: createRoute({
    method: "post",
    path: "/cases/{id}/notes",
    tags: ["cases"],
    summary: "Add an internal note",
    middleware: [handlers] as const,
    request: { params: UuidParamSchema, ...jsonBody(NoteBodySchema) },
    responses: { 201: jsonResponse(CaseSchema, "The case"), ...standardErrors },
  }),
  respond: createRoute({
    method: "post",
    path: "/cases/{id}/responses",
    tags: ["cases"],
    summary: "Record a response to the customer (stops the first-response clock)",
    middleware: [handlers] as const,
    request: { params: UuidParamSchema, ...jsonBody(ResponseBodySchema) },
    responses: { 201: jsonResponse(CaseSchema, "The case"), ...standardErrors },
  }),
  milestone: createRoute({
    method: "post",
    path: "/cases/{id}/milestones",
    tags: ["cases"],
    summary:
      "Record a regulatory milestone (acknowledgement, summary resolution, holding reply, final response)",
    middleware: [handlers] as const,
    request: { params: UuidParamSchema, ...jsonBody(MilestoneBodySchema) },
    responses: { 201: jsonResponse(CaseSchema, "The case"), ...standardErrors },
  }),
  authority: createRoute({
    method: "post",
    path: "/cases/{id}/authority",
    tags: ["cases"],
    summary: "Apply a resolution option within your limit, or request approval above it",
    middleware: [handlers] as const,
    request: { params: UuidParamSchema, ...jsonBody(AuthorityBodySchema) },
    responses: {
      201: jsonResponse(AuthorityResultSchema, "Applied or requested"),
      ...standardErrors,
    },
  }),
  decide: createRoute({
    method: "post",
    path: "/cases/{id}/approvals/{seq}",
    tags: ["cases"],
    summary: "Approve or refuse an approval request (by its event's seq)",
    middleware: [approvers] as const,
    request: {
      params: ApprovalParamSchema,
      ...jsonBody(z.strictObject({ approved: z.boolean() }).openapi("ApprovalDecisionBody")),
    },
    responses: { 200: jsonResponse(CaseSchema, "The case"), 409: conflict, ...standardErrors },
  }),
  review: createRoute({
    method: "put",
    path: "/cases/{id}/review",
    tags: ["cases"],
    summary:
      "Record the lessons-learned review (asked for before closing a severe or breached case)",
    middleware: [handlers] as const,
    request: { params: UuidParamSchema, ...jsonBody(ReviewBodySchema) },
    responses: { 200: jsonResponse(CaseDetailSchema, "The case"), ...standardErrors },
  }),
};

export function casesRoutes() {
  const r = createRouter();
  r.openapi(routes.list, async (c) => {
    const p = c.var.principal!;
    return c.json(await listCases(c.var.deps.db, p.orgId, c.req.valid("query")), 200);
  });
  r.openapi(routes.create, async (c) => {
    const p = c.var.principal!;
    const b = c.req.valid("json");
    await checkCaseRefs(c.var.deps.db, p.orgId, b);
    const row = await openCase(c.var.deps.db, p.orgId, {
      ...b,
      source: "manual",
      openedAt: b.openedAt ? new Date(b.openedAt) : new Date(),
      actorUserId: userOf(p),
    });
    return c.json(toCaseView(row!), 201);
  });
  r.openapi(routes.get, async (c) => {
    const p = c.var.principal!;
    return c.json(
      await updates.getCaseDetail(c.var.deps.db, p.orgId, c.req.valid("param").id),
      200,
    );
  });
  r.openapi(routes.patch, async (c) => {
    const p = c.var.principal!;
    const { id } = c.req.valid("param");
    return c.json(
      await updates.updateCase(c.var.deps.db, p.orgId, userOf(p), id, c.req.valid("json")),
      200,
    );
  });
  r.openapi(routes.note, async (c) => {
    const p = c.var.principal!;
    const { id } = c.req.valid("param");
    return c.json(
      await updates.addNote(c.var.deps.db, p.orgId, userOf(p), id, c.req.valid("json").text),
      201,
    );
  });
  r.openapi(routes.respond, async (c) => {
    const p = c.var.principal!;
    const { at } = c.req.valid("json");
    const { id } = c.req.valid("param");
    const when = at ? new Date(at) : new Date();
    return c.json(await updates.recordResponse(c.var.deps.db, p.orgId, userOf(p), id, when), 201);
  });
  r.openapi(routes.milestone, async (c) => {
    const p = c.var.principal!;
    const { milestone, at } = c.req.valid("json");
    const { id } = c.req.valid("param");
    const when = at ? new Date(at) : new Date();
    return c.json(
      await updates.recordMilestone(c.var.deps.db, p.orgId, userOf(p), id, milestone, when),
      201,
    );
  });
  r.openapi(routes.authority, async (c) => {
    const p = c.var.principal!;
    const { id } = c.req.valid("param");
    return c.json(
      await useAuthority(c.var.deps.db, p.orgId, userOf(p), id, c.req.valid("json")),
      201,
    );
  });
  r.openapi(routes.decide, async (c) => {
    const p = c.var.principal!;
    const { id, seq } = c.req.valid("param");
    const { approved } = c.req.valid("json");
    return c.json(await decideApproval(c.var.deps.db, p.orgId, userOf(p), id, seq, approved), 200);
  });
  r.openapi(routes.review, async (c) => {
    const p = c.var.principal!;
    const { id } = c.req.valid("param");
    return c.json(
      await updates.recordReview(c.var.deps.db, p.orgId, userOf(p), id, c.req.valid("json")),
      200,
    );
  });
  return r;
}

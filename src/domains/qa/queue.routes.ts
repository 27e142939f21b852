import { createRoute, z } from "@hono/zod-openapi";
import { requireAccess } from "../../http/auth.middleware.ts";
import {
  conflictError,
  createRouter,
  jsonBody,
  jsonContent,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import { claimReview, releaseReview } from "./claims.service.ts";
import { assignReview, assignReviewsInBulk } from "./handout.service.ts";
import {
  AssignReviewBodySchema,
  BulkAssignBodySchema,
  BulkAssignResultSchema,
  ClaimFields,
  ClaimSchema,
  MAX_BULK_IDS,
  QaSettingsBodySchema,
  QaSettingsSchema,
} from "./qa.schemas.ts";
import { listReviewQueue } from "./queue.service.ts";
import { getQaSettings, updateQaSettings } from "./settings.service.ts";

/** The review queue: what waits for review, who claimed it, and handing it out. */
const reviewersRead = requireAccess({ roles: ["admin", "leader", "qa"], scope: "read" });
const leaders = requireAccess({ roles: ["admin", "leader"], scope: "write" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });
/** Claims belong to a person: no API keys. */
const reviewersInPerson = requireAccess({ roles: ["admin", "leader", "qa"] });
const errors = { ...standardErrors, ...conflictError };

const QueueSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        conversationId: z.string(),
        reason: z.string(),
        agent: z.object({ id: z.string(), name: z.string() }).nullable(),
        teamId: z.string().nullable(),
        channel: z.string(),
        startedAt: z.string(),
        subject: z.string().nullable(),
        /** The customer's first message (else the first message), up to 160 characters. */
        preview: z.string().nullable(),
        autoScore: z.number().nullable(),
        ...ClaimFields,
      }),
    ),
    /** The next page's cursor; null on the last page. */
    nextCursor: z.string().nullable(),
    /** The whole queue (not only this page), per reason, largest first. */
    waiting: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  })
  .openapi("QaReviewQueue");

const QueueQuerySchema = z.object({
  teamId: z.uuid().optional(),
  reason: z
    .string()
    .regex(/^[a-z_]{1,40}$/, "must be a review reason such as complaint")
    .optional(),
  contactReasonId: z.uuid().optional().openapi({
    description: "Only conversations of this contact reason (insights); `waiting` counts them too",
  }),
  agentId: z.uuid().optional().openapi({ description: "Only this agent's conversations" }),
  assignee: z.enum(["me", "unclaimed"]).optional().openapi({
    description: "Only those the caller claimed, or those nobody has claimed",
  }),
  sort: z.enum(["newest", "score"]).default("newest").openapi({
    description:
      "newest conversations first, or lowest automatic score first (unscored last); ties newest first. A cursor serves only the order it came from",
  }),
  limit: z.coerce.number().int().min(1).max(200).default(200),
  cursor: z.string().max(200).optional(),
});

type Spec = Parameters<typeof createRoute>[0];
const route = <S extends Spec>(s: S) => createRoute({ tags: ["qa"], ...s });

const routes = {
  queue: route({
    method: "get",
    path: "/qa/queue",
    summary: "Conversations waiting for review, picked by the assignment rules",
    middleware: [reviewersRead] as const,
    request: { query: QueueQuerySchema },
    responses: { 200: { description: "Queue", ...jsonContent(QueueSchema) }, ...standardErrors },
  }),
  claim: route({
    method: "post",
    path: "/qa/queue/{id}/claim",
    summary:
      "Claim a queued conversation for review, so that nobody else reviews it (409 if taken)",
    middleware: [reviewersInPerson] as const,
    request: { params: UuidParamSchema },
    responses: { 200: { description: "Claimed", ...jsonContent(ClaimSchema) }, ...errors },
  }),
  release: route({
    method: "delete",
    path: "/qa/queue/{id}/claim",
    summary: "Give a claimed conversation back to the queue (its reviewer, a leader or an admin)",
    middleware: [reviewersInPerson] as const,
    request: { params: UuidParamSchema },
    responses: { 200: { description: "Released", ...jsonContent(ClaimSchema) }, ...errors },
  }),
  assign: route({
    method: "put",
    path: "/qa/queue/{id}/assignee",
    summary:
      "Hand a queued conversation to a named reviewer, or back to the queue (leaders and admins)",
    middleware: [leaders] as const,
    request: { params: UuidParamSchema, ...jsonBody(AssignReviewBodySchema) },
    responses: { 200: { description: "Assigned", ...jsonContent(ClaimSchema) }, ...errors },
  }),
  assignMany: route({
    method: "post",
    path: "/qa/queue/assignments",
    summary: `Hand up to ${MAX_BULK_IDS} queued conversations to a reviewer, back to the queue, or spread evenly among reviewers (leaders and admins); an outcome per id`,
    middleware: [leaders] as const,
    request: jsonBody(BulkAssignBodySchema),
    responses: {
      200: { description: "One outcome per id, in order", ...jsonContent(BulkAssignResultSchema) },
      ...errors,
    },
  }),
  settings: route({
    method: "get",
    path: "/qa/settings",
    summary: "The organization's QA settings: how long claims last, the agreement threshold",
    middleware: [reviewersRead] as const,
    responses: {
      200: { description: "Settings", ...jsonContent(QaSettingsSchema) },
      ...standardErrors,
    },
  }),
  saveSettings: route({
    method: "put",
    path: "/qa/settings",
    summary:
      "Set how many hours a reviewer's own claim lasts without a review; 0 or null: never (admin)",
    middleware: [admins] as const,
    request: jsonBody(QaSettingsBodySchema),
    responses: {
      200: { description: "Saved", ...jsonContent(QaSettingsSchema) },
      ...standardErrors,
    },
  }),
};

export function queueRoutes() {
  const r = createRouter();
  r.openapi(routes.queue, async (c) =>
    c.json(await listReviewQueue(c.var.deps.db, c.var.principal!, c.req.valid("query")), 200),
  );
  r.openapi(routes.claim, async (c) =>
    c.json(await claimReview(c.var.deps.db, c.var.principal!, c.req.valid("param").id), 200),
  );
  r.openapi(routes.release, async (c) =>
    c.json(await releaseReview(c.var.deps.db, c.var.principal!, c.req.valid("param").id), 200),
  );
  r.openapi(routes.assign, async (c) =>
    c.json(
      await assignReview(
        c.var.deps,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("json").userId,
      ),
      200,
    ),
  );
  r.openapi(routes.assignMany, async (c) =>
    c.json(await assignReviewsInBulk(c.var.deps, c.var.principal!, c.req.valid("json")), 200),
  );
  r.openapi(routes.settings, async (c) =>
    c.json(await getQaSettings(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  r.openapi(routes.saveSettings, async (c) =>
    c.json(await updateQaSettings(c.var.deps.db, c.var.principal!, c.req.valid("json")), 200),
  );
  return r;
}

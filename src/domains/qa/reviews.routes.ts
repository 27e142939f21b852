import { createRoute, z } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import {
  conflictError,
  createRouter,
  jsonBody,
  jsonContent,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import * as calibration from "./calibration.service.ts";
import * as disputes from "./disputes.service.ts";
import * as evaluations from "./evaluations.service.ts";
import * as insights from "./insights.service.ts";
import {
  CalibrationListSchema,
  CoachingBodySchema,
  CreateCalibrationBodySchema,
  ListCalibrationsQuerySchema,
  ReportQuerySchema,
  DisputeBodySchema,
  DisputeListSchema,
  DisputeSchema,
  EvaluationSchema,
  HumanAnswerInputSchema,
  ResolveDisputeBodySchema,
  SubmitReviewBodySchema,
} from "./qa.schemas.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const reviewersRead = requireAccess({ roles: ["admin", "leader", "qa"], scope: "read" });
const reviewersWrite = requireAccess({ roles: ["admin", "leader", "qa"], scope: "write" });
const leaders = requireAccess({ roles: ["admin", "leader"], scope: "write" });
/** Only the evaluated agent acts on their evaluation, in person: no API keys. */
const agentsOnly = requireAccess({ roles: ["agent"] });
const errors = { ...standardErrors, ...conflictError };
const Loose = z.record(z.string(), z.unknown());

const CoachingNoteSchema = z
  .object({
    id: z.string(),
    evaluationId: z.string(),
    /** The evaluated conversation, so a note links to what it is about. */
    conversationId: z.string(),
    agentId: z.string(),
    agent: z.object({ id: z.string(), name: z.string() }),
    authorUserId: z.string(),
    /** Null when the author's account is gone. */
    authorName: z.string().nullable(),
    messageIds: z.array(z.string()),
    goal: z.string(),
    note: z.string(),
    followUpOn: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("QaCoachingNote");

const CoachingListSchema = z
  .object({
    items: z.array(CoachingNoteSchema),
    /** The next page's cursor; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .openapi("QaCoachingNotes");

const CoachingQuerySchema = z.object({
  agentId: z.uuid().optional().openapi({ description: "Only this agent's notes" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

const CalibrationReviewBodySchema = z
  .strictObject({
    conversationId: z.uuid(),
    answers: z.array(HumanAnswerInputSchema).min(1).max(100),
  })
  .openapi("QaCalibrationReview");

type Spec = Parameters<typeof createRoute>[0];
const route = <S extends Spec>(s: S) => createRoute({ tags: ["qa"], ...s });

const routes = {
  submitReview: route({
    method: "post",
    path: "/conversations/{id}/qa/reviews",
    summary: "Submit a review: the automatic answers corrected where the reviewer disagrees",
    middleware: [reviewersWrite] as const,
    request: { params: UuidParamSchema, ...jsonBody(SubmitReviewBodySchema) },
    responses: { 201: { description: "Submitted", ...jsonContent(EvaluationSchema) }, ...errors },
  }),
  evaluation: route({
    method: "get",
    path: "/qa/evaluations/{id}",
    summary: "One evaluation (agents: their own)",
    middleware: [readers] as const,
    request: { params: UuidParamSchema },
    responses: {
      200: { description: "Evaluation", ...jsonContent(EvaluationSchema) },
      ...standardErrors,
    },
  }),
  acknowledge: route({
    method: "post",
    path: "/qa/evaluations/{id}/acknowledge",
    summary: "The evaluated agent acknowledges an evaluation",
    middleware: [agentsOnly] as const,
    request: { params: UuidParamSchema },
    responses: {
      200: { description: "Acknowledged", ...jsonContent(EvaluationSchema) },
      ...errors,
    },
  }),
  dispute: route({
    method: "post",
    path: "/qa/evaluations/{id}/disputes",
    summary: "The evaluated agent disputes an evaluation or some answers, with a reason",
    middleware: [agentsOnly] as const,
    request: { params: UuidParamSchema, ...jsonBody(DisputeBodySchema) },
    responses: { 201: { description: "Disputed", ...jsonContent(DisputeSchema) }, ...errors },
  }),
  coaching: route({
    method: "post",
    path: "/qa/evaluations/{id}/coaching",
    summary: "Turn an evaluation into a coaching note for the agent",
    middleware: [reviewersWrite] as const,
    request: { params: UuidParamSchema, ...jsonBody(CoachingBodySchema) },
    responses: { 201: { description: "Created", ...jsonContent(CoachingNoteSchema) }, ...errors },
  }),
  listCoaching: route({
    method: "get",
    path: "/qa/coaching",
    summary:
      "Coaching notes, newest first (agents: their own; leaders and QA with a team: the team's)",
    middleware: [readers] as const,
    request: { query: CoachingQuerySchema },
    responses: {
      200: { description: "Notes", ...jsonContent(CoachingListSchema) },
      ...standardErrors,
    },
  }),
  listDisputes: route({
    method: "get",
    path: "/qa/disputes",
    summary: "Disputes, open first (agents: their own)",
    middleware: [readers] as const,
    responses: {
      200: { description: "Disputes", ...jsonContent(DisputeListSchema) },
      ...standardErrors,
    },
  }),
  resolve: route({
    method: "post",
    path: "/qa/disputes/{id}/resolve",
    summary: "A leader other than the reviewer upholds, partly accepts or overturns a dispute",
    middleware: [leaders] as const,
    request: { params: UuidParamSchema, ...jsonBody(ResolveDisputeBodySchema) },
    responses: { 200: { description: "Resolved", ...jsonContent(DisputeSchema) }, ...errors },
  }),
  createCalibration: route({
    method: "post",
    path: "/qa/calibrations",
    summary: "Put the same conversations blind to several reviewers",
    middleware: [reviewersWrite] as const,
    request: jsonBody(CreateCalibrationBodySchema),
    responses: { 201: { description: "Created", ...jsonContent(Loose) }, ...errors },
  }),
  listCalibrations: route({
    method: "get",
    path: "/qa/calibrations",
    summary: "Calibration sessions, newest first, a page at a time, with each reviewer's progress",
    middleware: [reviewersRead] as const,
    request: { query: ListCalibrationsQuerySchema },
    responses: {
      200: { description: "Sessions", ...jsonContent(CalibrationListSchema) },
      ...standardErrors,
    },
  }),
  getCalibration: route({
    method: "get",
    path: "/qa/calibrations/{id}",
    summary: "A session; the others' answers and the agreement once you have submitted",
    middleware: [reviewersRead] as const,
    request: { params: UuidParamSchema },
    responses: { 200: { description: "Session", ...jsonContent(Loose) }, ...standardErrors },
  }),
  calibrationReview: route({
    method: "post",
    path: "/qa/calibrations/{id}/reviews",
    summary: "A reviewer's blind answers for one conversation of a session",
    middleware: [reviewersWrite] as const,
    request: { params: UuidParamSchema, ...jsonBody(CalibrationReviewBodySchema) },
    responses: { 201: { description: "Submitted", ...jsonContent(EvaluationSchema) }, ...errors },
  }),
  report: route({
    method: "get",
    path: "/qa/reports/scores",
    summary: "QA scores by agent, team, channel, criterion or week, automatic and human apart",
    middleware: [readers] as const,
    request: { query: ReportQuerySchema },
    responses: { 200: { description: "Report", ...jsonContent(Loose) }, ...standardErrors },
  }),
  exportCsv: route({
    method: "get",
    path: "/qa/reports/export",
    summary: "Evaluations as CSV, one row per criterion answer",
    middleware: [readers] as const,
    request: { query: ReportQuerySchema },
    responses: {
      200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
      ...standardErrors,
    },
  }),
};

export function reviewsRoutes() {
  const r = createRouter();
  r.openapi(routes.submitReview, async (c) =>
    c.json(
      await evaluations.submitReview(
        c.var.deps.db,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      201,
    ),
  );
  r.openapi(routes.evaluation, async (c) =>
    c.json(
      evaluations.presentEvaluation(
        await evaluations.requireVisibleEvaluation(
          c.var.deps.db,
          c.var.principal!,
          c.req.valid("param").id,
        ),
      ),
      200,
    ),
  );
  r.openapi(routes.acknowledge, async (c) =>
    c.json(
      await evaluations.acknowledge(c.var.deps.db, c.var.principal!, c.req.valid("param").id),
      200,
    ),
  );
  r.openapi(routes.dispute, async (c) =>
    c.json(
      await disputes.raiseDispute(
        c.var.deps.db,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      201,
    ),
  );
  r.openapi(routes.coaching, async (c) =>
    c.json(
      await insights.createCoachingNote(
        c.var.deps.db,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      201,
    ),
  );
  r.openapi(routes.listCoaching, async (c) =>
    c.json(
      await insights.listCoachingNotes(c.var.deps.db, c.var.principal!, c.req.valid("query")),
      200,
    ),
  );
  r.openapi(routes.listDisputes, async (c) =>
    c.json(await disputes.listDisputes(c.var.deps.db, c.var.principal!), 200),
  );
  r.openapi(routes.resolve, async (c) =>
    c.json(
      await disputes.resolveDispute(
        c.var.deps.db,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      200,
    ),
  );
  r.openapi(routes.createCalibration, async (c) =>
    c.json(
      await calibration.createCalibration(c.var.deps, c.var.principal!, c.req.valid("json")),
      201,
    ),
  );
  r.openapi(routes.listCalibrations, async (c) =>
    c.json(
      await calibration.listCalibrations(c.var.deps.db, c.var.principal!, c.req.valid("query")),
      200,
    ),
  );
  r.openapi(routes.getCalibration, async (c) =>
    c.json(
      await calibration.getCalibration(c.var.deps.db, c.var.principal!, c.req.valid("param").id),
      200,
    ),
  );
  r.openapi(routes.calibrationReview, async (c) =>
    c.json(
      await calibration.submitCalibrationReview(
        c.var.deps.db,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      201,
    ),
  );
  r.openapi(routes.report, async (c) =>
    c.json(await insights.qaReport(c.var.deps.db, c.var.principal!, c.req.valid("query")), 200),
  );
  r.openapi(routes.exportCsv, async (c) => {
    const csv = await insights.exportCsv(c.var.deps.db, c.var.principal!, c.req.valid("query"));
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="qa-evaluations.csv"',
    });
  });
  return r;
}

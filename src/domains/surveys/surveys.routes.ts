import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import type { AppEnv } from "../../http/context.ts";
import {
  createRouter,
  ErrorResponseSchema,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import { getConversation } from "../conversations/index.ts";
import * as followUps from "./follow-ups.service.ts";
import * as invitations from "./invitation-delivery.service.ts";
import * as reports from "./reports.service.ts";
import {
  BudgetReportSchema,
  PredictedVsActualSchema,
  ReportQuerySchema,
  SurveyOverviewSchema,
} from "./reports.schemas.ts";
import * as repo from "./surveys.repo.ts";
import * as invitationsRepo from "./invitations.repo.ts";
import {
  BudgetSettingsSchema,
  CloseFollowUpBodySchema,
  CreateSurveyBodySchema,
  ExclusionSchema,
  FollowUpCaseSchema,
  FollowUpListSchema,
  FollowUpSchema,
  InvitationListSchema,
  ListFollowUpsQuerySchema,
  ListInvitationsQuerySchema,
  SendSurveyBodySchema,
  SurveyListSchema,
  SurveySchema,
  UpdateSurveyBodySchema,
} from "./surveys.schemas.ts";
import * as surveys from "./surveys.service.ts";

const admins = requireAccess({ roles: ["admin"], scope: "admin" });
const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const analysts = requireAccess({ roles: ["admin", "leader", "qa", "exec"], scope: "read" });
const handlers = requireAccess({ roles: ["admin", "leader", "qa", "agent"], scope: "write" });
const leads = requireAccess({ roles: ["admin", "leader"], scope: "write" });
const tags = ["surveys"];

const routes = {
  createSurvey: createRoute({
    method: "post",
    path: "/surveys",
    tags,
    summary: "Create a CSAT, NPS, CES or custom survey (admin)",
    middleware: [admins] as const,
    request: jsonBody(CreateSurveyBodySchema),
    responses: {
      201: jsonResponse(SurveySchema, "Created"),
      409: jsonResponse(ErrorResponseSchema, "Name taken"),
      ...standardErrors,
    },
  }),
  listSurveys: createRoute({
    method: "get",
    path: "/surveys",
    tags,
    summary: "Surveys of the organization",
    middleware: [readers] as const,
    responses: { 200: jsonResponse(SurveyListSchema, "Surveys"), ...standardErrors },
  }),
  updateSurvey: createRoute({
    method: "patch",
    path: "/surveys/{id}",
    tags,
    summary: "Rename, pause or resume a survey, or change its rules (admin)",
    middleware: [admins] as const,
    request: { params: UuidParamSchema, ...jsonBody(UpdateSurveyBodySchema) },
    responses: { 200: jsonResponse(SurveySchema, "Updated"), ...standardErrors },
  }),
  getSettings: createRoute({
    method: "get",
    path: "/survey-settings",
    tags,
    summary: "The contact-pressure budget",
    middleware: [analysts] as const,
    responses: { 200: jsonResponse(BudgetSettingsSchema, "Settings"), ...standardErrors },
  }),
  putSettings: createRoute({
    method: "put",
    path: "/survey-settings",
    tags,
    summary: "Change the contact-pressure budget (admin)",
    middleware: [admins] as const,
    request: jsonBody(BudgetSettingsSchema),
    responses: { 200: jsonResponse(BudgetSettingsSchema, "Settings"), ...standardErrors },
  }),
  listInvitations: createRoute({
    method: "get",
    path: "/survey-invitations",
    tags,
    summary: "Invitation decisions for a conversation, with respondent links",
    middleware: [readers] as const,
    request: { query: ListInvitationsQuerySchema },
    responses: { 200: jsonResponse(InvitationListSchema, "Invitations"), ...standardErrors },
  }),
  sendSurvey: createRoute({
    method: "post",
    path: "/conversations/{id}/survey-invitations",
    tags,
    summary: "Send or re-request a survey for a conversation by hand",
    middleware: [handlers] as const,
    request: { params: UuidParamSchema, ...jsonBody(SendSurveyBodySchema) },
    responses: {
      202: jsonResponse(InvitationListSchema, "Queued"),
      409: jsonResponse(ErrorResponseSchema, "Excluded or unreachable"),
      ...standardErrors,
    },
  }),
  setExclusion: createRoute({
    method: "put",
    path: "/conversations/{id}/survey-exclusion",
    tags,
    summary: "Exclude a conversation from surveys, or include it again",
    middleware: [handlers] as const,
    request: { params: UuidParamSchema, ...jsonBody(z.strictObject({ excluded: z.boolean() })) },
    responses: { 200: jsonResponse(ExclusionSchema, "Exclusion"), ...standardErrors },
  }),
  listFollowUps: createRoute({
    method: "get",
    path: "/follow-ups",
    tags,
    summary:
      "Follow-ups opened by low answers: open ones by urgency, then closed ones, a page at a time",
    middleware: [analysts] as const,
    request: { query: ListFollowUpsQuerySchema },
    responses: { 200: jsonResponse(FollowUpListSchema, "Follow-ups"), ...standardErrors },
  }),
  closeFollowUp: createRoute({
    method: "post",
    path: "/follow-ups/{id}/close",
    tags,
    summary: "Close a follow-up with what was done and the outcome; optionally tell the customer",
    middleware: [leads] as const,
    request: { params: UuidParamSchema, ...jsonBody(CloseFollowUpBodySchema) },
    responses: {
      200: jsonResponse(FollowUpSchema, "Closed"),
      409: jsonResponse(ErrorResponseSchema, "Already closed"),
      ...standardErrors,
    },
  }),
  followUpCase: createRoute({
    method: "post",
    path: "/follow-ups/{id}/case",
    tags,
    summary: "Open a complaint case from a follow-up (201), or get the one already opened (200)",
    middleware: [leads] as const,
    request: { params: UuidParamSchema },
    responses: {
      200: jsonResponse(FollowUpCaseSchema, "The case opened before"),
      201: jsonResponse(FollowUpCaseSchema, "Opened"),
      ...standardErrors,
    },
  }),
  budgetReport: createRoute({
    method: "get",
    path: "/survey-reports/budget",
    tags,
    summary: "Invitations sent and suppressed per contact-pressure rule",
    middleware: [analysts] as const,
    request: { query: ReportQuerySchema },
    responses: { 200: jsonResponse(BudgetReportSchema, "Report"), ...standardErrors },
  }),
  predictedVsActual: createRoute({
    method: "get",
    path: "/survey-reports/predicted-vs-actual",
    tags,
    summary: "Predicted satisfaction against CSAT answers: calibration, MAE, Spearman",
    middleware: [analysts] as const,
    request: { query: ReportQuerySchema },
    responses: { 200: jsonResponse(PredictedVsActualSchema, "Report"), ...standardErrors },
  }),
  overview: createRoute({
    method: "get",
    path: "/survey-reports/overview",
    tags,
    summary: "Response rates, score trend with 95% CI, loop closure, drivers",
    middleware: [analysts] as const,
    request: { query: ReportQuerySchema },
    responses: { 200: jsonResponse(SurveyOverviewSchema, "Report"), ...standardErrors },
  }),
};

/** The request's origin: respondent links in API answers use it when no public URL is set. */
function originOf(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

export function surveysRoutes() {
  const r = createRouter();
  r.openapi(routes.createSurvey, async (c) =>
    c.json(
      await surveys.createSurvey(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")),
      201,
    ),
  );
  r.openapi(routes.listSurveys, async (c) =>
    c.json({ items: await surveys.listSurveys(c.var.deps.db, c.var.principal!.orgId) }, 200),
  );
  r.openapi(routes.updateSurvey, async (c) =>
    c.json(
      await surveys.updateSurvey(
        c.var.deps.db,
        c.var.principal!.orgId,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      200,
    ),
  );
  r.openapi(routes.getSettings, async (c) =>
    c.json(await surveys.getSettings(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  r.openapi(routes.putSettings, async (c) =>
    c.json(
      await surveys.putSettings(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")),
      200,
    ),
  );
  r.openapi(routes.listInvitations, async (c) => {
    const { db } = c.var.deps;
    const principal = c.var.principal!;
    const { conversationId } = c.req.valid("query");
    await getConversation(db, principal, conversationId);
    const items = await invitations.listInvitations(
      db,
      principal.orgId,
      conversationId,
      originOf(c),
    );
    return c.json(
      { items, excluded: await repo.isExcluded(db, principal.orgId, conversationId) },
      200,
    );
  });
  r.openapi(routes.sendSurvey, async (c) => {
    const { db, queue } = c.var.deps;
    const principal = c.var.principal!;
    const { id } = c.req.valid("param");
    await getConversation(db, principal, id);
    const contact = (await invitationsRepo.findConversationContact(db, principal.orgId, id))!;
    await invitations.sendSurveyManually(
      { db, queue },
      principal.orgId,
      contact,
      c.req.valid("json").surveyId,
    );
    const items = await invitations.listInvitations(db, principal.orgId, id, originOf(c));
    return c.json({ items }, 202);
  });
  r.openapi(routes.setExclusion, async (c) => {
    const { db } = c.var.deps;
    const principal = c.var.principal!;
    const { id } = c.req.valid("param");
    await getConversation(db, principal, id);
    const { excluded } = c.req.valid("json");
    await repo.setExclusion(
      db,
      principal.orgId,
      id,
      excluded,
      principal.kind === "session" ? principal.userId : null,
    );
    if (excluded) await invitationsRepo.suppressQueuedOf(db, principal.orgId, id);
    return c.json({ conversationId: id, excluded }, 200);
  });
  r.openapi(routes.listFollowUps, async (c) =>
    c.json(
      await followUps.listFollowUps(c.var.deps.db, c.var.principal!.orgId, c.req.valid("query")),
      200,
    ),
  );
  r.openapi(routes.closeFollowUp, async (c) =>
    c.json(
      await followUps.closeFollowUp(
        c.var.deps,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      200,
    ),
  );
  r.openapi(routes.followUpCase, async (c) => {
    const opened = await followUps.openCaseForFollowUp(
      c.var.deps.db,
      c.var.principal!,
      c.req.valid("param").id,
    );
    const { id, reference, status, escalationLevel } = opened.case;
    return c.json({ id, reference, status, escalationLevel }, opened.created ? 201 : 200);
  });
  r.openapi(routes.budgetReport, async (c) =>
    c.json(
      await reports.budgetReport(c.var.deps.db, c.var.principal!.orgId, c.req.valid("query").days),
      200,
    ),
  );
  r.openapi(routes.predictedVsActual, async (c) =>
    c.json(
      await reports.predictedVsActual(
        c.var.deps.db,
        c.var.principal!.orgId,
        c.req.valid("query").days,
      ),
      200,
    ),
  );
  r.openapi(routes.overview, async (c) => {
    const q = c.req.valid("query");
    return c.json(
      await reports.overviewReport(c.var.deps.db, c.var.principal!.orgId, q.days, q.surveyId),
      200,
    );
  });
  return r;
}

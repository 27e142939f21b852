import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { RoleName } from "../src/db/schema/index.ts";
import { createApiKey } from "../src/domains/orgs/index.ts";
import { setUpQa } from "./qa-matrix.ts";
import { describeEachBackend } from "./db.ts";
import { buildOrg, type TestOrg } from "./factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  withApiKey,
  type Session,
  type TestApp,
} from "./http.ts";

/**
 * Every API route, who may call it, and a request that passes validation. The first test fails
 * when a route exists that this table does not list: a new route cannot ship without its access rules.
 */
interface RouteSpec {
  roles: RoleName[] | "public";
  scope: "read" | "write" | "ingest" | "admin" | null;
  /** Path with ids filled in from org A; `{foreign}` marks the id that must 404 across tenants. */
  path: (a: TestOrg) => string;
  foreignPath?: (b: TestOrg) => string;
  body?: () => unknown;
}

const ALL: RoleName[] = ["admin", "leader", "qa", "agent", "exec"];

/**
 * Records of each kind in organization B, so that a cross-tenant check sends an id of the same
 * kind of record (a real mailbox, a real webhook source): a 404 then proves isolation, not typing.
 */
const foreign = {
  mailboxId: "",
  webhookSourceId: "",
  apiKeyId: "",
  scorecardId: "",
  evaluationId: "",
  surveyId: "",
};
/** Org A's QA records: a scorecard with a draft version 1, and the agent's automatic evaluation. */
const qaIds = { scorecardA: "", evaluationA: "" };
const QA_DEFINITION = {
  name: "Matrix card",
  channels: ["chat"],
  sections: [{ key: "s", name: "S", criteria: [{ key: "greeting", name: "Greets", weight: 100 }] }],
};
/** Cases-domain records in organization A (`own`) and B (`other`), made in beforeAll. */
const own = { caseId: "", slaPolicyId: "", rootCauseId: "" };
const other = { caseId: "", slaPolicyId: "", rootCauseId: "" };
const casePolicy = () => ({
  name: `P ${suffix()}`,
  timeZone: "Europe/London",
  hours: { mon: [["09:00", "17:00"]] },
  holidays: [],
  targets: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  match: { categories: [`c-${suffix()}`] },
});
const handlers: RoleName[] = ["admin", "leader", "agent", "exec"];
const analysts: RoleName[] = ["admin", "leader", "qa", "exec"];
const caseRoute = (tail: string, spec: Omit<RouteSpec, "path" | "foreignPath">): RouteSpec => ({
  ...spec,
  path: () => `/api/v1/cases/${own.caseId}${tail}`,
  foreignPath: () => `/api/v1/cases/${other.caseId}${tail}`,
});
const suffix = () => randomUUID().slice(0, 8);

const MATRIX: Record<string, RouteSpec> = {
  "POST /api/v1/auth/login": { roles: "public", scope: null, path: () => "/api/v1/auth/login" },
  "POST /api/v1/auth/logout": { roles: ALL, scope: null, path: () => "/api/v1/auth/logout" },
  "GET /api/v1/auth/me": { roles: ALL, scope: null, path: () => "/api/v1/auth/me" },
  "POST /api/v1/auth/password": {
    roles: ALL,
    scope: null,
    path: () => "/api/v1/auth/password",
    // A wrong current password: authorised callers get 400, which proves they passed the guards.
    body: () => ({ currentPassword: "not-the-password", newPassword: "a-new-password-123" }),
  },
  "GET /api/v1/conversations": { roles: ALL, scope: "read", path: () => "/api/v1/conversations" },
  "GET /api/v1/conversations/{id}": {
    roles: ALL,
    scope: "read",
    path: (a) => `/api/v1/conversations/${a.conversationId}`,
    foreignPath: (b) => `/api/v1/conversations/${b.conversationId}`,
  },
  "PATCH /api/v1/conversations/{id}": {
    roles: ["admin", "leader", "qa", "agent"],
    scope: "write",
    path: (a) => `/api/v1/conversations/${a.conversationId}`,
    foreignPath: (b) => `/api/v1/conversations/${b.conversationId}`,
    body: () => ({ status: "open" }),
  },
  "GET /api/v1/stats/volume": { roles: ALL, scope: "read", path: () => "/api/v1/stats/volume" },
  "GET /api/v1/stats/overview": { roles: ALL, scope: "read", path: () => "/api/v1/stats/overview" },
  "GET /api/v1/teams": { roles: ALL, scope: "read", path: () => "/api/v1/teams" },
  "POST /api/v1/teams": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/teams",
    body: () => ({ name: `T ${suffix()}` }),
  },
  "DELETE /api/v1/teams/{id}": {
    roles: ["admin"],
    scope: "admin",
    // Authorised callers get 404 for a random id, so the matrix deletes nothing real.
    path: () => `/api/v1/teams/${randomUUID()}`,
    foreignPath: (b) => `/api/v1/teams/${b.otherTeamId}`,
  },
  "GET /api/v1/agents": { roles: ALL, scope: "read", path: () => "/api/v1/agents" },
  "GET /api/v1/users": { roles: ["admin", "leader"], scope: "admin", path: () => "/api/v1/users" },
  "POST /api/v1/users": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/users",
    body: () => ({
      email: `u-${suffix()}@example.test`,
      name: "New Person",
      password: "long-enough-pw",
      role: "qa",
    }),
  },
  "PATCH /api/v1/users/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: (a) => `/api/v1/users/${a.users.exec.id}`,
    foreignPath: (b) => `/api/v1/users/${b.users.exec.id}`,
    body: () => ({ role: "exec" }),
  },
  "GET /api/v1/api-keys": { roles: ["admin"], scope: "admin", path: () => "/api/v1/api-keys" },
  "POST /api/v1/api-keys": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/api-keys",
    body: () => ({ name: `k ${suffix()}`, scopes: ["read"] }),
  },
  "DELETE /api/v1/api-keys/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/api-keys/${randomUUID()}`,
    foreignPath: () => `/api/v1/api-keys/${foreign.apiKeyId}`,
  },
  "GET /api/v1/audit-log": { roles: ["admin"], scope: "admin", path: () => "/api/v1/audit-log" },
  "POST /api/v1/interactions": {
    roles: ["admin"],
    scope: "ingest",
    path: () => "/api/v1/interactions",
    body: () => ({
      conversations: [
        {
          externalId: `m-${suffix()}`,
          source: "matrix",
          channel: "chat",
          customer: { externalId: "c" },
          messages: [],
        },
      ],
    }),
  },
  "POST /api/v1/transcripts": {
    roles: ["admin"],
    scope: "ingest",
    path: () => "/api/v1/transcripts",
    body: () => ({
      format: "srt",
      content: "1\n00:00:00,000 --> 00:00:01,000\nAgent: hello",
      externalId: `t-${suffix()}`,
    }),
  },
  "POST /api/v1/email/mime": {
    roles: ["admin"],
    scope: "ingest",
    // The matrix sends JSON: authorised callers get 415 (raw MIME expected), past every guard.
    path: () => "/api/v1/email/mime",
  },
  "GET /api/v1/mailboxes": { roles: ["admin"], scope: "admin", path: () => "/api/v1/mailboxes" },
  "POST /api/v1/mailboxes": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/mailboxes",
    body: () => ({
      name: `M ${suffix()}`,
      address: `help-${suffix()}@example.test`,
      host: "127.0.0.1",
      port: 1,
      secure: false,
      username: "u",
      password: "p",
    }),
  },
  "PATCH /api/v1/mailboxes/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/mailboxes/${randomUUID()}`,
    body: () => ({ enabled: false }),
    foreignPath: () => `/api/v1/mailboxes/${foreign.mailboxId}`,
  },
  "DELETE /api/v1/mailboxes/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/mailboxes/${randomUUID()}`,
    foreignPath: () => `/api/v1/mailboxes/${foreign.mailboxId}`,
  },
  "POST /api/v1/mailboxes/{id}/poll": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/mailboxes/${randomUUID()}/poll`,
    foreignPath: () => `/api/v1/mailboxes/${foreign.mailboxId}/poll`,
  },
  "GET /api/v1/settings/redaction": {
    roles: ["admin", "leader"],
    scope: "admin",
    path: () => "/api/v1/settings/redaction",
  },
  // An empty body restores the defaults (everything on), so the matrix changes nothing that matters.
  "PUT /api/v1/settings/redaction": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/settings/redaction",
    body: () => ({}),
  },
  "GET /api/v1/webhook-sources": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/webhook-sources",
  },
  "POST /api/v1/webhook-sources": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/webhook-sources",
    body: () => ({
      name: "Matrix widget",
      source: `matrix-${suffix()}`,
      mapping: {
        conversationExternalId: "$.id",
        "customer.externalId": "$.user",
        messages: { path: "$.messages[*]", role: "customer", text: "$.text", ts: "$.ts" },
      },
    }),
  },
  "PATCH /api/v1/webhook-sources/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/webhook-sources/${randomUUID()}`,
    body: () => ({ enabled: false }),
    foreignPath: () => `/api/v1/webhook-sources/${foreign.webhookSourceId}`,
  },
  "DELETE /api/v1/webhook-sources/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/webhook-sources/${randomUUID()}`,
    foreignPath: () => `/api/v1/webhook-sources/${foreign.webhookSourceId}`,
  },
  "GET /api/v1/customers/{id}/export": {
    roles: ["admin"],
    scope: "admin",
    path: (a) => `/api/v1/customers/${a.customerId}/export`,
    foreignPath: (b) => `/api/v1/customers/${b.customerId}/export`,
  },
  "DELETE /api/v1/customers/{id}": {
    roles: ["admin"],
    scope: "admin",
    // Authorised callers get 404 for a random id, so the matrix erases nothing real.
    path: () => `/api/v1/customers/${randomUUID()}`,
    foreignPath: (b) => `/api/v1/customers/${b.customerId}`,
  },
  "GET /api/v1/settings/retention": {
    roles: ["admin", "leader"],
    scope: "admin",
    path: () => "/api/v1/settings/retention",
  },
  "PUT /api/v1/settings/retention": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/settings/retention",
    body: () => ({ rawTextDays: null }),
  },
  "POST /api/v1/settings/retention/apply": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/settings/retention/apply",
  },
  "GET /api/v1/instance": { roles: ["admin"], scope: null, path: () => "/api/v1/instance" },
  // Allowed past the guards means 200 for the first org's admin (the operator); see backup.routes.test.ts.
  "GET /api/v1/instance/backup": {
    roles: ["admin"],
    scope: null,
    path: () => "/api/v1/instance/backup",
  },
  "GET /api/v1/setup": { roles: "public", scope: null, path: () => "/api/v1/setup" },
  // Public, but only with the setup token and only while no organization exists (409 here).
  "POST /api/v1/setup/restore": {
    roles: "public",
    scope: null,
    path: () => "/api/v1/setup/restore",
  },
  // Quality assurance. Ids of org B's scorecard and evaluation prove cross-tenant 404s.
  "GET /api/v1/scorecards": { roles: ALL, scope: "read", path: () => "/api/v1/scorecards" },
  "POST /api/v1/scorecards": {
    roles: ["admin", "qa"],
    scope: "write",
    path: () => "/api/v1/scorecards",
    body: () => QA_DEFINITION,
  },
  "GET /api/v1/scorecards/{id}": {
    roles: ALL,
    scope: "read",
    path: () => `/api/v1/scorecards/${qaIds.scorecardA}`,
    foreignPath: () => `/api/v1/scorecards/${foreign.scorecardId}`,
  },
  "POST /api/v1/scorecards/{id}/versions": {
    roles: ["admin", "qa"],
    scope: "write",
    // Random ids: authorised callers get 404, so the matrix creates no drafts.
    path: () => `/api/v1/scorecards/${randomUUID()}/versions`,
    foreignPath: () => `/api/v1/scorecards/${foreign.scorecardId}/versions`,
    body: () => QA_DEFINITION,
  },
  "PUT /api/v1/scorecards/{id}/versions/{version}": {
    roles: ["admin", "qa"],
    scope: "write",
    path: () => `/api/v1/scorecards/${qaIds.scorecardA}/versions/1`,
    foreignPath: () => `/api/v1/scorecards/${foreign.scorecardId}/versions/1`,
    body: () => QA_DEFINITION,
  },
  "POST /api/v1/scorecards/{id}/versions/{version}/publish": {
    roles: ["admin", "qa"],
    scope: "write",
    path: () => `/api/v1/scorecards/${qaIds.scorecardA}/versions/1/publish`,
    foreignPath: () => `/api/v1/scorecards/${foreign.scorecardId}/versions/1/publish`,
  },
  "GET /api/v1/scorecards/{id}/versions/{version}/backtest": {
    roles: ["admin", "leader", "qa"],
    scope: "read",
    path: () => `/api/v1/scorecards/${qaIds.scorecardA}/versions/1/backtest`,
    foreignPath: () => `/api/v1/scorecards/${foreign.scorecardId}/versions/1/backtest`,
  },
  "GET /api/v1/conversations/{id}/qa": {
    roles: ALL,
    scope: "read",
    path: (a) => `/api/v1/conversations/${a.conversationId}/qa`,
    foreignPath: (b) => `/api/v1/conversations/${b.conversationId}/qa`,
  },
  "POST /api/v1/conversations/{id}/qa/reviews": {
    roles: ["admin", "leader", "qa"],
    scope: "write",
    path: () => `/api/v1/conversations/${randomUUID()}/qa/reviews`,
    foreignPath: (b) => `/api/v1/conversations/${b.conversationId}/qa/reviews`,
    body: () => ({ scorecardId: qaIds.scorecardA, answers: [{ key: "greeting", answer: "pass" }] }),
  },
  "GET /api/v1/qa/queue": {
    roles: ["admin", "leader", "qa"],
    scope: "read",
    path: () => "/api/v1/qa/queue",
  },
  "GET /api/v1/qa/evaluations/{id}": {
    roles: ALL,
    scope: "read",
    path: () => `/api/v1/qa/evaluations/${qaIds.evaluationA}`,
    foreignPath: () => `/api/v1/qa/evaluations/${foreign.evaluationId}`,
  },
  "POST /api/v1/qa/evaluations/{id}/acknowledge": {
    roles: ["agent"],
    scope: null,
    path: () => `/api/v1/qa/evaluations/${qaIds.evaluationA}/acknowledge`,
  },
  "POST /api/v1/qa/evaluations/{id}/disputes": {
    roles: ["agent"],
    scope: null,
    // A too-short reason: the agent gets 400, past every guard, and no dispute is opened.
    path: () => `/api/v1/qa/evaluations/${qaIds.evaluationA}/disputes`,
    body: () => ({ reason: "" }),
  },
  "POST /api/v1/qa/evaluations/{id}/coaching": {
    roles: ["admin", "leader", "qa"],
    scope: "write",
    path: () => `/api/v1/qa/evaluations/${randomUUID()}/coaching`,
    foreignPath: () => `/api/v1/qa/evaluations/${foreign.evaluationId}/coaching`,
    body: () => ({ goal: "Greet first" }),
  },
  "GET /api/v1/qa/coaching": { roles: ALL, scope: "read", path: () => "/api/v1/qa/coaching" },
  "GET /api/v1/qa/disputes": { roles: ALL, scope: "read", path: () => "/api/v1/qa/disputes" },
  "POST /api/v1/qa/disputes/{id}/resolve": {
    roles: ["admin", "leader"],
    scope: "write",
    path: () => `/api/v1/qa/disputes/${randomUUID()}/resolve`,
    body: () => ({ outcome: "upheld", note: "matrix" }),
  },
  "POST /api/v1/qa/calibrations": {
    roles: ["admin", "leader", "qa"],
    scope: "write",
    // One reviewer only: authorised callers get 400, so the matrix creates no session.
    path: () => "/api/v1/qa/calibrations",
    body: () => ({
      name: "m",
      scorecardId: qaIds.scorecardA,
      conversationIds: [randomUUID()],
      reviewerUserIds: [randomUUID()],
    }),
  },
  "GET /api/v1/qa/calibrations": {
    roles: ["admin", "leader", "qa"],
    scope: "read",
    path: () => "/api/v1/qa/calibrations",
  },
  "GET /api/v1/qa/calibrations/{id}": {
    roles: ["admin", "leader", "qa"],
    scope: "read",
    path: () => `/api/v1/qa/calibrations/${randomUUID()}`,
  },
  "POST /api/v1/qa/calibrations/{id}/reviews": {
    roles: ["admin", "leader", "qa"],
    scope: "write",
    path: () => `/api/v1/qa/calibrations/${randomUUID()}/reviews`,
    body: () => ({ conversationId: randomUUID(), answers: [{ key: "greeting", answer: "pass" }] }),
  },
  "GET /api/v1/qa/reports/scores": {
    roles: ALL,
    scope: "read",
    path: () => "/api/v1/qa/reports/scores",
  },
  "GET /api/v1/qa/reports/export": {
    roles: ALL,
    scope: "read",
    path: () => "/api/v1/qa/reports/export",
  },
  "POST /api/v1/surveys": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/surveys",
    body: () => ({ name: `S ${suffix()}`, type: "csat", trigger: { event: "manual" } }),
  },
  "GET /api/v1/surveys": { roles: ALL, scope: "read", path: () => "/api/v1/surveys" },
  "PATCH /api/v1/surveys/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/surveys/${randomUUID()}`,
    foreignPath: () => `/api/v1/surveys/${foreign.surveyId}`,
    body: () => ({ active: true }),
  },
  "GET /api/v1/survey-settings": {
    roles: ["admin", "leader", "qa", "exec"],
    scope: "read",
    path: () => "/api/v1/survey-settings",
  },
  "PUT /api/v1/survey-settings": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/survey-settings",
    body: () => ({
      cooldownDays: 30,
      sampleRates: {},
      quietHours: null,
      defaultTimeZone: "UTC",
      followUpTeamId: null,
      followUpDueHours: 48,
    }),
  },
  "GET /api/v1/survey-invitations": {
    roles: ALL,
    scope: "read",
    path: (a) => `/api/v1/survey-invitations?conversationId=${a.conversationId}`,
  },
  "POST /api/v1/conversations/{id}/survey-invitations": {
    roles: ["admin", "leader", "qa", "agent"],
    scope: "write",
    path: (a) => `/api/v1/conversations/${a.conversationId}/survey-invitations`,
    foreignPath: (b) => `/api/v1/conversations/${b.conversationId}/survey-invitations`,
    // An unknown survey: authorised callers get 404, so the matrix sends nothing.
    body: () => ({ surveyId: randomUUID() }),
  },
  "PUT /api/v1/conversations/{id}/survey-exclusion": {
    roles: ["admin", "leader", "qa", "agent"],
    scope: "write",
    path: (a) => `/api/v1/conversations/${a.conversationId}/survey-exclusion`,
    foreignPath: (b) => `/api/v1/conversations/${b.conversationId}/survey-exclusion`,
    body: () => ({ excluded: false }),
  },
  "GET /api/v1/follow-ups": {
    roles: ["admin", "leader", "qa", "exec"],
    scope: "read",
    path: () => "/api/v1/follow-ups",
  },
  "POST /api/v1/follow-ups/{id}/close": {
    roles: ["admin", "leader"],
    scope: "write",
    path: () => `/api/v1/follow-ups/${randomUUID()}/close`,
    body: () => ({ action: "fixed", outcome: "Done" }),
  },
  "POST /api/v1/follow-ups/{id}/case": {
    roles: ["admin", "leader"],
    scope: "write",
    path: () => `/api/v1/follow-ups/${randomUUID()}/case`,
  },
  "GET /api/v1/survey-reports/budget": {
    roles: ["admin", "leader", "qa", "exec"],
    scope: "read",
    path: () => "/api/v1/survey-reports/budget",
  },
  "GET /api/v1/survey-reports/predicted-vs-actual": {
    roles: ["admin", "leader", "qa", "exec"],
    scope: "read",
    path: () => "/api/v1/survey-reports/predicted-vs-actual",
  },
  "GET /api/v1/survey-reports/overview": {
    roles: ["admin", "leader", "qa", "exec"],
    scope: "read",
    path: () => "/api/v1/survey-reports/overview",
  },
  "GET /api/v1/cases": { roles: ALL, scope: "read", path: () => "/api/v1/cases" },
  "POST /api/v1/cases": {
    roles: handlers,
    scope: "write",
    path: () => "/api/v1/cases",
    body: () => ({ title: "By hand" }),
  },
  "GET /api/v1/cases/{id}": caseRoute("", { roles: ALL, scope: "read" }),
  "PATCH /api/v1/cases/{id}": caseRoute("", {
    roles: handlers,
    scope: "write",
    body: () => ({ version: 1 }),
  }),
  "POST /api/v1/cases/{id}/notes": caseRoute("/notes", {
    roles: handlers,
    scope: "write",
    body: () => ({ text: "note" }),
  }),
  "POST /api/v1/cases/{id}/responses": caseRoute("/responses", {
    roles: handlers,
    scope: "write",
    body: () => ({}),
  }),
  "POST /api/v1/cases/{id}/milestones": caseRoute("/milestones", {
    roles: handlers,
    scope: "write",
    body: () => ({ milestone: "acknowledgement" }),
  }),
  "POST /api/v1/cases/{id}/authority": caseRoute("/authority", {
    roles: handlers,
    scope: "write",
    body: () => ({ option: "refund", amount: 5, reason: "late" }),
  }),
  "POST /api/v1/cases/{id}/approvals/{seq}": caseRoute("/approvals/999", {
    roles: ["admin", "leader", "exec"],
    scope: "write",
    body: () => ({ approved: true }),
  }),
  "PUT /api/v1/cases/{id}/review": caseRoute("/review", {
    roles: handlers,
    scope: "write",
    body: () => ({ whatHappened: "x", whatWillChange: "y" }),
  }),
  "GET /api/v1/sla-policies": { roles: ALL, scope: "read", path: () => "/api/v1/sla-policies" },
  "POST /api/v1/sla-policies": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/sla-policies",
    body: casePolicy,
  },
  "PATCH /api/v1/sla-policies/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/sla-policies/${own.slaPolicyId}`,
    foreignPath: () => `/api/v1/sla-policies/${other.slaPolicyId}`,
    body: () => ({ name: `P ${suffix()}` }),
  },
  "DELETE /api/v1/sla-policies/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/sla-policies/${randomUUID()}`,
    foreignPath: () => `/api/v1/sla-policies/${other.slaPolicyId}`,
  },
  "POST /api/v1/sla-policies/{id}/preview": {
    roles: ["admin", "leader"],
    scope: "read",
    path: () => `/api/v1/sla-policies/${own.slaPolicyId}/preview`,
    foreignPath: () => `/api/v1/sla-policies/${other.slaPolicyId}/preview`,
    body: () => ({ openedAt: "2026-11-02T10:00:00Z" }),
  },
  "POST /api/v1/sla-policies/preview-cases": {
    roles: ["admin", "leader"],
    scope: "read",
    path: () => "/api/v1/sla-policies/preview-cases",
    body: casePolicy,
  },
  "GET /api/v1/root-causes": { roles: ALL, scope: "read", path: () => "/api/v1/root-causes" },
  "POST /api/v1/root-causes": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/root-causes",
    body: () => ({ code: `rc-${suffix()}`, label: "Cause" }),
  },
  "PATCH /api/v1/root-causes/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/root-causes/${own.rootCauseId}`,
    foreignPath: () => `/api/v1/root-causes/${other.rootCauseId}`,
    body: () => ({ label: "Renamed" }),
  },
  "GET /api/v1/root-causes/trends": {
    roles: analysts,
    scope: "read",
    path: () => "/api/v1/root-causes/trends",
  },
  "GET /api/v1/authority-limits": {
    roles: ALL,
    scope: "read",
    path: () => "/api/v1/authority-limits",
  },
  "PUT /api/v1/authority-limits": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/authority-limits",
    body: () => ({ limits: [{ role: "agent", option: "refund", maxAmount: 50 }] }),
  },
  "GET /api/v1/notifications": { roles: ALL, scope: null, path: () => "/api/v1/notifications" },
  "GET /api/v1/case-reviews": { roles: ALL, scope: "read", path: () => "/api/v1/case-reviews" },
  "GET /api/v1/case-reports/compliance": {
    roles: analysts,
    scope: "read",
    path: () => "/api/v1/case-reports/compliance",
  },
  "GET /api/v1/case-reports/operations": {
    roles: analysts,
    scope: "read",
    path: () => "/api/v1/case-reports/operations",
  },
  // Public, limited per client address; an empty body is a 400 (see cases.contract.test.ts).
  "POST /api/v1/public/escalations": {
    roles: "public",
    scope: null,
    path: () => "/api/v1/public/escalations",
  },
  // Public, authenticated by the delivery's HMAC signature (see webhooks.routes.test.ts).
  "POST /api/v1/webhooks/{sourceId}": {
    roles: "public",
    scope: null,
    path: () => `/api/v1/webhooks/${randomUUID()}`,
  },
};

describeEachBackend("access matrix", ({ database }) => {
  let app: TestApp;
  let a: TestOrg;
  let b: TestOrg;
  const sessions = {} as Record<RoleName, Session>;
  let keys: Record<"read" | "admin" | "ingest", string>;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    a = await buildOrg(db);
    b = await buildOrg(db);
    for (const role of ALL) sessions[role] = await loginAs(app, a.users[role].email);
    const mk = async (scope: "read" | "admin" | "ingest") =>
      (await createApiKey(db, a.orgId, { kind: "cli" }, scope, [scope])).key;
    keys = { read: await mk("read"), admin: await mk("admin"), ingest: await mk("ingest") };
    foreign.apiKeyId = (await createApiKey(db, b.orgId, { kind: "cli" }, "b", ["read"])).id;
    const bAdmin = await loginAs(app, b.users.admin.email);
    const qaSetup = await setUpQa(db, a, b);
    Object.assign(qaIds, qaSetup.a);
    Object.assign(foreign, qaSetup.foreign);
    const created = async (path: string, body: unknown) => {
      const res = await bAdmin.request("POST", path, body);
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    foreign.mailboxId = await created("/api/v1/mailboxes", {
      name: "B support",
      address: "help@b.example.test",
      host: "127.0.0.1",
      port: 1,
      secure: false,
      username: "u",
      password: "p",
    });
    foreign.surveyId = await created("/api/v1/surveys", {
      name: "B survey",
      type: "csat",
      trigger: { event: "conversation_resolved" },
    });
    const aAdmin = await loginAs(app, a.users.admin.email);
    for (const [session, ids] of [
      [aAdmin, own],
      [bAdmin, other],
    ] as const) {
      const make = async (path: string, body: unknown) => {
        const res = await session.request("POST", path, body);
        expect(res.status).toBe(201);
        return ((await res.json()) as { id: string }).id;
      };
      ids.caseId = await make("/api/v1/cases", { title: "Matrix case" });
      ids.slaPolicyId = await make("/api/v1/sla-policies", casePolicy());
      ids.rootCauseId = await make("/api/v1/root-causes", { code: "billing", label: "Billing" });
    }
    foreign.webhookSourceId = await created("/api/v1/webhook-sources", {
      name: "B widget",
      source: "b-widget",
      mapping: {
        conversationExternalId: "$.id",
        "customer.externalId": "$.user",
        messages: { path: "$.messages[*]", role: "customer", text: "$.text", ts: "$.ts" },
      },
    });
  });

  /** Allowed means past every guard, and a server error is never an acceptable answer. */
  const expectAllowed = (status: number) => {
    expect(status).toBeLessThan(500);
    expect([401, 403]).not.toContain(status);
  };

  it("lists every route the API serves", () => {
    const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    const served = Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
      Object.keys(item as object).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(served.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [route, spec] of Object.entries(MATRIX)) {
    const method = route.split(" ")[0]!;
    const send = (s: Session, path: string) =>
      s.request(method, path, spec.body?.() ?? (method === "GET" ? undefined : {}));

    if (spec.roles !== "public") {
      it(`${route}: 401 without a session or key`, async () => {
        const res = await app.request(spec.path(a), { method });
        expect(res.status).toBe(401);
        expect(await errorCode(res)).toBe("UNAUTHENTICATED");
      });

      for (const role of ALL) {
        const allowed = spec.roles.includes(role);
        it(`${route}: ${role} is ${allowed ? "allowed" : "refused with 403"}`, async () => {
          // Logging out ends the session, so that route gets a session of its own.
          const session = route.endsWith("/logout")
            ? await loginAs(app, a.users[role].email)
            : sessions[role];
          const res = await send(session, spec.path(a));
          if (allowed) expectAllowed(res.status);
          else expect(res.status).toBe(403);
        });
      }

      if (method !== "GET") {
        it(`${route}: cookie write without the CSRF token is refused`, async () => {
          const res = await app.request(spec.path(a), {
            method,
            headers: { cookie: sessions.admin.cookie, "content-type": "application/json" },
            body: JSON.stringify(spec.body?.() ?? {}),
          });
          expect(res.status).toBe(403);
          expect(await errorCode(res)).toBe("CSRF_FAILED");
        });
      }

      it(`${route}: API keys ${spec.scope ? `need the '${spec.scope}' scope` : "are refused"}`, async () => {
        const body = spec.body?.();
        const wrongScope = spec.scope === "read" ? keys.ingest : keys.read;
        const refused = await withApiKey(app, wrongScope)(method, spec.path(a), body);
        expect(refused.status).toBe(403);
        const withScope = await withApiKey(
          app,
          spec.scope ? keys[spec.scope === "write" ? "admin" : spec.scope] : keys.admin,
        )(method, spec.path(a), body);
        if (spec.scope) expectAllowed(withScope.status);
        else expect(withScope.status).toBe(403);
      });
    }

    if (spec.roles === "public" && method === "GET") {
      it(`${route}: public, answers without a login`, async () => {
        expect((await app.request(spec.path(a))).status).toBe(200);
      });
    }

    if (spec.roles === "public" && method !== "GET") {
      it(`${route}: public, and an empty body is never a server error`, async () => {
        const res = await app.request(spec.path(a), {
          method,
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      });
    }

    if (spec.foreignPath) {
      it(`${route}: another organization's id answers 404`, async () => {
        const res = await send(sessions.admin, spec.foreignPath!(b));
        expect(res.status).toBe(404);
        if (spec.scope) {
          const viaKey = await withApiKey(app, keys.admin)(
            method,
            spec.foreignPath!(b),
            spec.body?.(),
          );
          expect(viaKey.status).toBe(404);
        }
      });
      it(`${route}: a malformed id answers 400 naming the parameter`, async () => {
        const path = spec.path(a).replace(/[0-9a-f-]{36}/, "not-a-uuid");
        const res = await send(sessions.admin, path);
        expect(res.status).toBe(400);
        const body = (await res.json()) as { error: { message: string } };
        expect(body.error.message).toContain("param.id");
      });
    }
  }
});

import { randomUUID } from "node:crypto";
import { ALL, foreign, type RouteSpec } from "./spec.ts";

/** Org A's QA records: a scorecard with a draft version 1, and the agent's automatic evaluation. */
export const qaIds = { scorecardA: "", evaluationA: "" };
const QA_DEFINITION = {
  name: "Matrix card",
  channels: ["chat"],
  sections: [{ key: "s", name: "S", criteria: [{ key: "greeting", name: "Greets", weight: 100 }] }],
};

export const QA_ROUTES: Record<string, RouteSpec> = {
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
  // Claims are a person's: no API keys. Random ids: authorised callers get 404 and claim nothing.
  "POST /api/v1/qa/queue/{id}/claim": {
    roles: ["admin", "leader", "qa"],
    scope: null,
    path: () => `/api/v1/qa/queue/${randomUUID()}/claim`,
    foreignPath: () => `/api/v1/qa/queue/${foreign.reviewAssignmentId}/claim`,
  },
  "DELETE /api/v1/qa/queue/{id}/claim": {
    roles: ["admin", "leader", "qa"],
    scope: null,
    path: () => `/api/v1/qa/queue/${randomUUID()}/claim`,
    foreignPath: () => `/api/v1/qa/queue/${foreign.reviewAssignmentId}/claim`,
  },
  // Handing work out is a leader's: API keys with the write scope too (a router of work).
  "PUT /api/v1/qa/queue/{id}/assignee": {
    roles: ["admin", "leader"],
    scope: "write",
    path: () => `/api/v1/qa/queue/${randomUUID()}/assignee`,
    foreignPath: () => `/api/v1/qa/queue/${foreign.reviewAssignmentId}/assignee`,
    body: () => ({ userId: null }),
  },
  // Random ids: each is answered "not_found" in a 200, so the matrix hands nothing out. Another
  // organization's ids are per-item outcomes, tested in handout.routes.test.ts.
  "POST /api/v1/qa/queue/assignments": {
    roles: ["admin", "leader"],
    scope: "write",
    path: () => "/api/v1/qa/queue/assignments",
    body: () => ({ ids: [randomUUID(), randomUUID()], userId: null }),
  },
  "GET /api/v1/qa/settings": {
    roles: ["admin", "leader", "qa"],
    scope: "read",
    path: () => "/api/v1/qa/settings",
  },
  // The default written back: the matrix changes nothing.
  "PUT /api/v1/qa/settings": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/qa/settings",
    body: () => ({ claimLapseHours: 24 }),
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
};

import { randomUUID } from "node:crypto";
import { ALL, foreign, suffix, type RouteSpec } from "./spec.ts";

/** Surveys, invitations, follow-ups and their reports. */
export const SURVEY_ROUTES: Record<string, RouteSpec> = {
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
  "POST /api/v1/pulse-surveys": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/pulse-surveys",
    body: () => ({ name: `Pulse ${suffix()}` }),
  },
  "GET /api/v1/pulse-surveys": { roles: ALL, scope: "read", path: () => "/api/v1/pulse-surveys" },
  "POST /api/v1/pulse-surveys/{id}/responses": {
    roles: ALL,
    scope: null,
    path: () => `/api/v1/pulse-surveys/${randomUUID()}/responses`,
    foreignPath: () => `/api/v1/pulse-surveys/${foreign.pulseId}/responses`,
    body: () => ({ score: 8 }),
  },
  "PATCH /api/v1/pulse-surveys/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/pulse-surveys/${randomUUID()}`,
    foreignPath: () => `/api/v1/pulse-surveys/${foreign.pulseId}`,
    body: () => ({ closed: true }),
  },
  "GET /api/v1/pulse-surveys/{id}/results": {
    roles: ["admin", "leader", "exec"],
    scope: "read",
    path: () => `/api/v1/pulse-surveys/${randomUUID()}/results`,
    foreignPath: () => `/api/v1/pulse-surveys/${foreign.pulseId}/results`,
  },
};

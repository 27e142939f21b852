import { randomUUID } from "node:crypto";
import type { RoleName } from "../../src/db/schema/index.ts";
import { ALL, type RouteSpec } from "./spec.ts";

const analysts: RoleName[] = ["admin", "leader", "qa", "exec"];
const coaches: RoleName[] = ["admin", "leader", "qa"];
const goalSetters: RoleName[] = ["admin", "leader"];

/**
 * People routes. Privacy beyond roles: an agent gets 403 for another agent's scorecard and for any
 * team or org view (individual figures) unless the org opts in (`denied` rows below, and the
 * opt-in in people.contract.test.ts); the leaderboard is refused to everyone, keys included, until
 * the org turns it on (organizations here keep the default: off).
 */
export const PEOPLE_ROUTES: Record<string, RouteSpec> = {
  "GET /api/v1/agents/{id}/scorecard": {
    roles: ALL,
    scope: "read",
    path: (a) => `/api/v1/agents/${a.agentId}/scorecard`,
    foreignPath: (b) => `/api/v1/agents/${b.agentId}/scorecard`,
    denied: [{ role: "agent", path: (a) => `/api/v1/agents/${a.otherAgentId}/scorecard` }],
  },
  "GET /api/v1/teams/{id}/scorecards": {
    roles: analysts,
    scope: "read",
    path: (a) => `/api/v1/teams/${a.teamId}/scorecards`,
    foreignPath: (b) => `/api/v1/teams/${b.teamId}/scorecards`,
  },
  "GET /api/v1/people/scorecards": {
    roles: analysts,
    scope: "read",
    path: () => "/api/v1/people/scorecards",
  },
  "GET /api/v1/people/leaderboard": {
    roles: [],
    scope: null,
    path: () => "/api/v1/people/leaderboard",
  },
  "GET /api/v1/people/settings": {
    roles: ALL,
    scope: "read",
    path: () => "/api/v1/people/settings",
  },
  "PUT /api/v1/people/settings": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/people/settings",
    body: () => ({ weights: { default: { qa_auto: 0.6, csat: 0.4 } } }),
  },
  "GET /api/v1/people/goals": { roles: ALL, scope: "read", path: () => "/api/v1/people/goals" },
  "POST /api/v1/people/goals": {
    roles: goalSetters,
    scope: "write",
    path: () => "/api/v1/people/goals",
    body: () => ({ scope: "org", metric: "fcr", target: 0.9, dueOn: "2027-12-31" }),
  },
  "DELETE /api/v1/people/goals/{id}": {
    roles: goalSetters,
    scope: "write",
    path: () => `/api/v1/people/goals/${randomUUID()}`,
  },
  "GET /api/v1/people/alerts": {
    roles: analysts,
    scope: "read",
    path: () => "/api/v1/people/alerts",
  },
  "POST /api/v1/people/coaching/agenda": {
    roles: coaches,
    scope: "write",
    path: () => "/api/v1/people/coaching/agenda",
    body: () => ({ agentId: randomUUID() }),
  },
  "GET /api/v1/people/coaching-sessions": {
    roles: ALL,
    scope: "read",
    path: () => "/api/v1/people/coaching-sessions",
  },
  "POST /api/v1/people/coaching-sessions": {
    roles: coaches,
    scope: "write",
    path: () => "/api/v1/people/coaching-sessions",
    body: () => ({ agentId: randomUUID(), metric: "qa_auto" }),
  },
  "GET /api/v1/people/coaching-sessions/{id}": {
    roles: ALL,
    scope: "read",
    path: () => `/api/v1/people/coaching-sessions/${randomUUID()}`,
  },
  "PATCH /api/v1/people/coaching-sessions/{id}": {
    roles: coaches,
    scope: "write",
    path: () => `/api/v1/people/coaching-sessions/${randomUUID()}`,
    body: () => ({ notes: "Follow-up done" }),
  },
  "GET /api/v1/me/home": { roles: ALL, scope: null, path: () => "/api/v1/me/home" },
};

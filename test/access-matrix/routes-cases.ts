import { randomUUID } from "node:crypto";
import type { RoleName } from "../../src/db/schema/index.ts";
import { ALL, suffix, type RouteSpec } from "./spec.ts";

/** Cases-domain records in organization A (`own`) and B (`other`), made in beforeAll. */
export const own = { caseId: "", slaPolicyId: "", rootCauseId: "" };
export const other = { caseId: "", slaPolicyId: "", rootCauseId: "" };
export const casePolicy = () => ({
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

export const CASE_ROUTES: Record<string, RouteSpec> = {
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
};

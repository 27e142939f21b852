import { ALL, suffix, type RouteSpec } from "./spec.ts";

/** Vendor ids made in the matrix's setup: one in org A, one in org B for the cross-tenant checks. */
export const vendorIds = { own: "", other: "" };

const LEADERS: RouteSpec["roles"] = ["admin", "leader", "qa", "exec"];
const contract = () => ({
  name: "Matrix contract",
  startsOn: "2026-01",
  monthlyFee: 1000,
  currency: "USD",
  serviceLevels: [{ metric: "fcr", target: 50, bands: [{ from: 0, to: null, creditPercent: 1 }] }],
});

/** Promises, vendors and personas. */
export const INSIGHTS_PEOPLE_ROUTES: Record<string, RouteSpec> = {
  "GET /api/v1/promises": { roles: LEADERS, scope: "read", path: () => "/api/v1/promises" },
  "GET /api/v1/promises/keep-rate": {
    roles: LEADERS,
    scope: "read",
    path: () => "/api/v1/promises/keep-rate?by=agent",
  },
  "GET /api/v1/promises/response-times": {
    roles: LEADERS,
    scope: "read",
    path: () => "/api/v1/promises/response-times",
  },
  "GET /api/v1/promises/stated-response-times": {
    roles: LEADERS,
    scope: "read",
    path: () => "/api/v1/promises/stated-response-times",
  },
  "PUT /api/v1/promises/stated-response-times": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/promises/stated-response-times",
    body: () => ({ channels: { email: { minutes: 1440, text: "We reply within 24 hours" } } }),
  },
  "GET /api/v1/vendors": { roles: LEADERS, scope: "read", path: () => "/api/v1/vendors" },
  "POST /api/v1/vendors": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/vendors",
    body: () => ({ name: `V ${suffix()}`, teamIds: [] }),
  },
  "PATCH /api/v1/vendors/{id}": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/vendors/${vendorIds.own}`,
    foreignPath: () => `/api/v1/vendors/${vendorIds.other}`,
    body: () => ({ teamIds: [] }),
  },
  "POST /api/v1/vendors/{id}/contracts": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/vendors/${vendorIds.own}/contracts`,
    foreignPath: () => `/api/v1/vendors/${vendorIds.other}/contracts`,
    body: contract,
  },
  "POST /api/v1/vendors/{id}/metrics/import": {
    roles: ["admin"],
    scope: "admin",
    path: () => `/api/v1/vendors/${vendorIds.own}/metrics/import`,
    foreignPath: () => `/api/v1/vendors/${vendorIds.other}/metrics/import`,
    body: () => ({ csv: "month,metric,value\n2026-10,abandonment,4" }),
  },
  "GET /api/v1/vendors/{id}/statement": {
    roles: LEADERS,
    scope: "read",
    path: () => `/api/v1/vendors/${vendorIds.own}/statement?month=2026-10`,
    foreignPath: () => `/api/v1/vendors/${vendorIds.other}/statement?month=2026-10`,
  },
  "GET /api/v1/vendors/compare": {
    roles: LEADERS,
    scope: "read",
    path: () => "/api/v1/vendors/compare?month=2026-10",
  },
  "GET /api/v1/personas": { roles: ALL, scope: "read", path: () => "/api/v1/personas" },
  "GET /api/v1/customers/{id}/persona": {
    roles: ALL,
    scope: "read",
    path: (a) => `/api/v1/customers/${a.customerId}/persona`,
    foreignPath: (b) => `/api/v1/customers/${b.customerId}/persona`,
  },
  "POST /api/v1/personas/recompute": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/personas/recompute",
  },
};

import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/client.ts";
import type { RoleName } from "../../src/db/schema/index.ts";
import { insertFix } from "../../src/domains/insights/fixes.repo.ts";
import { insertReason } from "../../src/domains/insights/reasons.repo.ts";
import type { TestOrg } from "../factories.ts";
import type { RouteSpec } from "./spec.ts";

/** A contact reason and a fix in organization A (`own`) and B (`other`), made in beforeAll. */
export const insightIds = {
  own: { reasonId: "", fixId: "" },
  other: { reasonId: "", fixId: "" },
};

export async function setUpInsights(db: Db, a: TestOrg, b: TestOrg): Promise<void> {
  for (const [org, ids] of [
    [a, insightIds.own],
    [b, insightIds.other],
  ] as const) {
    ids.reasonId = (await insertReason(db, { orgId: org.orgId, label: "card / arriv" })).id;
    ids.fixId = (
      await insertFix(db, {
        orgId: org.orgId,
        title: "Matrix fix",
        shippedAt: new Date("2026-10-01T00:00:00Z"),
        target: { search: "card" },
      })
    ).id;
  }
}

const readers: RoleName[] = ["admin", "leader", "exec", "qa"];
const editors: RoleName[] = ["admin", "leader"];
const reason = (tail: string, spec: Omit<RouteSpec, "path" | "foreignPath">): RouteSpec => ({
  ...spec,
  path: () => `/api/v1/insights/reasons/${insightIds.own.reasonId}${tail}`,
  foreignPath: () => `/api/v1/insights/reasons/${insightIds.other.reasonId}${tail}`,
});
const fix = (tail: string, spec: Omit<RouteSpec, "path" | "foreignPath">): RouteSpec => ({
  ...spec,
  path: () => `/api/v1/fixes/${insightIds.own.fixId}${tail}`,
  foreignPath: () => `/api/v1/fixes/${insightIds.other.fixId}${tail}`,
});

export const INSIGHTS_ROUTES: Record<string, RouteSpec> = {
  "GET /api/v1/insights/reasons": {
    roles: readers,
    scope: "read",
    path: () => "/api/v1/insights/reasons",
  },
  "GET /api/v1/insights/reasons/{id}": reason("", { roles: readers, scope: "read" }),
  "PATCH /api/v1/insights/reasons/{id}": reason("", {
    roles: editors,
    scope: "write",
    body: () => ({ pinned: true }),
  }),
  "POST /api/v1/insights/reasons/{id}/merge": reason("/merge", {
    roles: editors,
    scope: "write",
    body: () => ({ reasonIds: [randomUUID()] }),
  }),
  "POST /api/v1/insights/reasons/{id}/split": reason("/split", { roles: editors, scope: "write" }),
  "PUT /api/v1/conversations/{id}/contact-reason": {
    roles: editors,
    scope: "write",
    path: (a) => `/api/v1/conversations/${a.conversationId}/contact-reason`,
    foreignPath: (b) => `/api/v1/conversations/${b.conversationId}/contact-reason`,
    body: () => ({ reasonId: null }),
  },
  "POST /api/v1/insights/reasons/recluster": {
    roles: editors,
    scope: "write",
    path: () => "/api/v1/insights/reasons/recluster",
    body: () => ({}),
  },
  "GET /api/v1/insights/digest": {
    roles: readers,
    scope: "read",
    path: () => "/api/v1/insights/digest",
  },
  "POST /api/v1/fixes": {
    roles: editors,
    scope: "write",
    path: () => "/api/v1/fixes",
    body: () => ({ title: "A fix", shippedAt: "2026-10-01T00:00:00Z", target: { search: "card" } }),
  },
  "GET /api/v1/fixes": { roles: readers, scope: "read", path: () => "/api/v1/fixes" },
  "GET /api/v1/fixes/{id}": fix("", { roles: readers, scope: "read" }),
  "GET /api/v1/fixes/{id}/impact": fix("/impact", { roles: readers, scope: "read" }),
  "PATCH /api/v1/fixes/{id}": fix("", {
    roles: editors,
    scope: "write",
    body: () => ({ description: "Shipped to every region" }),
  }),
  // Allowed callers get 404 for an unknown fix (the matrix's own fix stays for the other rows).
  "DELETE /api/v1/fixes/{id}": {
    roles: editors,
    scope: "write",
    path: () => `/api/v1/fixes/${randomUUID()}`,
    foreignPath: () => `/api/v1/fixes/${insightIds.other.fixId}`,
  },
};

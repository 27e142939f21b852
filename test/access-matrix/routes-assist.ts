import type { Db } from "../../src/db/client.ts";
import type { RoleName } from "../../src/db/schema/index.ts";
import { createRewrite, createRule } from "../../src/domains/assist/library.service.ts";
import { createArticle } from "../../src/domains/kb/index.ts";
import type { TestOrg } from "../factories.ts";
import { ALL, suffix, type RouteSpec } from "./spec.ts";

/** Knowledge-base and assist records in organization A (`own`) and B (`other`). */
const own = { articleId: "", ruleId: "", rewriteId: "" };
const other = { articleId: "", ruleId: "", rewriteId: "" };

export async function setUpAssist(db: Db, a: TestOrg, b: TestOrg): Promise<void> {
  for (const [org, ids] of [
    [a, own],
    [b, other],
  ] as const) {
    ids.articleId = (
      await createArticle(db, org.orgId, { title: "Refunds", body: "How to refund." })
    ).id;
    ids.ruleId = (
      await createRule(db, org.orgId, {
        name: `Matrix ${suffix()}`,
        kind: "action",
        title: "Do it",
        conditions: [{ type: "signal", name: "complaint" }],
        priority: 1,
        enabled: true,
      })
    ).id;
    ids.rewriteId = (
      await createRewrite(db, org.orgId, {
        signal: "jargon",
        phrases: [],
        suggestion: "Plain words",
        principle: "Be clear",
        enabled: true,
      })
    ).id;
  }
}

const editors: RoleName[] = ["admin", "leader", "qa", "agent"];
const owners: RoleName[] = ["admin", "leader"];
const byId = (
  base: string,
  key: keyof typeof own,
  spec: Omit<RouteSpec, "path" | "foreignPath">,
): RouteSpec => ({
  ...spec,
  path: () => `${base}/${own[key]}`,
  foreignPath: () => `${base}/${other[key]}`,
});
const rule = () => ({
  name: `R ${suffix()}`,
  kind: "offer",
  title: "Offer",
  conditions: [{ type: "signal", name: "churn_threat" }],
});
const rewrite = () => ({ signal: "jargon", suggestion: "Say it plainly", principle: "Clarity" });

export const ASSIST_ROUTES: Record<string, RouteSpec> = {
  "GET /api/v1/kb/articles": { roles: ALL, scope: "read", path: () => "/api/v1/kb/articles" },
  "POST /api/v1/kb/articles": {
    roles: editors,
    scope: "write",
    path: () => "/api/v1/kb/articles",
    body: () => ({ title: "T", body: "B" }),
  },
  "GET /api/v1/kb/articles/{id}": byId("/api/v1/kb/articles", "articleId", {
    roles: ALL,
    scope: "read",
  }),
  "PATCH /api/v1/kb/articles/{id}": byId("/api/v1/kb/articles", "articleId", {
    roles: editors,
    scope: "write",
    body: () => ({ title: "Refunds, edited" }),
  }),
  "DELETE /api/v1/kb/articles/{id}": byId("/api/v1/kb/articles", "articleId", {
    roles: editors,
    scope: "write",
  }),
  "POST /api/v1/kb/import": {
    roles: editors,
    scope: "write",
    path: () => "/api/v1/kb/import",
    body: () => ({ format: "markdown", fileName: `${suffix()}.md`, content: "# A\n\nB" }),
  },
  "GET /api/v1/kb/search": { roles: ALL, scope: "read", path: () => "/api/v1/kb/search?q=refund" },
  "POST /api/v1/assist": {
    roles: ALL,
    scope: "read",
    path: () => "/api/v1/assist",
    body: () => ({ messages: [{ role: "customer", text: "I want a refund" }] }),
  },
  "POST /api/v1/assist/suggestions": {
    roles: ["admin", "leader", "agent"],
    scope: "write",
    path: () => "/api/v1/assist/suggestions",
    body: () => ({ ruleId: own.ruleId, conversationRef: "call-1", decision: "used" }),
  },
  "GET /api/v1/assist/wallboard": {
    roles: ["admin", "leader", "exec"],
    scope: "read",
    path: () => "/api/v1/assist/wallboard",
  },
  "POST /api/v1/assist/conversations/{ref}/join-requests": {
    roles: owners,
    scope: "write",
    path: () => "/api/v1/assist/conversations/call-1/join-requests",
    body: () => ({}),
  },
  "GET /api/v1/assist/conversations/{ref}/join-requests": {
    roles: ALL,
    scope: "read",
    path: () => "/api/v1/assist/conversations/call-1/join-requests",
  },
  "GET /api/v1/assist/rewrites": {
    roles: ALL,
    scope: "read",
    path: () => "/api/v1/assist/rewrites",
  },
  "POST /api/v1/assist/rewrites/curated": {
    roles: owners,
    scope: "write",
    path: () => "/api/v1/assist/rewrites/curated",
  },
  "POST /api/v1/assist/rewrites": {
    roles: owners,
    scope: "write",
    path: () => "/api/v1/assist/rewrites",
    body: rewrite,
  },
  "PATCH /api/v1/assist/rewrites/{id}": byId("/api/v1/assist/rewrites", "rewriteId", {
    roles: owners,
    scope: "write",
    body: () => ({ enabled: true }),
  }),
  "DELETE /api/v1/assist/rewrites/{id}": byId("/api/v1/assist/rewrites", "rewriteId", {
    roles: owners,
    scope: "write",
  }),
  "GET /api/v1/assist/rules": { roles: ALL, scope: "read", path: () => "/api/v1/assist/rules" },
  "POST /api/v1/assist/rules": {
    roles: owners,
    scope: "write",
    path: () => "/api/v1/assist/rules",
    body: rule,
  },
  "PATCH /api/v1/assist/rules/{id}": byId("/api/v1/assist/rules", "ruleId", {
    roles: owners,
    scope: "write",
    body: () => ({ enabled: true }),
  }),
  "DELETE /api/v1/assist/rules/{id}": byId("/api/v1/assist/rules", "ruleId", {
    roles: owners,
    scope: "write",
  }),
  "GET /api/v1/assist/rules/report": {
    roles: ALL,
    scope: "read",
    path: () => "/api/v1/assist/rules/report",
  },
};

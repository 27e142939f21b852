import { ALL, type RouteSpec } from "./spec.ts";

/** The language-model provider's settings, summaries and suggested replies (docs/llm.md). */
export const LLM_ROUTES: Record<string, RouteSpec> = {
  "GET /api/v1/settings/llm": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/settings/llm",
  },
  // Off is the default, so the matrix changes nothing that matters.
  "PUT /api/v1/settings/llm": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/settings/llm",
    body: () => ({ enabled: false }),
  },
  "POST /api/v1/conversations/{id}/summary": {
    roles: ALL,
    scope: "read",
    path: (a) => `/api/v1/conversations/${a.conversationId}/summary`,
    foreignPath: (b) => `/api/v1/conversations/${b.conversationId}/summary`,
  },
  "POST /api/v1/assist/reply-suggestion": {
    roles: ["admin", "leader", "agent"],
    scope: "read",
    path: () => "/api/v1/assist/reply-suggestion",
    body: () => ({ messages: [{ role: "customer", text: "Where is my parcel?" }] }),
  },
};

import { randomUUID } from "node:crypto";
import { ALL, foreign, suffix, type RouteSpec } from "./spec.ts";

/** Auth, conversations, reports, settings, channels, privacy and backup routes. */
export const CORE_ROUTES: Record<string, RouteSpec> = {
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
  // Public, authenticated by the delivery's HMAC signature (see webhooks.routes.test.ts).
  "POST /api/v1/webhooks/{sourceId}": {
    roles: "public",
    scope: null,
    path: () => `/api/v1/webhooks/${randomUUID()}`,
  },
};

import { expect } from "vitest";
import type { RoleName } from "../../src/db/schema/index.ts";
import type { TestOrg } from "../factories.ts";
import { loginAs, type TestApp } from "../http.ts";
import type { RouteSpec } from "./spec.ts";

/** A handed-off widget chat in organization A (`own`) and B (`other`), made in beforeAll. */
export const widgetIds = { own: "", other: "" };
const ORIGIN = "https://matrix.example.test";
const answerers: RoleName[] = ["admin", "leader", "agent"];

/** Turns the widget on in an organization and hands one visitor's chat to a person. */
async function handedOffChat(app: TestApp, org: TestOrg): Promise<string> {
  const admin = await loginAs(app, org.users.admin.email);
  const put = await admin.request("PUT", "/api/v1/widget-settings", {
    enabled: true,
    allowedOrigins: [ORIGIN],
  });
  expect(put.status).toBe(200);
  const post = (path: string, body: unknown, token?: string) =>
    app.request(`/api/v1/widget/${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        ...(token ? { "x-widget-token": token } : {}),
      },
      body: JSON.stringify(body),
    });
  const session = (await (await post("sessions", { org: org.slug })).json()) as {
    token: string;
    chatId: string;
  };
  expect((await post("messages", { text: "A human please" }, session.token)).status).toBe(201);
  return session.chatId;
}

export async function setUpWidget(app: TestApp, a: TestOrg, b: TestOrg): Promise<void> {
  widgetIds.own = await handedOffChat(app, a);
  widgetIds.other = await handedOffChat(app, b);
}

const chatRoute = (tail: string, spec: Omit<RouteSpec, "path" | "foreignPath">): RouteSpec => ({
  ...spec,
  path: () => `/api/v1/inbox/${widgetIds.own}${tail}`,
  foreignPath: () => `/api/v1/inbox/${widgetIds.other}${tail}`,
});

/**
 * The widget's public routes answer without a login and check the visitor's token and the page's
 * origin themselves (widget.flow.test.ts); the inbox is for the people who answer chats.
 */
export const WIDGET_ROUTES: Record<string, RouteSpec> = {
  "POST /api/v1/widget/sessions": {
    roles: "public",
    scope: null,
    path: () => "/api/v1/widget/sessions",
  },
  "POST /api/v1/widget/messages": {
    roles: "public",
    scope: null,
    path: () => "/api/v1/widget/messages",
  },
  "POST /api/v1/widget/poll": { roles: "public", scope: null, path: () => "/api/v1/widget/poll" },
  "POST /api/v1/widget/handoff": {
    roles: "public",
    scope: null,
    path: () => "/api/v1/widget/handoff",
  },
  "GET /api/v1/widget-settings": {
    roles: ["admin", "leader"],
    scope: "read",
    path: () => "/api/v1/widget-settings",
  },
  "PUT /api/v1/widget-settings": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/widget-settings",
    body: () => ({ enabled: true, allowedOrigins: [ORIGIN] }),
  },
  "GET /api/v1/inbox": { roles: answerers, scope: "read", path: () => "/api/v1/inbox" },
  "GET /api/v1/inbox/{id}": chatRoute("", { roles: answerers, scope: "read" }),
  "POST /api/v1/inbox/{id}/take": chatRoute("/take", { roles: answerers, scope: null }),
  "POST /api/v1/inbox/{id}/assign": chatRoute("/assign", {
    roles: ["admin", "leader"],
    scope: "write",
    body: () => ({ userId: "00000000-0000-4000-8000-000000000000" }),
  }),
  "POST /api/v1/inbox/{id}/replies": chatRoute("/replies", {
    roles: answerers,
    scope: null,
    body: () => ({ text: "Hello, how can I help?" }),
  }),
  "POST /api/v1/inbox/{id}/close": chatRoute("/close", { roles: answerers, scope: "write" }),
  "GET /api/v1/handoff-quality": {
    roles: ["admin", "leader", "qa", "exec"],
    scope: "read",
    path: () => "/api/v1/handoff-quality",
  },
};

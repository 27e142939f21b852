import { createRoute } from "@hono/zod-openapi";
import { arrivedOverHttps, clientAddress } from "../../http/client.ts";
import { deleteCookie, setCookie } from "hono/cookie";
import { ALL_ROLES, requireAccess, sessionPrincipal } from "../../http/auth.middleware.ts";
import { createRouter, standardErrors } from "../../http/openapi.ts";
import { ChangePasswordBodySchema, LoginBodySchema, MeSchema } from "./auth.schemas.ts";
import * as auth from "./auth.service.ts";

const loginRoute = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "Log in with email and password; sets the session cookie",
  request: {
    body: { content: { "application/json": { schema: LoginBodySchema } }, required: true },
  },
  responses: {
    200: { description: "Logged in", content: { "application/json": { schema: MeSchema } } },
    400: standardErrors[400],
    401: standardErrors[401],
    429: {
      description:
        "Too many wrong passwords for this account or from this client; Retry-After says when to try again",
      content: standardErrors[401].content,
      headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } },
    },
  },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["auth"],
  summary: "End the current session",
  middleware: [requireAccess({ roles: ALL_ROLES })] as const,
  responses: {
    204: { description: "Logged out" },
    401: standardErrors[401],
    403: standardErrors[403],
  },
});

const meRoute = createRoute({
  method: "get",
  path: "/auth/me",
  tags: ["auth"],
  summary: "The logged-in user, organization, role and CSRF token",
  middleware: [requireAccess({ roles: ALL_ROLES })] as const,
  responses: {
    200: { description: "Current session", content: { "application/json": { schema: MeSchema } } },
    401: standardErrors[401],
    403: standardErrors[403],
  },
});

const passwordRoute = createRoute({
  method: "post",
  path: "/auth/password",
  tags: ["auth"],
  summary: "Change your password (ends your other sessions)",
  middleware: [requireAccess({ roles: ALL_ROLES })] as const,
  request: {
    body: { content: { "application/json": { schema: ChangePasswordBodySchema } }, required: true },
  },
  responses: { 204: { description: "Changed" }, ...standardErrors },
});

export function authRoutes() {
  const router = createRouter();
  router.openapi(loginRoute, async (c) => {
    const { email, password, org } = c.req.valid("json");
    const result = await auth.login(c.var.deps.db, email, password, org, {
      client: clientAddress(c),
    });
    setCookie(c, auth.SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: "Lax",
      // Secure whenever the request came over HTTPS (behind a proxy: RAPPORT_TRUST_PROXY), or always when configured.
      secure: c.var.deps.config.cookieSecure || arrivedOverHttps(c),
      path: "/",
      expires: result.expiresAt,
    });
    return c.json(result.me, 200);
  });
  router.openapi(logoutRoute, async (c) => {
    await auth.logout(c.var.deps.db, sessionPrincipal(c).sessionId);
    deleteCookie(c, auth.SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });
  router.openapi(meRoute, async (c) =>
    c.json(await auth.getMe(c.var.deps.db, sessionPrincipal(c)), 200),
  );
  router.openapi(passwordRoute, async (c) => {
    const body = c.req.valid("json");
    await auth.changePassword(
      c.var.deps.db,
      sessionPrincipal(c),
      body.currentPassword,
      body.newPassword,
    );
    return c.body(null, 204);
  });
  return router;
}

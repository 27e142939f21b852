import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { ApiScope, RoleName } from "../db/schema/index.ts";
// Imported from the service file, not the domain index, because the domain's routes import this module.
import { resolveApiKey, resolveSession, SESSION_COOKIE } from "../domains/auth/auth.service.ts";
import type { AppEnv, Principal } from "./context.ts";
import { AppError } from "./errors.ts";

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Resolves who is calling (API key or session cookie) without deciding whether that is enough. */
export const resolvePrincipal: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db } = c.var.deps;
  let principal: Principal | null = null;
  const authorization = c.req.header("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1])
      throw new AppError("UNAUTHENTICATED", {
        message: "Authorization must be 'Bearer <api key>'",
      });
    principal = await resolveApiKey(db, match[1]);
    if (!principal)
      throw new AppError("UNAUTHENTICATED", { message: "API key is invalid or revoked" });
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) principal = await resolveSession(db, token);
  }
  c.set("principal", principal);
  await next();
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface Access {
  /** Roles allowed for cookie sessions. */
  roles: readonly RoleName[];
  /** Scope an API key needs; omit to refuse API keys. `admin` implies every other scope. */
  scope?: ApiScope;
}

export const ALL_ROLES: readonly RoleName[] = ["admin", "leader", "qa", "agent", "exec"];

/**
 * Route guard: 401 without a principal, 403 for a wrong role or scope, and a CSRF check for
 * cookie-authenticated writes (the token is bound to the session and sent in X-CSRF-Token).
 */
export function requireAccess(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.var.principal;
    if (!principal) throw new AppError("UNAUTHENTICATED", { message: "Log in or send an API key" });
    if (principal.kind === "session") {
      if (!SAFE_METHODS.has(c.req.method)) {
        const sent = c.req.header("x-csrf-token") ?? "";
        if (!safeEqual(sent, principal.csrfToken)) {
          throw new AppError("CSRF_FAILED", { message: "Missing or wrong X-CSRF-Token header" });
        }
      }
      if (!access.roles.includes(principal.role)) {
        throw new AppError("FORBIDDEN", {
          message: `Your role (${principal.role}) cannot do this`,
        });
      }
    } else {
      const scope = access.scope;
      if (!scope)
        throw new AppError("FORBIDDEN", { message: "This route is not available to API keys" });
      if (!principal.scopes.includes(scope) && !principal.scopes.includes("admin")) {
        throw new AppError("FORBIDDEN", { message: `API key lacks the '${scope}' scope` });
      }
    }
    await next();
  };
}

/** The signed-in user of a session-only route (one whose guard refuses API keys). */
export function sessionPrincipal(c: Context<AppEnv>) {
  const p = c.var.principal;
  if (p?.kind !== "session")
    throw new AppError("FORBIDDEN", { message: "Only for logged-in users" });
  return p;
}

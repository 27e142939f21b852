import type { MiddlewareHandler } from "hono";
import { resolveApiKey } from "../domains/auth/index.ts";
import type { AppEnv, Principal } from "../http/context.ts";
import { AppError } from "../lib/errors.ts";

/** Platforms stream calls with an API key holding `ingest` (or `admin`). */
export function canStreamCalls(principal: Principal): boolean {
  return (
    principal.kind === "apikey" &&
    (principal.scopes.includes("ingest") || principal.scopes.includes("admin"))
  );
}

/**
 * Handshake guard of `/api/v1/live`: an API key (Authorization header, or `?access_token=` since
 * browser WebSocket clients cannot set headers) with `ingest` to stream or `read` to subscribe, or
 * a session cookie of any role to subscribe. Refusals are ordinary HTTP errors before the upgrade.
 */
export const authorizeLive: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new AppError("VALIDATION_FAILED", {
      message: "This route speaks WebSocket: connect with 'Upgrade: websocket'",
    });
  }
  let principal = c.var.principal;
  const token = c.req.query("access_token");
  if (!principal && token) {
    principal = await resolveApiKey(c.var.deps.db, token);
    if (!principal)
      throw new AppError("UNAUTHENTICATED", { message: "API key is invalid or revoked" });
    c.set("principal", principal);
  }
  if (!principal) throw new AppError("UNAUTHENTICATED", { message: "Log in or send an API key" });
  if (principal.kind === "apikey") {
    if (!canStreamCalls(principal) && !principal.scopes.includes("read")) {
      throw new AppError("FORBIDDEN", {
        message: "API key needs the 'ingest' scope to stream or 'read' to subscribe",
      });
    }
  } else {
    // Cookies ride along on cross-site WebSocket handshakes from same-site pages; refuse other origins.
    const origin = c.req.header("origin");
    if (origin && safeHost(origin) !== c.req.header("host")) {
      throw new AppError("FORBIDDEN", { message: "Cross-origin WebSocket refused" });
    }
  }
  await next();
};

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

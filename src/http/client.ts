import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv } from "./context.ts";

/** The client a trusted proxy names: the last X-Forwarded-For entry (undefined when empty). */
export function lastForwardedFor(header: string | undefined): string | undefined {
  return header?.split(",").at(-1)?.trim() || undefined;
}

/**
 * The client's address: the socket's peer, or with RAPPORT_TRUST_PROXY the last X-Forwarded-For
 * entry (the one our own proxy appended; earlier entries are whatever the client claimed).
 */
export function clientAddress(c: Context<AppEnv>): string | undefined {
  if (c.var.deps.config.trustProxy) {
    const forwarded = lastForwardedFor(c.req.header("x-forwarded-for"));
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // In-process requests (tests, app.request) have no socket.
    return undefined;
  }
}

/** True when the request reached us over HTTPS (directly, or per a trusted proxy's X-Forwarded-Proto). */
export function arrivedOverHttps(c: Context<AppEnv>): boolean {
  if (c.var.deps.config.trustProxy) {
    const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
    if (proto) return proto === "https";
  }
  return new URL(c.req.url).protocol === "https:";
}

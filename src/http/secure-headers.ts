import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** The security headers of every response but /widget.js (which other websites load). */
export const SECURE_HEADERS_OPTIONS: Parameters<typeof secureHeaders>[0] = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    scriptSrc: ["'self'"],
    // No framing (clickjacking), no <base> rewriting of relative URLs, forms post only here.
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
  },
};

/**
 * The headers `secureHeaders(SECURE_HEADERS_OPTIONS)` sets, for the bare routes of
 * `listener.ts`: read from the middleware itself, so the two cannot drift.
 */
export async function secureHeaderList(): Promise<[string, string][]> {
  const probe = new Hono();
  probe.use(secureHeaders(SECURE_HEADERS_OPTIONS));
  probe.get("/", (c) => c.body(null, 204));
  const res = await probe.request("/");
  return [...res.headers];
}

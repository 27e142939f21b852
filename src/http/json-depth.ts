import type { MiddlewareHandler } from "hono";
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from "../lib/input-hygiene.ts";
import type { AppEnv } from "./context.ts";
import { AppError } from "./errors.ts";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Refuses JSON bodies nested deeper than MAX_JSON_DEPTH before anything parses them: storing a
 * 5,000-level document overflowed `JSON.stringify`'s stack (a 500). Webhook deliveries count as
 * JSON whatever their content type. Reads the raw bytes once; Hono caches them for the route.
 */
export const limitJsonDepth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (
    BODY_METHODS.has(c.req.method) &&
    (/json/i.test(type) || c.req.path.startsWith("/api/v1/webhooks/"))
  ) {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (jsonNestsDeeperThan(bytes)) {
      throw new AppError("VALIDATION_FAILED", {
        message: `body: nested deeper than ${MAX_JSON_DEPTH} levels`,
      });
    }
    // Route-level middleware (a route's own body limit) may read the raw stream again.
    c.req.raw = new Request(c.req.raw, { body: bytes });
  }
  await next();
};

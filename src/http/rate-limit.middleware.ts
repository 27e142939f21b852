import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../db/client.ts";
import {
  LocalThrottle,
  recordFailure,
  retryAfterSeconds,
  type ThrottlePolicy,
} from "../domains/throttle/index.ts";
import { clientAddress } from "./client.ts";
import type { AppEnv } from "./context.ts";
import { AppError } from "./errors.ts";

/**
 * Abuse limit for public endpoints (survey answers, the escalation form): every request counts as
 * an attempt against `subjectOf(c)` (default the client address), with the policy's exponential
 * backoff, shared across processes through the database. A blocked caller gets 429 RATE_LIMITED
 * with Retry-After. Login uses the same policies directly, counting only wrong passwords.
 */
export function rateLimit(
  policy: ThrottlePolicy,
  subjectOf: (c: Context<AppEnv>) => string | undefined = clientAddress,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const subject = subjectOf(c);
    if (subject !== undefined) {
      const { db } = c.var.deps;
      const now = new Date();
      const wait = await retryAfterSeconds(db, policy, subject, now);
      if (wait !== null) throw rateLimited(wait);
      await recordFailure(db, policy, subject, now);
    }
    await next();
  };
}

/**
 * The same limit counted in this process's memory (`LocalThrottle`: no database round trip per
 * request; blocks are shared through the database within a second). For hot public endpoints.
 * Each throttle keeps its own counts, so build it once per app (and pass it to every route that
 * shares the limit).
 */
export function localRateLimit(
  policy: ThrottlePolicy,
  subjectOf: (c: Context<AppEnv>) => string | undefined = clientAddress,
  throttle = new LocalThrottle(policy),
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await hitLocalLimit(throttle, c.var.deps.db, subjectOf(c));
    await next();
  };
}

/** Counts one request of `subject` (none when undefined); throws RATE_LIMITED while it is blocked. */
export async function hitLocalLimit(
  throttle: LocalThrottle,
  db: Db,
  subject: string | undefined,
): Promise<void> {
  if (subject === undefined) return;
  const wait = await throttle.hit(db, subject);
  if (wait !== null) throw rateLimited(wait);
}

function rateLimited(wait: number) {
  return new AppError("RATE_LIMITED", {
    message: `Too many requests; try again in ${wait} seconds`,
    details: { retryAfterSeconds: wait },
  });
}

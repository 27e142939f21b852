import { hash } from "node:crypto";
import type { Db } from "../../db/client.ts";
import * as repo from "./throttle.repo.ts";

/**
 * An abuse limit with exponential backoff: `freeAttempts` failures are free; the one that reaches
 * it blocks the subject for `baseBlockSeconds`, and every further failure doubles the block, up to
 * `maxBlockSeconds`. A count idle for `forgetAfterSeconds` starts over.
 */
export interface ThrottlePolicy {
  name: string;
  freeAttempts: number;
  baseBlockSeconds: number;
  maxBlockSeconds: number;
  forgetAfterSeconds: number;
}

/**
 * Wrong passwords for one account (whatever the client): 5 free, then 30 s, 60 s, … up to 15 min.
 * OWASP's guidance (lock out gradually, not forever, so an attacker cannot lock a user out for
 * good); counted per email whether or not it has an account, so the limit reveals nothing.
 */
export const LOGIN_ACCOUNT_POLICY: ThrottlePolicy = {
  name: "login-account",
  freeAttempts: 5,
  baseBlockSeconds: 30,
  maxBlockSeconds: 900,
  forgetAfterSeconds: 3600,
};

/** Restore uploads from one client address to a new instance: 10 free, then 1 min up to 1 hour. */
export const SETUP_POLICY: ThrottlePolicy = {
  name: "setup",
  freeAttempts: 10,
  baseBlockSeconds: 60,
  maxBlockSeconds: 3600,
  forgetAfterSeconds: 3600,
};

/** Wrong passwords from one client address, over any accounts (password spraying): 20 free. */
export const LOGIN_CLIENT_POLICY: ThrottlePolicy = {
  name: "login-client",
  freeAttempts: 20,
  baseBlockSeconds: 30,
  maxBlockSeconds: 900,
  forgetAfterSeconds: 3600,
};

/** How long a subject with `failures` failures is blocked, in seconds; null while attempts are free. */
export function blockSecondsFor(policy: ThrottlePolicy, failures: number): number | null {
  if (failures < policy.freeAttempts) return null;
  const exponent = Math.min(failures - policy.freeAttempts, 30);
  return Math.min(policy.maxBlockSeconds, policy.baseBlockSeconds * 2 ** exponent);
}

/** The stored key: the policy and a hash of the subject, so no email or address is stored. */
export function keyOf(policy: ThrottlePolicy, subject: string): string {
  // One-shot `hash`: creating a Hash object cost as much as hashing (twice per survey answer).
  return `${policy.name}:${hash("sha256", subject)}`;
}

/** Seconds until the subject may try again, or null when it is not blocked. */
export async function retryAfterSeconds(
  db: Db,
  policy: ThrottlePolicy,
  subject: string,
  now = new Date(),
): Promise<number | null> {
  const row = await repo.findThrottle(db, keyOf(policy, subject));
  if (!row?.blockedUntil || row.blockedUntil <= now) return null;
  return Math.max(1, Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000));
}

/** Counts one failure; returns the count and, when this failure starts or extends a block, its length. */
export async function recordFailure(
  db: Db,
  policy: ThrottlePolicy,
  subject: string,
  now = new Date(),
): Promise<{ failures: number; blockedForSeconds: number | null }> {
  const key = keyOf(policy, subject);
  const forgetBefore = new Date(now.getTime() - policy.forgetAfterSeconds * 1000);
  const failures = await repo.addFailure(db, key, now, forgetBefore);
  const seconds = blockSecondsFor(policy, failures);
  if (seconds !== null) await repo.blockUntil(db, key, new Date(now.getTime() + seconds * 1000));
  return { failures, blockedForSeconds: seconds };
}

/** Forgets a subject's failures (after a successful login). */
export async function clearFailures(db: Db, policy: ThrottlePolicy, subject: string) {
  await repo.deleteThrottle(db, keyOf(policy, subject));
}

/** Deletes counts idle for a day: longer than any policy remembers them. */
export async function purgeThrottles(db: Db, now = new Date()): Promise<number> {
  return repo.deleteThrottlesBefore(db, new Date(now.getTime() - 24 * 3600 * 1000));
}

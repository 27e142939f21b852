import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import {
  blockSecondsFor,
  clearFailures,
  LOGIN_ACCOUNT_POLICY,
  purgeThrottles,
  recordFailure,
  retryAfterSeconds,
} from "./throttle.service.ts";

const policy = LOGIN_ACCOUNT_POLICY;

describe("blockSecondsFor", () => {
  it("is free below the threshold, then doubles up to the maximum", () => {
    expect(blockSecondsFor(policy, policy.freeAttempts - 1)).toBeNull();
    expect(blockSecondsFor(policy, policy.freeAttempts)).toBe(policy.baseBlockSeconds);
    expect(blockSecondsFor(policy, policy.freeAttempts + 1)).toBe(policy.baseBlockSeconds * 2);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (failures) => {
        const now = blockSecondsFor(policy, failures) ?? 0;
        const next = blockSecondsFor(policy, failures + 1) ?? 0;
        expect(next).toBeGreaterThanOrEqual(now);
        expect(next).toBeLessThanOrEqual(policy.maxBlockSeconds);
      }),
    );
  });
});

describeEachBackend("throttle store", ({ database }) => {
  const t0 = new Date("2026-11-01T10:00:00Z");
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  it("blocks on the threshold failure, for the policy's time, then lets the subject try again", async () => {
    const db = database().db;
    for (let i = 1; i < policy.freeAttempts; i++) {
      expect(await recordFailure(db, policy, "a@x.test", at(i))).toEqual({
        failures: i,
        blockedForSeconds: null,
      });
      expect(await retryAfterSeconds(db, policy, "a@x.test", at(i))).toBeNull();
    }
    const blocked = await recordFailure(db, policy, "a@x.test", at(10));
    expect(blocked.blockedForSeconds).toBe(policy.baseBlockSeconds);
    expect(await retryAfterSeconds(db, policy, "a@x.test", at(10))).toBe(policy.baseBlockSeconds);
    expect(
      await retryAfterSeconds(db, policy, "a@x.test", at(10 + policy.baseBlockSeconds)),
    ).toBeNull();
    expect(await retryAfterSeconds(db, policy, "b@x.test", at(10))).toBeNull();
  });

  it("counts concurrent failures without losing any (one atomic upsert each)", async () => {
    const db = database().db;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => recordFailure(db, policy, "c@x.test", at(0))),
    );
    expect(results.map((r) => r.failures).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("starts over after the forget period, after clearing, and purges idle counts", async () => {
    const db = database().db;
    for (let i = 0; i < 3; i++) await recordFailure(db, policy, "d@x.test", at(0));
    const later = at(policy.forgetAfterSeconds + 1);
    expect((await recordFailure(db, policy, "d@x.test", later)).failures).toBe(1);
    await clearFailures(db, policy, "d@x.test");
    expect((await recordFailure(db, policy, "d@x.test", later)).failures).toBe(1);
    expect(await purgeThrottles(db, at(10 * 24 * 3600))).toBeGreaterThan(0);
  });

  it("stores no email, only a hash", async () => {
    const db = database().db;
    await recordFailure(db, policy, "secret-person@x.test", at(0));
    const rows = await queryRows<{ key: string }>(db, sql`select key from throttles`);
    expect(JSON.stringify(rows)).not.toContain("secret-person");
  });
});

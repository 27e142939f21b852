import fc from "fast-check";
import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { BLOCK_SYNC_MS, LocalThrottle } from "./local-throttle.ts";
import { retryAfterSeconds, type ThrottlePolicy } from "./throttle.service.ts";

const policy: ThrottlePolicy = {
  name: "test-local",
  freeAttempts: 5,
  baseBlockSeconds: 60,
  maxBlockSeconds: 240,
  forgetAfterSeconds: 600,
};

describeEachBackend("LocalThrottle", ({ database }) => {
  const t0 = Date.parse("2026-11-01T10:00:00Z");
  const at = (seconds: number) => t0 + seconds * 1000;

  it("lets the free attempts through, blocks the next, doubles, and writes the block", async () => {
    const db = database().db;
    const throttle = new LocalThrottle(policy);
    for (let i = 0; i < policy.freeAttempts; i++)
      expect(await throttle.hit(db, "10.0.0.1", at(i))).toBeNull();
    expect(await throttle.hit(db, "10.0.0.1", at(5))).toBe(59);
    expect(await throttle.hit(db, "10.0.0.2", at(5))).toBeNull();
    // Once the block ends, the next attempt counts again and doubles the block.
    expect(await throttle.hit(db, "10.0.0.1", at(64))).toBeNull();
    expect(await throttle.hit(db, "10.0.0.1", at(65))).toBe(119);
    // The block is in the database, where the other processes read it.
    expect(await retryAfterSeconds(db, policy, "10.0.0.1", new Date(at(65)))).toBe(119);
  });

  it("shares a block with another process within a second, and forgets an idle subject", async () => {
    const db = database().db;
    const a = new LocalThrottle(policy);
    const b = new LocalThrottle(policy);
    await b.pullBlocks(db, at(0));
    for (let i = 0; i < policy.freeAttempts; i++) await a.hit(db, "10.1.0.1", at(0) + 100);
    expect(await a.hit(db, "10.1.0.1", at(0) + 200)).toBeGreaterThan(0);
    // b has not read the blocks yet, so it counts on its own until it does.
    expect(await b.hit(db, "10.1.0.1", at(0) + 500)).toBeNull();
    await b.pullBlocks(db, at(0) + BLOCK_SYNC_MS);
    expect(await b.hit(db, "10.1.0.1", at(0) + 1100)).toBeGreaterThan(0);

    const c = new LocalThrottle(policy);
    for (let i = 0; i < policy.freeAttempts - 1; i++) await c.hit(db, "10.1.0.2", at(0));
    const later = at(policy.forgetAfterSeconds + 1);
    for (let i = 0; i < policy.freeAttempts - 1; i++)
      expect(await c.hit(db, "10.1.0.2", later)).toBeNull();
  });

  it("remembers at most maxSubjects, forgetting the longest idle first", async () => {
    const db = database().db;
    const throttle = new LocalThrottle(policy, 2);
    for (let i = 0; i < policy.freeAttempts - 1; i++) await throttle.hit(db, "old", at(0));
    await throttle.hit(db, "x", at(1));
    await throttle.hit(db, "y", at(2));
    // "old" was dropped, so it has its free attempts again.
    for (let i = 0; i < policy.freeAttempts - 1; i++)
      expect(await throttle.hit(db, "old", at(3))).toBeNull();
  });

  it("never lets more than the free attempts of a subject through within a block's reach", async () => {
    const db = database().db;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 40 }),
        async (gaps) => {
          const throttle = new LocalThrottle({ ...policy, name: `prop-${Math.random()}` });
          let t = t0;
          let passed = 0;
          for (const gap of gaps) {
            t += gap * 100;
            if ((await throttle.hit(db, "s", t)) === null) passed++;
          }
          // All within 120 s: the first block (60 s) can end once, the doubled one cannot.
          expect(passed).toBeLessThanOrEqual(policy.freeAttempts + 1);
        },
      ),
      { numRuns: 30 },
    );
  });
});

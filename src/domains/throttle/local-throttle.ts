import type { Db } from "../../db/client.ts";
import * as repo from "./throttle.repo.ts";
import { blockSecondsFor, keyOf, type ThrottlePolicy } from "./throttle.service.ts";

/** How often a process reads the blocks other processes started (one query, off the request). */
export const BLOCK_SYNC_MS = 1_000;

interface Entry {
  failures: number;
  blockedUntil: number;
  touchedAt: number;
}

/**
 * An abuse limit counted in this process's memory, for endpoints too hot for a database round
 * trip per request (survey answers: two limits per request were four of six round trips). The
 * policy's semantics are those of the database store: `freeAttempts` free, then a block doubling
 * to `maxBlockSeconds`, forgotten after `forgetAfterSeconds` idle. Counts stay in the process;
 * a block is written to the database when it starts, and each process reads the blocks started
 * elsewhere once a second, so a caller blocked by one process is blocked by all within a second.
 * With several processes a caller may spend `freeAttempts` in each before the first block.
 */
export class LocalThrottle {
  private readonly entries = new Map<string, Entry>();
  private syncedAt = 0;
  private syncing = false;

  constructor(
    private readonly policy: ThrottlePolicy,
    /** Most subjects remembered at once; the longest idle are forgotten first. */
    private readonly maxSubjects = 100_000,
  ) {}

  /**
   * Counts one request of `subject` and returns the seconds it must wait, or null when it may go
   * on. A request that starts a block still goes on; the next one waits (as the database store).
   */
  async hit(db: Db, subject: string, now = Date.now()): Promise<number | null> {
    if (now - this.syncedAt >= BLOCK_SYNC_MS) void this.pullBlocks(db, now);
    const key = keyOf(this.policy, subject);
    const entry = this.touch(key, now);
    if (entry.blockedUntil > now) return Math.max(1, Math.ceil((entry.blockedUntil - now) / 1000));
    entry.failures++;
    const seconds = blockSecondsFor(this.policy, entry.failures);
    if (seconds !== null) {
      entry.blockedUntil = now + seconds * 1000;
      await repo.recordBlock(db, key, entry.failures, new Date(entry.blockedUntil), new Date(now));
    }
    return null;
  }

  /** The subject's entry, moved to the newest end; idle ones at the oldest end are dropped. */
  private touch(key: string, now: number): Entry {
    const forgetBefore = now - this.policy.forgetAfterSeconds * 1000;
    const found = this.entries.get(key);
    this.entries.delete(key);
    const entry =
      found && found.touchedAt >= forgetBefore
        ? found
        : { failures: 0, blockedUntil: found?.blockedUntil ?? 0, touchedAt: now };
    entry.touchedAt = now;
    this.entries.set(key, entry);
    for (const [k, e] of this.entries) {
      const idle = e.touchedAt < forgetBefore && e.blockedUntil <= now;
      if (!idle && this.entries.size <= this.maxSubjects) break;
      this.entries.delete(k);
    }
    return entry;
  }

  /** Reads the blocks of this policy that any process started since the last read. */
  async pullBlocks(db: Db, now = Date.now()): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    const since = new Date(this.syncedAt - BLOCK_SYNC_MS);
    this.syncedAt = now;
    try {
      for (const b of await repo.findBlocksSince(
        db,
        `${this.policy.name}:`,
        since,
        new Date(now),
      )) {
        const entry = this.entries.get(b.key);
        const until = b.blockedUntil.getTime();
        if (entry) entry.blockedUntil = Math.max(entry.blockedUntil, until);
        else this.entries.set(b.key, { failures: b.failures, blockedUntil: until, touchedAt: now });
      }
    } catch {
      // A failed read leaves the local counts in charge; the next request tries again.
      this.syncedAt = 0;
    } finally {
      this.syncing = false;
    }
  }
}

import { EventEmitter } from "node:events";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../db/client.ts";
import { jobs } from "../db/schema/index.ts";

export interface EnqueueOptions {
  orgId?: string;
  /** When to run; default now. */
  runAt?: Date;
  /** While a job with this name and key is queued or running, enqueueing another is a no-op. */
  uniqueKey?: string;
  maxAttempts?: number;
  /**
   * A backfill nobody waits for (the demo's analysis, a re-analysis): claimed only when no ordinary
   * job is ready, so a live conversation is not queued behind thousands of old ones.
   */
  background?: boolean;
  /**
   * Housekeeping that keeps every other job fast (`db.maintain`, the statistics the planner reads):
   * claimed before ordinary jobs already waiting, so a burst of ingest cannot hold it back.
   */
  urgent?: boolean;
}

/**
 * The producer side of the durable job queue. A job is durable once `enqueue` resolves: it is a row
 * in the same database as the data it concerns, so it can also be enqueued inside the transaction
 * that writes that data (pass the transaction as `db`).
 */
export class Queue {
  /** Wakes in-process workers at once instead of at their next poll. */
  readonly wakeups = new EventEmitter();

  constructor(private readonly db: Db) {}

  async enqueue(
    name: string,
    payload: unknown,
    opts: EnqueueOptions = {},
    db: Db = this.db,
  ): Promise<number | null> {
    const rows = await db
      .insert(jobs)
      .values({
        name,
        payload: payload as object,
        orgId: opts.orgId ?? null,
        runAt: opts.runAt ?? new Date(),
        uniqueKey: opts.uniqueKey ?? null,
        maxAttempts: opts.maxAttempts ?? 5,
        priority: opts.urgent ? -1 : opts.background ? 1 : 0,
      })
      .onConflictDoNothing()
      .returning({ id: jobs.id });
    this.wakeups.emit("job", name);
    return rows[0]?.id ?? null;
  }

  /** Counts by state, for health and progress reports. */
  async stats(): Promise<Record<string, number>> {
    const rows = await queryRows<{ state: string; n: number }>(
      this.db,
      sql`select state, count(*)::int as n from jobs group by state`,
    );
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
}

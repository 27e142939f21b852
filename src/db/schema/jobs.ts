import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";

export const JOB_STATES = ["queued", "running", "done", "failed"] as const;
export const jobStateEnum = pgEnum("job_state", JOB_STATES);

/**
 * The background job queue (see docs/decisions.md). Workers claim rows with
 * `FOR UPDATE SKIP LOCKED`, so any number of worker processes can share one database.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id"),
    name: text("name").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    state: jobStateEnum("state").notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * 0 for work someone waits for; 1 for backfills (the demo's analysis, re-analysis), claimed after;
     * -1 for housekeeping claimed before both (`db.maintain`).
     */
    priority: smallint("priority").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** Deduplicates enqueues: a second job with the same key is dropped while the first is not done. */
    uniqueKey: text("unique_key"),
    ...timestamps,
  },
  (t) => [
    index("jobs_ready_idx")
      .on(t.priority, t.runAt)
      .where(sql`state = 'queued'`),
    index("jobs_running_idx")
      .on(t.lockedUntil)
      .where(sql`state = 'running'`),
    uniqueIndex("jobs_unique_key")
      .on(t.name, t.uniqueKey)
      .where(sql`unique_key is not null and state in ('queued', 'running')`),
  ],
);

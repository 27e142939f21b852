import os from "node:os";
import { sql } from "drizzle-orm";
import { describeError, errorSummary } from "../lib/log-error.ts";
import type { z } from "zod";
import { queryRows, type Db } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import type { Queue } from "./queue.ts";

export interface JobContext {
  db: Db;
  queue: Queue;
  logger: Logger;
  jobId: number;
  attempt: number;
  orgId: string | null;
}

/** A job kind. Payloads are validated at this edge like any other input. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  handle(payload: z.infer<S>, ctx: JobContext): Promise<void>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  org_id: string | null;
}

export interface WorkerOptions {
  concurrency?: number;
  pollMs?: number;
  /** How long a claimed job stays locked; a worker that dies holding it loses it after this. */
  lockSeconds?: number;
  workerId?: string;
}

export interface Worker {
  /** Runs claimable jobs until none is left (used by tests and the CLI). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/** Exponential backoff with a ceiling: 2 s, 4 s, 8 s … 10 min. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(600, 2 ** attempt);
}

/**
 * Claims jobs with `FOR UPDATE SKIP LOCKED`, so any number of workers in any number of processes
 * share one queue without taking the same job twice. Jobs whose lock expired (their worker died)
 * are claimed again: a crash between acknowledgement and processing loses nothing.
 */
export function startWorker(
  deps: { db: Db; queue: Queue; logger: Logger },
  definitions: JobDefinition[],
  opts: WorkerOptions = {},
): Worker {
  const { db, queue, logger } = deps;
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const names = [...byName.keys()];
  const concurrency = opts.concurrency ?? 4;
  const pollMs = opts.pollMs ?? 1000;
  const lockSeconds = opts.lockSeconds ?? 300;
  const workerId =
    opts.workerId ?? `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function claim(limit: number): Promise<ClaimedJob[]> {
    if (names.length === 0) return [];
    const nameList = sql.join(
      names.map((n) => sql`${n}`),
      sql`, `,
    );
    return queryRows<ClaimedJob>(
      db,
      sql`
      update jobs set state = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = now() + make_interval(secs => ${lockSeconds}), updated_at = now()
      where id in (
        select id from jobs
        where name in (${nameList})
          and ((state = 'queued' and run_at <= now()) or (state = 'running' and locked_until < now()))
        order by priority, run_at, id
        limit ${limit}
        for update skip locked)
      returning id, name, payload, attempts, max_attempts, org_id`,
    );
  }

  async function runOne(job: ClaimedJob): Promise<void> {
    const def = byName.get(job.name);
    const log = logger.child({ jobId: job.id, job: job.name, attempt: job.attempts });
    try {
      if (!def) throw new Error(`no handler for job ${job.name}`);
      const payload = def.payload.parse(job.payload);
      await def.handle(payload, {
        db,
        queue,
        logger: log,
        jobId: job.id,
        attempt: job.attempts,
        orgId: job.org_id,
      });
      await db.execute(
        sql`update jobs set state = 'done', locked_by = null, locked_until = null, updated_at = now() where id = ${job.id}`,
      );
    } catch (err) {
      // Without a failed query's parameters (they are message text), with the database's cause.
      const message = errorSummary(err);
      const final = job.attempts >= job.max_attempts;
      log.warn({ err: message, final }, "job failed");
      await db.execute(sql`
        update jobs set state = ${final ? "failed" : "queued"}, last_error = ${message.slice(0, 2000)},
          run_at = now() + make_interval(secs => ${retryDelaySeconds(job.attempts)}),
          locked_by = null, locked_until = null, updated_at = now()
        where id = ${job.id}`);
    }
  }

  async function tick(): Promise<number> {
    const claimed = await claim(concurrency);
    await Promise.all(claimed.map(runOne));
    return claimed.length;
  }

  async function loop(): Promise<void> {
    if (stopped) return;
    try {
      // Keep going while there is work; then sleep until the poll interval or a wake-up.
      while (!stopped && (await tick()) > 0);
    } catch (err) {
      logger.error({ error: describeError(err) }, "worker poll failed");
    }
    if (!stopped) timer = setTimeout(schedule, pollMs);
  }

  function schedule(): void {
    clearTimeout(timer);
    running = running.then(loop);
  }

  const onWake = (name: string) => {
    if (byName.has(name)) schedule();
  };
  queue.wakeups.on("job", onWake);
  schedule();

  return {
    drain() {
      // Chained behind the poll loop, so that jobs it already claimed have finished when this resolves.
      const drained = running.then(async () => {
        let total = 0;
        for (;;) {
          const n = await tick();
          total += n;
          if (n === 0) return total;
        }
      });
      running = drained.catch(() => undefined);
      return drained;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      queue.wakeups.off("job", onWake);
      await running;
    },
  };
}

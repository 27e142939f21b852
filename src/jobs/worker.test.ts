import { afterEach, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "../db/client.ts";
import { createLogger } from "../logger.ts";
import { describeEachBackend } from "../../test/db.ts";
import { Queue } from "./queue.ts";
import { defineJob, retryDelaySeconds, startWorker, type Worker } from "./worker.ts";

const logger = createLogger("silent");

describeEachBackend("job queue", ({ database }) => {
  const workers: Worker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await database().db.execute(sql`delete from jobs`);
  });

  function worker(
    defs: Parameters<typeof startWorker>[1],
    opts: Parameters<typeof startWorker>[2] = {},
  ) {
    const db = database().db;
    const w = startWorker({ db, queue: new Queue(db), logger }, defs, { pollMs: 60_000, ...opts });
    workers.push(w);
    return w;
  }

  async function states() {
    return queryRows<{ state: string; attempts: number; last_error: string | null }>(
      database().db,
      sql`select state, attempts, last_error from jobs order by id`,
    );
  }

  it("runs each job once with its validated payload", async () => {
    const seen: number[] = [];
    const job = defineJob({
      name: "t.record",
      payload: z.object({ n: z.number() }),
      handle: async ({ n }) => void seen.push(n),
    });
    const queue = new Queue(database().db);
    for (let n = 0; n < 10; n++) await queue.enqueue("t.record", { n });
    const w = worker([job]);
    await w.drain();
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await states()).every((s) => s.state === "done")).toBe(true);
  });

  it("claims urgent jobs first, then ordinary ones, then background ones, whatever their age", async () => {
    const seen: string[] = [];
    const job = defineJob({
      name: "t.order",
      payload: z.object({ tag: z.string() }),
      handle: async ({ tag }) => void seen.push(tag),
    });
    const queue = new Queue(database().db);
    for (const tag of ["old-1", "old-2", "old-3"]) {
      await queue.enqueue("t.order", { tag }, { background: true });
    }
    await queue.enqueue("t.order", { tag: "live" });
    await queue.enqueue("t.order", { tag: "maintain" }, { urgent: true });
    await worker([job], { concurrency: 1 }).drain();
    expect(seen).toEqual(["maintain", "live", "old-1", "old-2", "old-3"]);
  });

  it("retries a failing job later and gives up after maxAttempts", async () => {
    const job = defineJob({
      name: "t.fail",
      payload: z.object({}),
      handle: async () => {
        throw new Error("downstream unavailable");
      },
    });
    await new Queue(database().db).enqueue("t.fail", {}, { maxAttempts: 2 });
    const w = worker([job]);
    await w.drain();
    expect(await states()).toMatchObject([
      { state: "queued", attempts: 1, last_error: "downstream unavailable" },
    ]);
    // Make the retry due now instead of after its backoff.
    await database().db.execute(sql`update jobs set run_at = now()`);
    await w.drain();
    expect(await states()).toMatchObject([{ state: "failed", attempts: 2 }]);
  });

  it("fails a job whose payload does not match its schema instead of running it", async () => {
    let ran = false;
    const job = defineJob({
      name: "t.strict",
      payload: z.object({ id: z.uuid() }),
      handle: async () => void (ran = true),
    });
    await new Queue(database().db).enqueue("t.strict", { id: "nope" }, { maxAttempts: 1 });
    await worker([job]).drain();
    expect(ran).toBe(false);
    expect((await states())[0]!.state).toBe("failed");
  });

  it("drops a second enqueue with the same unique key while the first is pending", async () => {
    const queue = new Queue(database().db);
    expect(await queue.enqueue("t.once", {}, { uniqueKey: "k" })).not.toBeNull();
    expect(await queue.enqueue("t.once", {}, { uniqueKey: "k" })).toBeNull();
    expect(await queue.stats()).toEqual({ queued: 1 });
  });

  it("takes back a job whose worker died holding it (lock expired)", async () => {
    const seen: string[] = [];
    const job = defineJob({
      name: "t.crash",
      payload: z.object({}),
      handle: async () => void seen.push("ran"),
    });
    await new Queue(database().db).enqueue("t.crash", {});
    // Simulate a worker that claimed the job and died: running, lock already in the past.
    await database().db.execute(
      sql`update jobs set state = 'running', attempts = 1, locked_by = 'dead', locked_until = now() - interval '1 second'`,
    );
    await worker([job]).drain();
    expect(seen).toEqual(["ran"]);
    expect(await states()).toMatchObject([{ state: "done", attempts: 2 }]);
  });

  it("never gives one job to two concurrent workers", async () => {
    const counts = new Map<number, number>();
    const job = defineJob({
      name: "t.count",
      payload: z.object({ n: z.number() }),
      handle: async ({ n }) => {
        counts.set(n, (counts.get(n) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 1));
      },
    });
    const queue = new Queue(database().db);
    for (let n = 0; n < 60; n++) await queue.enqueue("t.count", { n });
    const a = worker([job], { concurrency: 3, workerId: "a" });
    const b = worker([job], { concurrency: 3, workerId: "b" });
    await Promise.all([a.drain(), b.drain()]);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });
});

it("backs off exponentially up to ten minutes", () => {
  expect([1, 2, 3, 20].map(retryDelaySeconds)).toEqual([2, 4, 8, 600]);
});

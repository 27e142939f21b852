import type { Db } from "../src/db/client.ts";
import { Queue } from "../src/jobs/queue.ts";
import { JOB_DEFINITIONS } from "../src/jobs/registry.ts";
import { startWorker } from "../src/jobs/worker.ts";
import { createLogger } from "../src/logger.ts";

/** Runs every job queued and due now, as `rapport serve`'s workers would, and stops. */
export async function runQueuedJobs(db: Db): Promise<void> {
  const worker = startWorker(
    { db, queue: new Queue(db), logger: createLogger("silent") },
    JOB_DEFINITIONS,
    { pollMs: 60_000 },
  );
  await worker.drain();
  await worker.stop();
}

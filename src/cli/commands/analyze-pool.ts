/**
 * Where `rapport analyze` runs its batches: in the command's own thread and, once the input proves
 * large, on worker threads too, each with its own engine. A batch's answer is a promise; the command
 * writes answers in input order (analyze.ts).
 *
 * Small inputs never pay for a worker: starting one, building its engine and warming it up cost
 * about 1.5 s of CPU on the 2-core development machine, repaid only past some 25 MB of input
 * (docs/performance.md). Workers start once `growBytes` have been read, and the own thread analyses
 * every batch no ready worker can take.
 */
import { Worker } from "node:worker_threads";
import type { BatchResult, Level } from "./analyze-batch.ts";

/** Input read before worker threads are started, unless the caller says otherwise. */
export const GROW_BYTES = 16 << 20;
/** Batches a worker holds at once (one analysing, one waiting). */
const PER_WORKER = 2;

/** A worker thread failed to start or stopped: the run cannot answer every line. */
export class AnalysisThreadError extends Error {}

export interface BatchRunner {
  run(bytes: Uint8Array, first: boolean): Promise<BatchResult>;
  /** Worker threads started so far. */
  readonly workers: number;
  close(): Promise<void>;
}

type WorkerAnswer = Omit<BatchResult, "out"> & { seq: number; out: ArrayBuffer };

interface Helper {
  worker: Worker;
  ready: boolean;
  waiting: Map<number, { resolve: (r: BatchResult) => void; reject: (err: Error) => void }>;
}

/**
 * Starts analyze-worker: the bundled dist/analyze-worker.js beside this module's chunk in a build,
 * else the TypeScript source through tsx (a worker does not inherit the parent's module hooks).
 */
function startWorker(level: Level): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./analyze-worker.js", import.meta.url), { workerData: { level } });
  const tsx = import.meta.resolve("tsx/esm/api");
  const source = new URL("./analyze-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData: { level } });
}

/** Runs batches on this thread and up to `threads - 1` worker threads, started at `growBytes`. */
export function createBatchRunner(
  level: Level,
  threads: number,
  growBytes = GROW_BYTES,
): BatchRunner {
  const batch = import("./analyze-batch.ts");
  const helpers: Helper[] = [];
  let bytesRead = 0;
  let seq = 0;
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= new AnalysisThreadError(err.message);
    for (const h of helpers) for (const w of h.waiting.values()) w.reject(failure);
    for (const h of helpers) h.waiting.clear();
  };
  const addHelper = () => {
    const h: Helper = { worker: startWorker(level), ready: false, waiting: new Map() };
    h.worker.on("message", (a: WorkerAnswer | "ready") => {
      if (a === "ready") {
        h.ready = true;
        return;
      }
      const w = h.waiting.get(a.seq);
      h.waiting.delete(a.seq);
      w?.resolve({ ...a, out: new Uint8Array(a.out) });
    });
    h.worker.on("error", fail);
    h.worker.on("exit", (code) => {
      if (h.waiting.size > 0) fail(new Error(`it stopped (exit code ${code})`));
    });
    helpers.push(h);
  };
  const freeHelper = () =>
    helpers
      .filter((h) => h.ready && h.waiting.size < PER_WORKER)
      .reduce<Helper | undefined>(
        (a, b) => (a === undefined || b.waiting.size < a.waiting.size ? b : a),
        undefined,
      );

  return {
    async run(bytes, first) {
      if (failure !== undefined) throw failure;
      bytesRead += bytes.byteLength;
      if (bytesRead >= growBytes) while (helpers.length < threads - 1) addHelper();
      const h = freeHelper();
      if (h === undefined) return (await batch).analyzeBatch(bytes, first, level);
      const id = seq++;
      return new Promise<BatchResult>((resolve, reject) => {
        h.waiting.set(id, { resolve, reject });
        h.worker.postMessage({ seq: id, bytes, first }, [bytes.buffer as ArrayBuffer]);
      });
    },
    get workers() {
      return helpers.length;
    },
    async close() {
      await Promise.all(helpers.map((h) => h.worker.terminate()));
    },
  };
}

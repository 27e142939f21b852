/**
 * A worker thread of `rapport analyze`: analyses the batches the command posts, answering each with
 * its output bytes (transferred, not copied). Started by analyze.ts; the build bundles it as
 * dist/analyze-worker.js.
 */
import { parentPort, workerData } from "node:worker_threads";
import { analyzeBatch, analyzeLine, type Level } from "./analyze-batch.ts";

export interface BatchRequest {
  seq: number;
  bytes: Uint8Array;
  first: boolean;
}

const level = (workerData as { level: Level }).level;
/** A valid line of each level: analysing it builds the engine (an invalid one would not). */
const WARM_UP: Record<Level, string> = {
  message: '{"id":"","text":"ready"}',
  conversation: '{"id":"","messages":[{"role":"customer","text":"ready"}]}',
};
// Builds the engine before saying so: until then the command analyses on its own thread.
analyzeLine(WARM_UP[level], level);
parentPort?.postMessage("ready");
parentPort?.on("message", ({ seq, bytes, first }: BatchRequest) => {
  const r = analyzeBatch(bytes, first, level);
  const buffer = r.out.buffer as ArrayBuffer;
  parentPort?.postMessage({ seq, ...r, out: buffer }, [buffer]);
});

import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { lockDataDir } from "./pglite-lock.ts";
import { PgliteThread, type PgliteClient } from "./pglite-thread.ts";

/**
 * Opening PGlite on a data directory: lock it (one process only, pglite-lock.ts), then start the
 * embedded PostgreSQL. `rapport serve` starts this before it loads the rest of the bundle
 * (src/main.ts), on a worker thread (pglite-thread.ts), so PostgreSQL's start runs while the main
 * thread parses the bundle; openDatabase then takes the opened database. This module imports
 * nothing from src/ but the lock and the thread, so its chunk loads alone.
 */

export interface OpenedPglite {
  client: PgliteClient;
  /** Removes the data directory's lock. */
  release: () => void;
}

/**
 * PGlite's start parameters beyond its defaults: a 16 MB buffer pool instead of PostgreSQL's 128 MB.
 * PostgreSQL zeroes its whole pool at start, in baseline WebAssembly code: at 128 MB ~0.3 s of a
 * server start's CPU, at 32 MB ~80 ms more than at 16 (docs/performance.md, "Start-up"). Pages
 * beyond the pool are read from the operating system's file cache (or PGlite's memory file
 * system), not from the disk: scans and point reads on the demo's 245 MB database took the same
 * time with 16, 32 and 128 MB. (client.ts has the full list; this module does not load PGlite on
 * this thread, so that the thread starts at once.)
 */
export const PGLITE_EXTRA_PARAMS = ["-c", "shared_buffers=16MB"];

/** The directory PGlite keeps its files in, under Rapport's data directory. */
export function pgliteDirOf(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

/**
 * V8 compiles a WebAssembly function with its optimising compiler once it has run enough; PGlite's
 * start runs many functions briefly, and at the default budget optimising them took ~0.3 s of CPU
 * at every start. A budget 100 times larger leaves those alone while the functions that stay busy
 * are still optimised: query throughput over the demo's data was unchanged (docs/performance.md,
 * "Start-up"). V8's flags are per process; set before the first WebAssembly module is compiled.
 */
export function deferWasmOptimisation(): void {
  v8.setFlagsFromString("--wasm-tiering-budget=180000000");
}

/**
 * Locks `dir` and opens PGlite on it, in this thread or (`thread`) in a worker thread of its own;
 * the lock is released again if PGlite fails to open.
 */
export async function openPglite(
  dir: string,
  opts: { loadDataDir?: Blob; thread?: boolean } = {},
): Promise<OpenedPglite> {
  fs.mkdirSync(dir, { recursive: true });
  const release = lockDataDir(dir);
  deferWasmOptimisation();
  try {
    if (opts.thread) return { client: await PgliteThread.open(dir, PGLITE_EXTRA_PARAMS), release };
    const { PGlite } = await import("@electric-sql/pglite");
    const client = await PGlite.create({
      dataDir: dir,
      startParams: [...PGlite.defaultStartParams, ...PGLITE_EXTRA_PARAMS],
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
    return { client, release };
  } catch (err) {
    release();
    throw err;
  }
}

let early: { dir: string; opened: Promise<OpenedPglite> } | undefined;

/**
 * Starts opening the embedded database that `loadEnv(source)` will point at (same defaults as
 * env.ts: DATABASE_URL empty means unset, RAPPORT_DATA_DIR defaults to ./data). Nothing happens
 * when PostgreSQL is configured or the variables are invalid (loadEnv then reports them). A failure
 * (another process holds the directory) is kept for openDatabase to throw, where it used to.
 */
export function openPgliteEarly(source: NodeJS.ProcessEnv): void {
  if (source.DATABASE_URL || source.RAPPORT_DATA_DIR === "") return;
  const dir = pgliteDirOf(path.resolve(source.RAPPORT_DATA_DIR ?? "./data"));
  // On a thread of its own, PostgreSQL's start runs while this thread loads the bundle.
  const opened = openPglite(dir, { thread: true });
  opened.catch(() => {}); // handled by whoever takes it
  early = { dir, opened };
}

/** The early-opened database on `dir`, handed out once; undefined when there is none. */
export function takeEarlyPglite(dir: string): Promise<OpenedPglite> | undefined {
  if (early?.dir !== dir) return undefined;
  const { opened } = early;
  early = undefined;
  return opened;
}

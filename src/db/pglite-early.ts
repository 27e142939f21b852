import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { lockDataDir } from "./pglite-lock.ts";

/**
 * Opening PGlite on a data directory: lock it (one process only, pglite-lock.ts), then start the
 * embedded PostgreSQL. `rapport serve` starts this before it loads the rest of the bundle
 * (src/main.ts), so reading and compiling PGlite's WebAssembly, which runs off the main thread or
 * waits on files, overlaps with parsing the bundle; openDatabase then takes the opened database.
 * This module imports nothing else from src/, so its chunk loads alone.
 */

export interface OpenedPglite {
  client: PGlite;
  /** Removes the data directory's lock. */
  release: () => void;
}

/**
 * PGlite's start parameters with a 32 MB buffer pool instead of PostgreSQL's 128 MB: PostgreSQL
 * zeroes its whole pool at start, which in WebAssembly took ~0.3 s of a server start's CPU
 * (docs/performance.md, "Start-up"). Pages beyond the pool are read from the operating system's
 * file cache (or PGlite's memory file system), not from the disk.
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

/** The directory PGlite keeps its files in, under Rapport's data directory. */
export function pgliteDirOf(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

/** Locks `dir` and opens PGlite on it; the lock is released again if PGlite fails to open. */
export async function openPglite(dir: string, loadDataDir?: Blob): Promise<OpenedPglite> {
  fs.mkdirSync(dir, { recursive: true });
  const release = lockDataDir(dir);
  try {
    const client = await PGlite.create({
      dataDir: dir,
      startParams: PGLITE_START_PARAMS,
      ...(loadDataDir ? { loadDataDir } : {}),
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
  const opened = openPglite(dir);
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

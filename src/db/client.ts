import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { PACKAGE_ROOT } from "../lib/package-root.ts";
import {
  deferWasmOptimisation,
  openPglite,
  PGLITE_EXTRA_PARAMS,
  pgliteDirOf,
  takeEarlyPglite,
} from "./pglite-early.ts";
import type { PgliteClient } from "./pglite-thread.ts";

/**
 * The one database type every repo uses, whichever backend is behind it. Without Drizzle's
 * relational query API (`db.query.*`, unused): giving drizzle() the schema made it walk every table
 * and relation at each open and again for migrate (~0.1 s of a server start, docs/performance.md).
 */
export type Db = PgDatabase<PgQueryResultHKT>;

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Ids as one `uuid[]` parameter, for `column = any(${uuids(ids)})`: an index condition however few
 * rows the planner expects (an `in (select jsonb_array_elements_text(…))` list was joined by a scan
 * on a new org's statistics), and one bind value however many ids. Only for ids already known to be
 * uuids (from the database or validated at the edge): another string fails the cast.
 */
export function uuids(ids: readonly string[]): SQL {
  return sql`${sql.param([...ids])}::uuid[]`;
}

/** `rows` cut into consecutive slices of at most `size`. */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Runs one statement per slice of at most `size` rows, each slice passed to `build` as JSON. */
export async function eachChunk<T>(
  db: Db,
  rows: readonly T[],
  size: number,
  build: (json: string) => SQL,
): Promise<void> {
  for (const part of chunks(rows, size)) await db.execute(build(JSON.stringify(part)));
}

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Applies pending migrations; safe to call from several processes at once on PostgreSQL. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** PGlite's start parameters: its defaults and Rapport's (pglite-early.ts). */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, ...PGLITE_EXTRA_PARAMS];

/** The SQL migrations, read at run time (also by the build: they are not bundled). */
export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, "src", "db", "migrations");

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob }
  | { kind: "pglite-instance"; client: PGlite };

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === "postgres") {
    // pg and Drizzle's driver for it (~0.1 s to load) only when PostgreSQL is configured.
    const { openPostgres } = await import("./postgres.ts");
    return openPostgres(config.url, config.poolSize ?? 10, MIGRATIONS_DIR);
  }
  let client: PgliteClient;
  let release = () => {};
  if (config.kind === "pglite-instance") {
    client = letEventLoopBreathe(config.client);
  } else if (config.dataDir) {
    const early = config.loadDataDir ? undefined : takeEarlyPglite(config.dataDir);
    const opened = await (early ?? openPglite(config.dataDir, { loadDataDir: config.loadDataDir }));
    client = opened.client instanceof PGlite ? letEventLoopBreathe(opened.client) : opened.client;
    release = opened.release;
  } else {
    deferWasmOptimisation();
    const memory = await PGlite.create({
      startParams: PGLITE_START_PARAMS,
      ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
    });
    client = letEventLoopBreathe(memory);
  }
  // Drizzle's driver calls only what PgliteClient has (query, transaction), with parsers that keep
  // the text, which a PgliteThread forwards.
  const driver = () => drizzlePglite(client as PGlite);
  const db = driver() as unknown as Db;
  return {
    db,
    kind: "pglite",
    async migrate() {
      if (await isMigrated(client)) return;
      await migratePglite(driver(), { migrationsFolder: MIGRATIONS_DIR });
    },
    async close() {
      await client.close();
      release();
    },
  };
}

/**
 * Whether the database already has the newest migration, by the same test Drizzle's migrator makes
 * (a migration is applied when its journal time is at most the newest `created_at` recorded). The
 * migrator would create its schema and table if missing and run an empty transaction: on PGlite,
 * ~0.1–0.3 s of every server start on a current database (docs/performance.md, "Start-up").
 */
async function isMigrated(client: PgliteClient): Promise<boolean> {
  const journal = JSON.parse(
    fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"),
  ) as { entries: { when: number }[] };
  const newest = Math.max(...journal.entries.map((e) => e.when));
  try {
    const { rows } = await client.query<{ applied: string | null }>(
      'select max(created_at)::text as applied from "drizzle"."__drizzle_migrations"',
    );
    return Number(rows[0]?.applied ?? 0) >= newest;
  } catch {
    return false; // no migrations table yet: a new database
  }
}

const TURN_MS = 10;

/**
 * PGlite runs a query synchronously inside a promise that settles as a microtask, so a chain of
 * queries (a job working through a batch) never lets the event loop reach its I/O phase: on a first
 * start, HTTP requests waited until the whole job queue was empty (83 s). Every query path ends in
 * `execProtocolStream`; once a turn of the event loop has run queries for TURN_MS, the next query
 * first lets pending I/O (requests, timers) run. Inside a transaction the others still wait for it.
 * (PGlite on its own thread, as `serve` runs it, needs none of this.)
 */
function letEventLoopBreathe(client: PGlite): PGlite {
  const run = client.execProtocolStream.bind(client);
  let turnStart = performance.now();
  client.execProtocolStream = async (message, options) => {
    if (performance.now() - turnStart > TURN_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      turnStart = performance.now();
    }
    return run(message, options);
  };
  return client;
}

/** Chooses the backend from the environment: PostgreSQL when DATABASE_URL is set, else PGlite under the data dir. */
export function databaseConfigFromEnv(env: {
  DATABASE_URL?: string | undefined;
  dataDir: string;
}): DatabaseConfig {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dataDir: pgliteDirOf(env.dataDir) };
}

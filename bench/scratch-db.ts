/** What the database benchmarks share: a scratch PostgreSQL database, percentiles, the machine line. */
import { readFileSync } from "node:fs";
import os from "node:os";
import { sql } from "drizzle-orm";
import pg from "pg";
import { openDatabase, queryRows, type Db, type Database } from "../src/db/client.ts";

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** "p50 12.3 ms, p95 45.6 ms" of timings in milliseconds. */
export function p50p95(ms: number[]): string {
  return `p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms`;
}

/** Milliseconds of each of `runs` calls of `fn`, after one warm-up call. */
export async function timeMany(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** "node v20…, 2 cores, load 1.2 0.9 0.8": what a figure was measured on. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  return `node ${process.version}, ${os.cpus().length} cores, load ${load}`;
}

/**
 * Runs `fn` on a new, migrated database next to BENCH_DATABASE_URL or TEST_DATABASE_URL, dropped
 * afterwards (kept when BENCH_KEEP is set, to look at it).
 */
export async function withScratchPostgres(
  label: string,
  fn: (database: Database) => Promise<void>,
  opts: { poolSize?: number } = {},
): Promise<void> {
  const url =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test";
  const name = `rapport_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({
    kind: "postgres",
    url: u.toString(),
    poolSize: opts.poolSize ?? 4,
  });
  try {
    await database.migrate();
    await fn(database);
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP) console.log(`kept database ${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/**
 * CPU time (user + system, ms) of each PostgreSQL server process on this database (its connections
 * and any autovacuum worker on it; with `clientsOnly`, the connections alone), read from /proc:
 * the benches run the server on this machine. Empty where /proc cannot be read.
 */
export async function postgresCpu(
  db: Db,
  opts: { clientsOnly?: boolean } = {},
): Promise<Map<number, number>> {
  const rows = await queryRows<{ pid: number }>(
    db,
    sql`select pid from pg_stat_activity where datname = current_database()
          ${opts.clientsOnly ? sql`and backend_type = 'client backend'` : sql``}`,
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * 10); // clock ticks of 10 ms
    } catch {
      // not on this machine, or the process just ended
    }
  }
  return out;
}

/** PostgreSQL CPU (ms) between two `postgresCpu` readings. */
export function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}

/** Cluster-wide WAL and checkpoint counters (`pg_stat_wal`, `pg_stat_bgwriter`, the control file). */
export async function walCounters(db: Db) {
  const [row] = await queryRows<{
    records: string;
    fpi: string;
    bytes: string;
    timed: string;
    req: string;
    redo: string;
    at: string;
    lsn: string;
  }>(
    db,
    sql`select w.wal_records::text as records, w.wal_fpi::text as fpi, w.wal_bytes::text as bytes,
          b.checkpoints_timed::text as timed, b.checkpoints_req::text as req,
          c.redo_lsn::text as redo, c.checkpoint_time::text as at, pg_current_wal_lsn()::text as lsn
        from pg_stat_wal w, pg_stat_bgwriter b, pg_control_checkpoint() c`,
  );
  return row!;
}

import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client.ts";

/** What PostgreSQL's statistics say of one table, as autovacuum reads them. */
export interface TableActivity {
  table: string;
  liveRows: number;
  deadRows: number;
  modifiedSinceAnalyze: number;
  everAnalyzed: boolean;
  /** The table's file is not empty (the activity counters start from zero after a crash). */
  hasData: boolean;
}

export interface MaintenancePlan {
  analyze: string[];
  vacuum: string[];
}

// PostgreSQL's own autovacuum defaults (autovacuum_{analyze,vacuum}_{threshold,scale_factor}).
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE = 0.1;
const VACUUM_THRESHOLD = 50;
const VACUUM_SCALE = 0.2;

/**
 * The tables autovacuum would analyse or vacuum now. Never-analysed tables with rows are analysed:
 * without statistics the planner guesses, and its guesses grow worse as the table grows.
 */
export function planMaintenance(tables: readonly TableActivity[]): MaintenancePlan {
  const analyze: string[] = [];
  const vacuum: string[] = [];
  for (const t of tables) {
    const stale = t.modifiedSinceAnalyze > ANALYZE_THRESHOLD + ANALYZE_SCALE * t.liveRows;
    if (stale || (!t.everAnalyzed && t.hasData)) analyze.push(t.table);
    if (t.deadRows > VACUUM_THRESHOLD + VACUUM_SCALE * t.liveRows) vacuum.push(t.table);
  }
  return { analyze, vacuum };
}

/**
 * Does the work of autovacuum where none runs. PGlite is a single-user PostgreSQL with no
 * autovacuum launcher, so its tables were never analysed: ingest latency on a file-backed PGlite
 * grew from 129 to 188 ms per 50-conversation batch over 6,000 conversations and fell back to
 * 124 ms after one ANALYZE (docs/performance.md). On a server with autovacuum this does nothing.
 */
export async function maintainTables(db: Db): Promise<MaintenancePlan & { skipped: boolean }> {
  const launcher = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum launcher'`,
  );
  if (Number(launcher[0]?.n ?? 0) > 0) return { analyze: [], vacuum: [], skipped: true };
  const rows = await queryRows<{
    relname: string;
    n_live_tup: number;
    n_dead_tup: number;
    n_mod_since_analyze: number;
    analyzed: boolean;
    has_data: boolean;
  }>(
    db,
    // reltuples stays -1 until a table is first analysed or vacuumed; it is in the catalogue, so
    // unlike the activity counters it survives a crash.
    sql`select s.relname, s.n_live_tup::int, s.n_dead_tup::int, s.n_mod_since_analyze::int,
          c.reltuples >= 0 as analyzed, pg_relation_size(s.relid) > 0 as has_data
        from pg_stat_user_tables s join pg_class c on c.oid = s.relid
        where s.schemaname = 'public'`,
  );
  const plan = planMaintenance(
    rows.map((r) => ({
      table: r.relname,
      liveRows: Number(r.n_live_tup),
      deadRows: Number(r.n_dead_tup),
      modifiedSinceAnalyze: Number(r.n_mod_since_analyze),
      everAnalyzed: r.analyzed,
      hasData: r.has_data,
    })),
  );
  // Names come from the catalogue, quoted as identifiers; VACUUM cannot run inside a transaction.
  for (const table of plan.vacuum) await db.execute(sql`vacuum ${sql.identifier(table)}`);
  for (const table of plan.analyze) await db.execute(sql`analyze ${sql.identifier(table)}`);
  return { ...plan, skipped: false };
}

import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import type { Database, Db } from "./client.ts";

/**
 * The PostgreSQL backend of openDatabase (client.ts), in a module of its own so that pg and
 * Drizzle's node-postgres driver load only when DATABASE_URL is set (~0.1 s of an embedded start).
 */

// Any constant works: it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_245_019_331;

export function openPostgres(url: string, poolSize: number, migrationsFolder: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server ends (restart, failover, admin) emits 'error' on the pool;
  // unhandled, that would crash the process. The pool replaces the connection on next use.
  pool.on("error", (err) => {
    process.emitWarning(`PostgreSQL connection lost: ${err.message}`);
  });
  const db = drizzle(pool) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        await migrate(drizzle(client), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

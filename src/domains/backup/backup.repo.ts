import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

export { listTablesInDependencyOrder } from "../../db/catalog.ts";

/** Columns a restore writes: every column except generated ones (recomputed by the database). */
export async function listWritableColumns(db: Db, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select column_name as name from information_schema.columns
        where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
        order by ordinal_position`,
  );
  return rows.map((r) => r.name);
}

export async function readRows(
  db: Db,
  table: string,
  columns: string[],
  limit: number,
  offset: number,
): Promise<unknown[]> {
  const cols = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  // ctid order is stable within the backup's repeatable-read snapshot.
  const rows = await queryRows<{ r: unknown }>(
    db,
    sql`select row_to_json(x) as r from (select ${cols} from ${sql.identifier(table)} order by ctid limit ${limit} offset ${offset}) x`,
  );
  return rows.map((row) => row.r);
}

export async function countRows(db: Db, table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  );
  return row!.n;
}

export async function insertRows(
  db: Db,
  table: string,
  columns: string[],
  rows: unknown[],
): Promise<void> {
  const cols = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  await db.execute(
    sql`insert into ${sql.identifier(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`,
  );
}

/** Moves every serial sequence past the restored ids. */
export async function resetSequences(db: Db): Promise<void> {
  const serials = await queryRows<{ t: string; c: string }>(
    db,
    sql`select table_name as t, column_name as c from information_schema.columns
        where table_schema = 'public' and column_default like 'nextval(%'`,
  );
  for (const { t, c } of serials) {
    await db.execute(
      sql`select setval(pg_get_serial_sequence(${t}, ${c}), coalesce((select max(${sql.identifier(c)}) from ${sql.identifier(t)}), 0) + 1, false)`,
    );
  }
}

export async function countMigrations(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row!.n;
}

export async function countOrganizations(db: Db): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from organizations`,
  );
  return Number(rows[0]!.n);
}

/** Is the user an admin of the organization created first (the one that installed Rapport)? */
export async function isAdminOfFirstOrganization(db: Db, userId: string): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(
    db,
    sql`select exists (select 1 from memberships where user_id = ${userId} and role = 'admin'
          and org_id = (select id from organizations order by created_at, id limit 1)) as ok`,
  );
  return rows[0]?.ok === true;
}

/** Tables that hold a server's running state, not data: a fresh server has rows in them already. */
export const RUNTIME_TABLES = ["jobs", "throttles"];

export async function emptyTable(db: Db, table: string): Promise<void> {
  await db.execute(sql`delete from ${sql.identifier(table)}`);
}

export async function findUserEmail(db: Db, userId: string): Promise<string | null> {
  const rows = await queryRows<{ email: string }>(
    db,
    sql`select email from users where id = ${userId}`,
  );
  return rows[0]?.email ?? null;
}

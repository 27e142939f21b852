import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client.ts";

/** The application's tables (schema `public`), parents before children (foreign keys). */
export async function listTablesInDependencyOrder(db: Db): Promise<string[]> {
  const tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )
  ).map((t) => t.name);
  const edges = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`,
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) =>
        !placed.has(t) &&
        edges.every((e) => e.child !== t || placed.has(e.parent) || e.parent === t),
    );
    if (ready.length === 0) throw new Error("foreign keys form a cycle between tables");
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

/** Tables (schema `public`) that have every one of the given columns. */
export async function listTablesWithColumns(db: Db, columns: string[]): Promise<Set<string>> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.columns
        where table_schema = 'public' and column_name = any(${sql.param(columns)}::text[])
        group by table_name having count(distinct column_name) = ${columns.length}`,
  );
  return new Set(rows.map((r) => r.name));
}

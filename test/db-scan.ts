import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { queryRows } from "../src/db/client.ts";

/** Every row of every table in the schema, as text: where a trace of erased data would show. */
export async function everyRowAsText(db: Parameters<typeof queryRows>[0]) {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const out: { table: string; text: string }[] = [];
  for (const { table_name } of tables) {
    const rows = await queryRows<{ t: string }>(
      db,
      sql`select row_to_json(x)::text as t from ${sql.identifier(table_name)} x`,
    );
    for (const r of rows) out.push({ table: table_name, text: r.t });
  }
  expect(out.length).toBeGreaterThan(0);
  return out;
}

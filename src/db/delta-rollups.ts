import { getTableName, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { queryRows, type Db } from "./client.ts";

/**
 * A rollup table kept by appending delta rows (one per writing statement, so writers never wait on a
 * shared counter row) and folded later: each key's rows summed into one.
 */
export interface DeltaRollup {
  table: PgTable;
  /** The columns that name a row's bucket; a nullable one matches null to null. */
  keys: readonly PgColumn[];
  /** The counters summed when folding; a folded row whose counters are all zero is dropped. */
  sums: readonly PgColumn[];
}

const names = (columns: readonly PgColumn[]) =>
  sql.raw(columns.map((c) => `"${c.name}"`).join(", "));

function sameKey(keys: readonly PgColumn[]): SQL {
  const parts = keys.map((c) =>
    c.notNull
      ? `r."${c.name}" = k."${c.name}"`
      : `r."${c.name}" is not distinct from k."${c.name}"`,
  );
  return sql.raw(parts.join(" and "));
}

/**
 * Folds up to `limit` keys' delta rows into one row each, in one statement; returns how many keys it
 * folded. Safe beside writers and beside another fold: the delete sees only committed rows, and a row
 * two folds both reach is deleted, and summed, by one of them.
 */
export async function foldDeltaRows(db: Db, rollup: DeltaRollup, limit: number): Promise<number> {
  const table = sql.identifier(getTableName(rollup.table));
  const keys = names(rollup.keys);
  const sums = rollup.sums.map((c) => `sum("${c.name}")`);
  const [row] = await queryRows<{ keys: number }>(
    db,
    sql`with k as (
          select ${keys} from ${table} group by ${keys} having count(*) > 1 limit ${limit}
        ), gone as (
          delete from ${table} r using k where ${sameKey(rollup.keys)} returning r.*
        ), kept as (
          insert into ${table} (${keys}, ${names(rollup.sums)})
          select ${keys}, ${sql.raw(sums.join(", "))} from gone group by ${keys}
          having ${sql.raw(sums.map((s) => `${s} <> 0`).join(" or "))}
          returning 1
        )
        select (select count(*) from k)::int as keys`,
  );
  return Number(row?.keys ?? 0);
}

/**
 * Folds every key with more than one row, `batch` keys a statement, at most `maxRounds` statements
 * per table (so one run stays short; the next run goes on). Returns how many keys it folded.
 */
export async function foldAllDeltaRows(
  db: Db,
  rollups: readonly DeltaRollup[],
  { batch = 5_000, maxRounds = 20 } = {},
): Promise<number> {
  let folded = 0;
  for (const rollup of rollups) {
    for (let round = 0; round < maxRounds; round++) {
      const keys = await foldDeltaRows(db, rollup, batch);
      folded += keys;
      if (keys < batch) break;
    }
  }
  return folded;
}

import type { Table } from "drizzle-orm";

/**
 * Row types for raw SQL, derived from the Drizzle tables (issue 13). A repo that reads or writes rows
 * with hand-written SQL names its row type `RowOf<typeof table, "col" | …>` by the columns' SQL names,
 * so renaming a column, changing its type or its nullability in `db/schema` fails typecheck where
 * the row is declared, beside the SQL that uses it, instead of at run time. Types only: nothing is
 * parsed, so hot paths (ingest, analysis) pay nothing.
 */

type Columns<T extends Table> = T["_"]["columns"];

/** Every column of `T` keyed by its SQL name, typed as Drizzle types it (null when nullable). */
export type TableRow<T extends Table> = {
  [K in keyof Columns<T> as Columns<T>[K]["_"]["name"]]: Columns<T>[K]["_"]["notNull"] extends true
    ? Columns<T>[K]["_"]["data"]
    : Columns<T>[K]["_"]["data"] | null;
};

/** The columns `K` (SQL names) of `T`, as a raw `select` of them returns them. */
export type RowOf<T extends Table, K extends keyof TableRow<T>> = Pick<TableRow<T>, K>;

/** An instant rendered as text: `to_char(…)` in a select, or ISO text in a jsonb parameter. */
type InstantText<V> = V extends Date ? string : V;

/**
 * Row `R` with its timestamp fields as ISO text: rows read with `to_char(ts …) as ts`, and rows
 * sent to `jsonb_to_recordset` (JSON has no dates).
 */
export type WithInstantsAsText<R> = { [K in keyof R]: InstantText<R[K]> };

/** Row `R` where each field may also be null (a patch: null keeps the stored value). */
export type Patch<R> = { [K in keyof R]: R[K] | null };

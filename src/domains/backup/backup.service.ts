import type { Db } from "../../db/client.ts";
import * as repo from "./backup.repo.ts";
import { rebuildRollups } from "../reports/index.ts";

/** First line of a backup file. */
export interface BackupHeader {
  rapportBackup: 1;
  migrations: number;
  createdAt: string;
  tables: { name: string; rows: number }[];
}

const PAGE = 1000;

/**
 * Writes every row of every table as JSON lines: a header, then `{"t": table, "r": row}` per row,
 * parents before children. The same file restores onto PGlite or PostgreSQL. Reads in one
 * repeatable-read transaction, so a server writing meanwhile cannot make the tables disagree.
 */
export async function writeBackup(db: Db, write: (line: string) => Promise<void> | void) {
  return db.transaction((tx) => writeTables(tx, write), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}

async function writeTables(db: Db, write: (line: string) => Promise<void> | void) {
  const tables = await repo.listTablesInDependencyOrder(db);
  const header: BackupHeader = {
    rapportBackup: 1,
    migrations: await repo.countMigrations(db),
    createdAt: new Date().toISOString(),
    tables: [],
  };
  for (const name of tables) header.tables.push({ name, rows: await repo.countRows(db, name) });
  await write(`${JSON.stringify(header)}\n`);
  for (const { name } of header.tables) {
    const columns = await repo.listWritableColumns(db, name);
    for (let offset = 0; ; offset += PAGE) {
      const rows = await repo.readRows(db, name, columns, PAGE, offset);
      for (const r of rows) await write(`${JSON.stringify({ t: name, r })}\n`);
      if (rows.length < PAGE) break;
    }
  }
  return header;
}

/**
 * Restores a backup onto an empty database migrated to the same version, in one transaction: a
 * failure leaves the database as it was. Refuses a non-empty database or another schema version.
 */
export async function restoreBackup(db: Db, lines: AsyncIterable<string> | Iterable<string>) {
  let header: BackupHeader | undefined;
  const restored = new Map<string, number>();
  await db.transaction(async (tx) => {
    const columnsOf = new Map<string, string[]>();
    let batch: { table: string; rows: unknown[] } | undefined;
    const flush = async () => {
      if (!batch || batch.rows.length === 0) return;
      await repo.insertRows(tx, batch.table, columnsOf.get(batch.table)!, batch.rows);
      restored.set(batch.table, (restored.get(batch.table) ?? 0) + batch.rows.length);
      batch.rows = [];
    };
    for await (const line of lines) {
      if (line.trim() === "") continue;
      if (!header) {
        header = JSON.parse(line) as BackupHeader;
        if (header.rapportBackup !== 1) throw new Error("not a Rapport backup file");
        const migrations = await repo.countMigrations(tx);
        if (migrations !== header.migrations)
          throw new Error(
            `the backup is of schema version ${header.migrations}, this database is at ${migrations}: ` +
              "restore with the Rapport version that made the backup",
          );
        for (const name of await repo.listTablesInDependencyOrder(tx)) {
          if ((await repo.countRows(tx, name)) > 0)
            throw new Error(`the database is not empty (table ${name}): restore onto a new one`);
          columnsOf.set(name, await repo.listWritableColumns(tx, name));
        }
        continue;
      }
      const { t, r } = JSON.parse(line) as { t: string; r: unknown };
      if (!columnsOf.has(t)) throw new Error(`the backup has a table this database lacks: ${t}`);
      if (batch?.table !== t || batch.rows.length >= PAGE) {
        await flush();
        batch = { table: t, rows: [] };
      }
      batch.rows.push(r);
    }
    await flush();
    if (!header) throw new Error("the backup file is empty");
    // The rollup triggers counted every restored conversation on top of the restored rollup rows:
    // recount them from the restored tables.
    await rebuildRollups(tx, null);
    await repo.resetSequences(tx);
  });
  return { header: header!, restored };
}

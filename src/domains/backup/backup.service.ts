import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
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
          // A running server has already queued its recurring jobs: the backup's queue replaces them.
          if (repo.RUNTIME_TABLES.includes(name)) await repo.emptyTable(tx, name);
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
    for (const { name, rows } of header.tables) {
      const got = restored.get(name) ?? 0;
      if (got !== rows) {
        throw new Error(`the backup is incomplete: table ${name} has ${got} of ${rows} rows`);
      }
    }
    // The rollup triggers counted every restored conversation on top of the restored rollup rows:
    // recount them from the restored tables.
    await rebuildRollups(tx, null);
    await repo.resetSequences(tx);
  });
  return { header: header!, restored };
}

/**
 * Who may download a whole-instance backup from the web app: the users listed in
 * RAPPORT_OPERATOR_EMAILS when it is set, else the admins of the organization created first. A
 * backup holds every organization's data, so an org admin of any later org never qualifies.
 */
export async function isInstanceOperator(
  db: Db,
  userId: string,
  operatorEmails: readonly string[] | undefined,
): Promise<boolean> {
  if (operatorEmails && operatorEmails.length > 0) {
    const email = await repo.findUserEmail(db, userId);
    return email !== null && operatorEmails.includes(email.toLowerCase());
  }
  return repo.isAdminOfFirstOrganization(db, userId);
}

/** A database with no organization is waiting to be set up (or restored into). */
export async function needsSetup(db: Db): Promise<boolean> {
  return (await repo.countOrganizations(db)) === 0;
}

/** Splits a byte stream into lines without holding more than one line and one chunk. */
async function* linesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    const lines = rest.split("\n");
    rest = lines.pop()!;
    yield* lines;
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

/**
 * Restores an uploaded backup (see restoreBackup). A file that is not a whole Rapport backup of
 * this schema version is bad input, answered 400, and leaves the database empty as it was.
 */
export async function restoreUpload(db: Db, body: ReadableStream<Uint8Array>) {
  try {
    const { restored } = await restoreBackup(db, linesOf(body));
    return { tables: restored.size, rows: [...restored.values()].reduce((a, b) => a + b, 0) };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("VALIDATION_FAILED", {
      message: `backup: ${err instanceof Error ? err.message : String(err)}`,
      cause: err,
    });
  }
}

/**
 * Writes a backup to a private temporary file first. Streamed straight from the database, a
 * download read slowly (or not at all) would hold the backup's transaction open, and on PGlite,
 * whose one connection everything shares, stop the whole instance meanwhile.
 */
export async function writeBackupFile(db: Db): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-backup-"));
  const file = path.join(dir, "backup.jsonl");
  const out = fs.createWriteStream(file, { mode: 0o600 });
  try {
    await writeBackup(db, (line) =>
      out.write(line) ? undefined : new Promise<void>((resolve) => out.once("drain", resolve)),
    );
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  return file;
}

/** The file as a web stream; the file and its folder are deleted once read or abandoned. */
export function streamAndDelete(file: string): ReadableStream<Uint8Array> {
  const input = fs.createReadStream(file);
  input.once("close", () => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
  return Readable.toWeb(input) as ReadableStream<Uint8Array>;
}

import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { AppError } from "../../lib/errors.ts";
import { readJsonLines } from "./lines.ts";
import type { ImportRecord, RecordRef } from "./records.ts";

/** One row of a row-per-message file: its fields, or why it could not be read. */
export type RawRow =
  | { line: number; fields: Record<string, unknown>; error?: undefined }
  | { line: number; error: string };

export type ParsedRow<T> =
  { ok: true; value: T } | { ok: false; reason: string; externalId?: string };

/**
 * Streams a CSV file with a header row as records keyed by column name. A row with the wrong number
 * of columns is an error row; a file csv-parse cannot read (an unclosed quote) fails as a whole.
 * `onHeader` sees the header first (to check a mapping against it).
 */
export async function* readCsvRows(
  input: Readable,
  onHeader: (columns: string[]) => void = () => {},
): AsyncGenerator<RawRow> {
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
    }),
  );
  // pipe() does not forward read errors: without this a failing read would leave the loop waiting.
  input.on("error", (err) => parser.destroy(err));
  let header: string[] | undefined;
  try {
    for await (const entry of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const { record, info } = entry;
      if (header === undefined) {
        header = record.map((h) => h.trim());
        onHeader(header);
        continue;
      }
      if (record.length !== header.length) {
        yield {
          line: info.lines,
          error: `expected ${header.length} columns, found ${record.length}`,
        };
        continue;
      }
      const fields: Record<string, unknown> = {};
      header.forEach((name, i) => (fields[name] = record[i]));
      yield { line: info.lines, fields };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new AppError("IMPORT_FILE_INVALID", {
      message: `not a readable CSV file: ${message}`,
      cause: err,
    });
  } finally {
    input.destroy();
  }
  if (header === undefined)
    throw new AppError("IMPORT_FILE_INVALID", { message: "the CSV file is empty" });
}

/** Streams JSON Lines as rows; a line that is not a JSON object is an error row. */
export async function* readJsonlRows(input: Readable): AsyncGenerator<RawRow> {
  for await (const row of readJsonLines(input)) {
    if (row.error !== undefined) yield { line: row.line, error: row.error };
    else if (row.value === null || typeof row.value !== "object" || Array.isArray(row.value)) {
      yield { line: row.line, error: "not a JSON object" };
    } else yield { line: row.line, fields: row.value as Record<string, unknown> };
  }
}

/** How rows are grouped into conversations, learnt in an indexing pass over the whole file. */
export interface RowGrouping<T> {
  /** Sees every readable row of the indexing pass, in file order. */
  index(row: T, line: number): void;
  /** The group a row belongs to (valid after the indexing pass). */
  keyOf(row: T): string;
  /** The line of each group's last row (called once, after the indexing pass). */
  lastLines(): Map<string, number>;
}

/**
 * Groups rows into conversations wherever they are in the file, in two streaming passes: the first
 * learns where each group ends, the second collects rows and emits each conversation at its last
 * row. Memory holds an index entry per row key and only the rows of groups still open, never the
 * file. Unreadable rows are rejected where they stand; the rest of their conversation imports.
 */
export async function* groupRows<T>(
  readRows: (counted: boolean) => AsyncIterable<RawRow>,
  parseRow: (fields: Record<string, unknown>) => ParsedRow<T>,
  grouping: RowGrouping<T>,
  build: (
    key: string,
    rows: { value: T; line: number }[],
    ref: RecordRef,
  ) => ImportRecord | ImportRecord[],
): AsyncGenerator<ImportRecord> {
  for await (const raw of readRows(false)) {
    if (raw.error !== undefined) continue;
    const parsed = parseRow(raw.fields);
    if (parsed.ok) grouping.index(parsed.value, raw.line);
  }
  const last = grouping.lastLines();
  const open = new Map<string, { value: T; line: number }[]>();
  for await (const raw of readRows(true)) {
    const ref = { line: raw.line };
    if (raw.error !== undefined) {
      yield { kind: "reject", ref, reason: raw.error };
      continue;
    }
    const parsed = parseRow(raw.fields);
    if (!parsed.ok) {
      yield parsed.externalId === undefined
        ? { kind: "reject", ref, reason: parsed.reason }
        : { kind: "reject", ref, reason: parsed.reason, externalId: parsed.externalId };
      continue;
    }
    const key = grouping.keyOf(parsed.value);
    const rows = open.get(key) ?? [];
    rows.push({ value: parsed.value, line: raw.line });
    open.set(key, rows);
    if (last.get(key) === raw.line) {
      open.delete(key);
      yield* [build(key, rows, { line: rows[0]!.line })].flat();
    }
  }
  // Only reachable if the file changed between passes; emit what is left rather than drop it.
  for (const [key, rows] of open) yield* [build(key, rows, { line: rows[0]!.line })].flat();
}

import type { Readable } from "node:stream";
import type { IngestConversation } from "../conversations/ingest.schemas.ts";
import type { ImportMapping } from "./imports.schemas.ts";
import { isJsonDocument, streamJsonArrays } from "./json-stream.ts";
import { readJsonLines } from "./lines.ts";

/** Where a record sits in its file, for the rejects file: a line (line formats) or a record number. */
export interface RecordRef {
  line?: number;
  record?: number;
}

/**
 * What a format reader yields, in an order that is the same for every read of the same file: that
 * order is what a resumed import counts to skip committed records.
 */
export type ImportRecord =
  | { kind: "conversation"; ref: RecordRef; item: IngestConversation }
  | { kind: "reject"; ref: RecordRef; externalId?: string; reason: string };

export interface ReaderContext {
  path: string;
  /** The file's base name (the default external id of a transcript). */
  fileName: string;
  /** `conversations.source` for what this file holds. */
  source: string;
  mapping?: ImportMapping;
  /** Transcripts: the conversation's external id and call start (ISO-8601). */
  externalId?: string;
  startedAt?: string;
  /**
   * Opens the file. Only the pass that yields records should be `counted`: its bytes drive the
   * progress bar (indexing passes of two-pass formats are not counted).
   */
  open(counted: boolean): Readable;
  /** Reports something the person importing should know (said once per message on stderr). */
  warn?(message: string): void;
}

export type RecordReader = (ctx: ReaderContext) => AsyncIterable<ImportRecord>;

export function reject(ref: RecordRef, reason: string, externalId?: string): ImportRecord {
  return externalId === undefined
    ? { kind: "reject", ref, reason }
    : { kind: "reject", ref, reason, externalId };
}

/** Reads a plain object or returns undefined; parsed JSON is `unknown` until checked. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** An id as the vendors write it (number or string), as a non-empty string. */
export function idString(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  return undefined;
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * A person's name and email, trimmed and cut to what ingest stores (200 and 320 characters), each
 * only when present.
 */
export function nameAndEmail(person: { name?: unknown; email?: unknown } | undefined): {
  name?: string;
  email?: string;
} {
  const out: { name?: string; email?: string } = {};
  const name = optionalString(person?.name);
  const email = optionalString(person?.email);
  if (name !== undefined) out.name = name.slice(0, 200);
  if (email !== undefined) out.email = email.slice(0, 320);
  return out;
}

/** Sorts messages by time, keeping file order for equal times (Array.prototype.sort is stable). */
export function sortByTime<T extends { ts: string }>(messages: T[]): T[] {
  return messages.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
}

/**
 * Reads an export that is either one JSON document holding its items in an array under one of
 * `keys`, or JSON Lines with one item per line; each item becomes a record through `toRecord`, and
 * an item that is not valid JSON becomes a rejected record. `indexDocument`, when given, runs before
 * a JSON document's items are read (an uncounted pass collecting what the items refer to).
 */
export async function* readJsonItems(
  ctx: ReaderContext,
  keys: readonly string[],
  toRecord: (value: unknown, ref: RecordRef) => ImportRecord,
  indexDocument?: () => Promise<void>,
): AsyncGenerator<ImportRecord> {
  if (await isJsonDocument(ctx.open(false), keys)) {
    await indexDocument?.();
    for await (const el of streamJsonArrays(ctx.open(true), keys)) {
      const ref = { record: el.index };
      yield el.error === undefined ? toRecord(el.value, ref) : reject(ref, el.error);
    }
    return;
  }
  for await (const row of readJsonLines(ctx.open(true))) {
    const ref = { line: row.line };
    yield row.error === undefined ? toRecord(row.value, ref) : reject(ref, row.error);
  }
}

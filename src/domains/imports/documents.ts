/**
 * Vendor files as users save them: a JSON array, an API list or search response, a single object
 * (compact or pretty-printed, possibly wrapped as `{"ticket": {…}}`), or NDJSON. The shape is told
 * by content, never by file name; a file whose shape is not recognised stops the import with a
 * message naming what was found and what is accepted, so a wrong file never "imports 0".
 */
import { text } from "node:stream/consumers";
import { AppError } from "../../lib/errors.ts";
import { streamJsonArrays } from "./json-stream.ts";
import { readJsonLines } from "./lines.ts";
import {
  asObject,
  reject,
  type ImportRecord,
  type ReaderContext,
  type RecordRef,
} from "./records.ts";

export interface DocumentShapes {
  /** The tool's name, for messages ("Zendesk"). */
  tool: string;
  /**
   * Top-level keys whose arrays are streamed element by element (large exports); other documents
   * are parsed whole, which API responses (one page each) allow.
   */
  streamKeys: readonly string[];
  /** The items a whole document (or an NDJSON line) holds, or undefined when it is not one of ours. */
  itemsOf(doc: unknown): unknown[] | undefined;
  /** The accepted shapes, listed in the error message of an unrecognised file. */
  accepted: string;
}

/** Whole documents above this are refused rather than parsed into memory (API pages are small). */
const MAX_WHOLE_DOCUMENT = 256 * 1024 * 1024;

/**
 * Reads items from a file in any of the tool's shapes and turns each into a record.
 * `beforeDocument` runs once before the items of a JSON document (an uncounted indexing pass).
 */
export async function* readDocumentItems(
  ctx: ReaderContext,
  shapes: DocumentShapes,
  toRecord: (value: unknown, ref: RecordRef) => ImportRecord,
  beforeDocument?: () => Promise<void>,
): AsyncGenerator<ImportRecord> {
  const kind = await sniff(ctx);
  if (kind === "empty") throw invalid(shapes, "the file is empty");
  if (kind === "text") throw invalid(shapes, "text that is not JSON");
  if (kind === "lines") {
    for await (const row of readJsonLines(ctx.open(true))) {
      const ref = { line: row.line };
      if (row.error !== undefined) {
        yield reject(ref, row.error);
        continue;
      }
      const items = shapes.itemsOf(row.value);
      if (items === undefined) {
        yield reject(ref, `not a ${shapes.tool} record: ${describe(row.value)}`);
        continue;
      }
      for (const item of items) yield toRecord(item, ref);
    }
    return;
  }
  await beforeDocument?.();
  let streamed = false;
  for await (const el of streamJsonArrays(
    ctx.open(true),
    kind === "array" ? [] : shapes.streamKeys,
  )) {
    streamed = true;
    const ref = { record: el.index };
    if (el.error !== undefined) {
      yield reject(ref, el.error);
      continue;
    }
    // An array may hold wrapped items too (`[{"ticket": {…}}, …]`).
    const items = shapes.itemsOf(el.value) ?? [el.value];
    for (const item of items) yield toRecord(item, ref);
  }
  if (streamed || kind === "array") return;
  const doc = await parseWhole(ctx, shapes);
  const items = shapes.itemsOf(doc);
  if (items === undefined) throw invalid(shapes, `found ${describe(doc)}`);
  for (const [i, item] of items.entries()) yield toRecord(item, { record: i + 1 });
}

type Kind = "empty" | "text" | "array" | "object" | "lines";

/** Tells an array, one JSON object (compact or pretty-printed) and NDJSON apart from the head. */
async function sniff(ctx: ReaderContext): Promise<Kind> {
  const input = ctx.open(false);
  let head = "";
  try {
    for await (const chunk of input) {
      head += typeof chunk === "string" ? chunk : (chunk as Buffer).toString("utf8");
      const body = head.replace(/^\ufeff/, "").trimStart();
      const nl = body.indexOf("\n");
      // Enough to decide: a complete first line followed by more content.
      if (nl >= 0 && body.slice(nl + 1).trim() !== "") break;
      if (head.length > 4 * 1024 * 1024) break;
    }
  } finally {
    input.destroy();
  }
  const body = head.replace(/^\ufeff/, "").trim();
  if (body === "") return "empty";
  if (body.startsWith("[")) return "array";
  if (!body.startsWith("{")) return "text";
  const nl = body.indexOf("\n");
  if (nl < 0) return "object";
  try {
    JSON.parse(body.slice(0, nl));
    // A complete object on the first line with more after it: one record per line.
    return "lines";
  } catch {
    return "object";
  }
}

async function parseWhole(ctx: ReaderContext, shapes: DocumentShapes): Promise<unknown> {
  let content: string;
  try {
    content = await text(ctx.open(false));
  } catch (err) {
    throw new AppError("IMPORT_FILE_INVALID", { message: "the file cannot be read", cause: err });
  }
  if (content.length > MAX_WHOLE_DOCUMENT)
    throw invalid(shapes, "a single JSON document too large to read whole");
  try {
    return JSON.parse(content.replace(/^\ufeff/, "")) as unknown;
  } catch {
    throw invalid(shapes, "a file that is not valid JSON (cut short?)");
  }
}

/** "a JSON object with keys id, subject, …" — what the file holds, never its values. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return `a JSON array of ${value.length} elements`;
  const o = asObject(value);
  if (!o) return `a JSON ${value === null ? "null" : typeof value}`;
  const keys = Object.keys(o);
  if (keys.length === 0) return "an empty JSON object";
  const shown = keys.slice(0, 8).join(", ");
  return `a JSON object with keys ${shown}${keys.length > 8 ? `, … (${keys.length} keys)` : ""}`;
}

function invalid(shapes: DocumentShapes, found: string): AppError {
  return new AppError("IMPORT_FILE_INVALID", {
    message: `not a ${shapes.tool} export: ${found}. Accepted: ${shapes.accepted}`,
  });
}

/** The first array among `keys` of an object, when there is one. */
export function arrayAt(doc: unknown, ...keys: string[]): unknown[] | undefined {
  const o = asObject(doc);
  if (!o) return undefined;
  for (const key of keys) if (Array.isArray(o[key])) return o[key] as unknown[];
  return undefined;
}

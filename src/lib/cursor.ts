/**
 * Opaque keyset cursors over (timestamp, id), for lists read newest first a page at a time. The
 * timestamp travels as ISO text, so a column's microseconds survive (a Date would drop them, and the
 * next page would skip rows of the same millisecond).
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { AppError } from "./errors.ts";
import { isSaneDate, UUID_PATTERN } from "./input-hygiene.ts";

/**
 * An instant as the API shows it: ISO 8601 in UTC to the millisecond ("2026-12-07T09:30:00.123Z"),
 * rendered by the database so a row is sent as read.
 */
export function isoMs(instant: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A timestamptz as the ISO text a cursor carries: UTC, to the microsecond. */
export function keysetAt(instant: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * Rows past a cursor's row in (instant, id) order: before it (`<`, newest-first lists) or after it
 * (`>`). The cursor's halves are cast as decodeKeysetCursor checked them.
 */
export function pastKeyset(
  instant: SQLWrapper,
  id: SQLWrapper,
  key: { at: string; id: string },
  op: "<" | ">" = "<",
): SQL {
  return sql`(${instant}, ${id}) ${sql.raw(op)} (${key.at}::timestamptz, ${key.id}::uuid)`;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3,6}Z$/;

/**
 * The cursor after the row at `at` (ISO, UTC, 3–6 fractional digits) with id `id`; `tag` names
 * the part of a list the row is in, for lists in parts ordered differently (open, then closed).
 */
export function encodeKeysetCursor(at: string, id: string, tag?: string): string {
  return Buffer.from(tag === undefined ? `${at}|${id}` : `${tag}|${at}|${id}`).toString(
    "base64url",
  );
}

/**
 * The inverse of encodeKeysetCursor: a tag is expected when `tags` are given, and must be one of
 * them (or pass them, when `tags` is a test: a tag that carries a value). Both halves go into SQL
 * casts (timestamptz, uuid), so anything the casts could refuse is refused here, as a 400, never a
 * 500.
 */
export function decodeKeysetCursor<Tag extends string = never>(
  cursor: string,
  tags?: readonly Tag[] | ((tag: string) => tag is Tag),
): { at: string; id: string; tag: Tag | undefined } {
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const tag = tags ? parts.shift() : undefined;
  const [at = "", id = "", ...rest] = parts;
  const date = new Date(at);
  // The round trip refuses dates that do not exist (Feb 30), which Date would roll over.
  const valid =
    (tags === undefined ||
      (typeof tags === "function" ? tags(tag ?? "") : tags.includes(tag as Tag))) &&
    rest.length === 0 &&
    UUID_PATTERN.test(id) &&
    ISO.test(at) &&
    isSaneDate(date) &&
    date.toISOString().slice(0, 23) === at.slice(0, 23);
  if (!valid)
    throw new AppError("VALIDATION_FAILED", {
      message: "query.cursor: not a cursor from this list",
    });
  return { at, id, tag: tag as Tag | undefined };
}

/**
 * Opaque keyset cursors over (timestamp, id), for lists read newest first a page at a time. The
 * timestamp travels as ISO text, so a column's microseconds survive (a Date would drop them, and the
 * next page would skip rows of the same millisecond).
 */
import { AppError } from "./errors.ts";
import { isSaneDate } from "./input-hygiene.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3,6}Z$/;

/** The cursor after the row at `at` (ISO, UTC, 3–6 fractional digits) with id `id`. */
export function encodeKeysetCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString("base64url");
}

/**
 * The inverse of encodeKeysetCursor. Both halves go into SQL casts (timestamptz, uuid), so anything
 * the casts could refuse is refused here, as a 400, never a 500.
 */
export function decodeKeysetCursor(cursor: string): { at: string; id: string } {
  const [at = "", id = "", ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at);
  // The round trip refuses dates that do not exist (Feb 30), which Date would roll over.
  const valid =
    rest.length === 0 &&
    UUID.test(id) &&
    ISO.test(at) &&
    isSaneDate(date) &&
    date.toISOString().slice(0, 23) === at.slice(0, 23);
  if (!valid)
    throw new AppError("VALIDATION_FAILED", {
      message: "query.cursor: not a cursor from this list",
    });
  return { at, id };
}

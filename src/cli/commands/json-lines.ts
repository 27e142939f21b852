/**
 * Reading JSON Lines as `rapport analyze` and `rapport topics` both do: the same line ends, the same
 * error lines for a blank, non-JSON or invalid line (docs/analysis.md, docs/insights.md).
 */
import type { z } from "zod";

/** Line ends as Node's readline reads them (`crlfDelay: Infinity`): CRLF, LF, or a lone CR. */
const LINE_END = /\r\n|\n|\r/;

/** The lines of `text`: the text after the last line end is a line only when it is not empty. */
export function splitLines(text: string): string[] {
  const lines = text.split(LINE_END);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The first five issues, each with the path it is about ("line" for the whole line). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "line"}: ${i.message}`)
    .join("; ");
}

export type LineErrorCode = "EMPTY_LINE" | "INVALID_JSON" | "INVALID_LINE" | "ANALYSIS_FAILED";
type Id = string | number;

/** The error line that answers a bad input line in place: with its id when it could be read. */
export function errorLine(code: LineErrorCode, message: string, id?: Id) {
  return id === undefined ? { error: { code, message } } : { id, error: { code, message } };
}

/** One input line read against `schema`: its data, or the error line that answers it. */
export type JsonLine<T> =
  { ok: true; data: T } | { ok: false; value: ReturnType<typeof errorLine> };

/** Reads one line against `schema`; never throws. */
export function readJsonLine<T>(line: string, schema: z.ZodType<T>): JsonLine<T> {
  const bad = (code: LineErrorCode, message: string, id?: Id) =>
    ({ ok: false, value: errorLine(code, message, id) }) as const;
  if (line.trim() === "") return bad("EMPTY_LINE", "blank line: expected a JSON object");
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return bad("INVALID_JSON", "line is not valid JSON");
  }
  const r = schema.safeParse(parsed);
  if (r.success) return { ok: true, data: r.data };
  const rawId =
    parsed !== null && typeof parsed === "object" ? (parsed as { id?: unknown }).id : undefined;
  const id =
    typeof rawId === "string" || (typeof rawId === "number" && Number.isFinite(rawId))
      ? rawId
      : undefined;
  return bad("INVALID_LINE", describeIssues(r.error), id);
}

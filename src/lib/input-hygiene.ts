import { z } from "zod";

/**
 * Checks that keep malformed input from reaching the database, where it would fail with a 500:
 * PostgreSQL refuses NUL in text and jsonb and unpaired UTF-16 surrogates once encoded, cannot
 * store years before 1 or beyond 294276 (JavaScript allows 275760), and `JSON.stringify`
 * overflows the stack on documents nested a few thousand levels deep.
 */

/** NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSAFE_TEXT = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const UNSAFE_TEXT_MESSAGE = "must not contain NUL characters or unpaired UTF-16 surrogates";

/** True when `s` holds a NUL character or an unpaired surrogate. */
export function isUnsafeText(s: string): boolean {
  return UNSAFE_TEXT.test(s);
}

/** Replaces NUL with nothing and unpaired surrogates with U+FFFD: for text we parse, not text we are sent. */
export function toSafeText(s: string): string {
  return s.replaceAll("\0", "").replace(LONE_SURROGATES, "\ufffd");
}

interface Visit {
  value: unknown;
  key: string | number | undefined;
  parent: Visit | undefined;
}

function pathOf(visit: Visit, last?: string): (string | number)[] {
  const path: (string | number)[] = last === undefined ? [] : [last];
  for (let v: Visit | undefined = visit; v?.key !== undefined; v = v.parent) path.push(v.key);
  return path.reverse();
}

/**
 * The path of the first string (object key or value) in a JSON-like value that holds unsafe text,
 * or null. Walks with an explicit stack and parent links, so depth costs neither call stack nor
 * path copies.
 */
export function findUnsafeText(value: unknown): (string | number)[] | null {
  const stack: Visit[] = [{ value, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const v = visit.value;
    if (typeof v === "string") {
      if (isUnsafeText(v)) return pathOf(visit);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: visit });
    } else if (v !== null && typeof v === "object" && !(v instanceof Date)) {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        if (isUnsafeText(key)) return pathOf(visit, key);
        stack.push({ value: child, key, parent: visit });
      }
    }
  }
  return null;
}

/** How deep a JSON body may nest (objects and arrays); real payloads stay under 10. */
export const MAX_JSON_DEPTH = 64;

/**
 * True when the JSON text nests objects/arrays deeper than `max`. A byte scan (brackets inside
 * strings are skipped), run before `JSON.parse`, so a hostile body costs one linear pass.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === 0x5c /* \ */) i++;
      else if (b === 0x22 /* " */) inString = false;
    } else if (b === 0x22) {
      inString = true;
    } else if (b === 0x7b /* { */ || b === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (b === 0x7d /* } */ || b === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/**
 * Dates the API accepts: years 1900 to 9999. Every backend stores them, ISO-8601 writes them with
 * four digits, and no customer conversation falls outside.
 */
/** A UUID in its text form (any version), as PostgreSQL's uuid type reads it. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const MIN_DATE = new Date("1900-01-01T00:00:00.000Z");
export const MAX_DATE = new Date("9999-12-31T23:59:59.999Z");
export const DATE_RANGE_MESSAGE = "must be between the years 1900 and 9999";

export function isSaneDate(d: Date): boolean {
  const t = d.getTime();
  return !Number.isNaN(t) && t >= MIN_DATE.getTime() && t <= MAX_DATE.getTime();
}

/** An ISO-8601 timestamp with a time zone, within the sane date range. */
export function saneTimestamp() {
  return z.iso
    .datetime({ offset: true, message: "must be an ISO-8601 timestamp with a time zone" })
    .refine((ts) => isSaneDate(new Date(ts)), DATE_RANGE_MESSAGE);
}

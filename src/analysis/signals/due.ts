/**
 * Due-time parsing for promises ("we'll call you back within 24 hours", "by Friday", "tomorrow").
 *
 * Works on tokens already produced for the message, scanning forward from the promise cue, so it
 * adds no extra pass over the text. Output is ISO-8601:
 * - a stated duration → "PT24H", "P3D", "P1W"; with a reference time → that instant ("2026-11-24T10:00:00Z");
 * - a day ("tomorrow", "by Friday", "end of day") → a calendar date "2026-11-27" with a reference time;
 *   without one, "P1D" for tomorrow, "P0D" for today, and the weekday name ("friday") as a relative form.
 * The words (numbers, units, weekdays, fillers) are in data/en/signals-due.json.
 */
import dueData from "../data/en/signals-due.json" with { type: "json" };
import type { Token } from "../text/tokenize.ts";

type Unit = "M" | "H" | "D" | "W" | "MO";
const UNIT_CODES: ReadonlySet<string> = new Set(["M", "H", "D", "W", "MO"]);

function isUnit(code: string): code is Unit {
  return UNIT_CODES.has(code);
}

const WORD_NUMBERS: ReadonlyMap<string, number> = new Map(Object.entries(dueData.word_numbers));
const UNITS: ReadonlyMap<string, Unit> = new Map(
  Object.entries(dueData.units).map(([word, code]) => {
    if (!isUnit(code))
      throw new Error(`Unknown time unit "${code}" for "${word}" in signals-due.json`);
    return [word, code];
  }),
);
/** Weekday words → day number, 0 = Sunday. */
const WEEKDAYS: ReadonlyMap<string, number> = new Map(Object.entries(dueData.weekdays));
const WEEKDAY_NAMES = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
];
/** Words allowed between "within"/"in" and the number ("within the next 24 hours"). */
const FILLERS: ReadonlySet<string> = new Set(dueData.fillers);
/** Words allowed between the number and its unit ("3 business days"). */
const QUALIFIERS: ReadonlySet<string> = new Set(dueData.qualifiers);
/** How far past the promise cue to look, in tokens: keeps a due date attached to its own promise. */
const SCAN_TOKENS = 16;

type Due =
  | { kind: "duration"; n: number; unit: Unit }
  | { kind: "days"; n: number }
  | { kind: "weekday"; day: number };

function parseNumber(norm: string): number | undefined {
  if (/^\d{1,4}$/.test(norm)) return Number(norm);
  return WORD_NUMBERS.get(norm);
}

/** "24h", "48hrs", "3days" written as one number token. */
function parseCompact(norm: string): Due | undefined {
  const m = /^(\d{1,4})(minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|w)$/.exec(norm);
  if (m === null) return undefined;
  const unitWord = m[2] ?? "";
  const unit = unitWord === "d" ? "D" : unitWord === "w" ? "W" : UNITS.get(unitWord);
  return unit === undefined ? undefined : { kind: "duration", n: Number(m[1]), unit };
}

/** Reads a due expression starting at word `k` of `words` (norms), or undefined. */
function readAt(words: readonly string[], k: number): Due | undefined {
  const w = words[k] ?? "";
  if (w === "tomorrow") return { kind: "days", n: 1 };
  if (w === "today" || w === "tonight" || w === "eod" || w === "cob") return { kind: "days", n: 0 };
  if (w === "end" && words[k + 1] === "of") {
    const what = words[k + 2] === "the" ? words[k + 3] : words[k + 2];
    if (what === "day") return { kind: "days", n: 0 };
    if (what === "week") return { kind: "weekday", day: 5 };
  }
  if (w === "close" && words[k + 1] === "of" && words[k + 2] === "business")
    return { kind: "days", n: 0 };
  if (w === "next" && words[k + 1] === "week") return { kind: "duration", n: 1, unit: "W" };
  if (w === "by" || w === "on" || w === "before" || w === "this" || w === "next" || w === "until") {
    const day = WEEKDAYS.get(words[k + 1] ?? "");
    if (day !== undefined) return { kind: "weekday", day };
  }
  if (w === "within" || w === "in" || w === "next") {
    let j = k + 1;
    while (FILLERS.has(words[j] ?? "") && j < k + 4) j++;
    const compact = parseCompact(words[j] ?? "");
    if (compact !== undefined) return compact;
    let n = parseNumber(words[j] ?? "");
    if (n === undefined) return undefined;
    j++;
    // Ranges "3-5 days", "3 to 5 days": the promise is kept only at the upper bound.
    if (words[j] === "to" || words[j] === "or") {
      const upper = parseNumber(words[j + 1] ?? "");
      if (upper !== undefined) {
        n = upper;
        j += 2;
      }
    } else {
      const upper = parseNumber(words[j] ?? "");
      if (upper !== undefined && upper > n) {
        n = upper;
        j++;
      }
    }
    if (words[j] === "of") j++;
    while (QUALIFIERS.has(words[j] ?? "")) j++;
    const unit = UNITS.get(words[j] ?? "");
    return unit === undefined ? undefined : { kind: "duration", n, unit };
  }
  return undefined;
}

function durationIso(n: number, unit: Unit): string {
  switch (unit) {
    case "M":
      return `PT${n}M`;
    case "H":
      return `PT${n}H`;
    case "D":
      return `P${n}D`;
    case "W":
      return `P${n}W`;
    case "MO":
      return `P${n}M`;
  }
}

/** Offset in minutes of an ISO-8601 timestamp ("Z" → 0, "+02:00" → 120); 0 when none is written. */
function tzOffsetMinutes(ts: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(ts);
  if (m === null || ts.length < 16) return 0;
  const sign = m[1] === "-" ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3]));
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function resolve(due: Due, ts: string | undefined): string {
  const base = ts === undefined ? NaN : Date.parse(ts);
  if (Number.isNaN(base)) {
    if (due.kind === "duration") return durationIso(due.n, due.unit);
    if (due.kind === "days") return `P${due.n}D`;
    return WEEKDAY_NAMES[due.day] ?? "P0D";
  }
  const ts0 = ts ?? "";
  if (due.kind === "duration") {
    const d = new Date(base);
    if (due.unit === "MO") d.setUTCMonth(d.getUTCMonth() + due.n);
    else {
      const minutes =
        due.unit === "M" ? 1 : due.unit === "H" ? 60 : due.unit === "D" ? 1440 : 10080;
      d.setTime(base + due.n * minutes * 60_000);
    }
    return Number.isNaN(d.getTime())
      ? durationIso(due.n, due.unit)
      : d.toISOString().replace(".000Z", "Z");
  }
  // Calendar arithmetic in the writer's own time zone, so "tomorrow" at 23:30+02:00 is the right day.
  const local = base + tzOffsetMinutes(ts0) * 60_000;
  if (due.kind === "days") return isoDate(local + due.n * 86_400_000);
  const today = new Date(local).getUTCDay();
  const ahead = (due.day - today + 7) % 7;
  return isoDate(local + ahead * 86_400_000);
}

/**
 * Finds a due time stated in the tokens from `from` (inclusive) onward, within the promise's reach.
 * Returns the ISO-8601 form described in the module comment, or undefined when none is stated.
 */
export function parseDue(tokens: readonly Token[], from: number, ts?: string): string | undefined {
  const words: string[] = [];
  for (let i = Math.max(0, from); i < tokens.length && words.length < SCAN_TOKENS; i++) {
    const t = tokens[i];
    if (t !== undefined && t.kind !== "punct") words.push(t.norm);
  }
  for (let k = 0; k < words.length; k++) {
    const due = readAt(words, k);
    if (due !== undefined) return resolve(due, ts);
  }
  return undefined;
}

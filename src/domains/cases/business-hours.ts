import { DateTime, IANAZone } from "luxon";
import { isKnownHolidayRegion, regionHolidays } from "./holidays.ts";

/**
 * Business-hours calendars: weekly shifts in a time zone, split shifts, shifts past midnight
 * (marked explicitly), and holidays (explicit dates and a country/region's public holidays).
 * Every local-time → instant conversion goes through Luxon with the calendar's IANA zone, so DST
 * transitions are the library's, never offset arithmetic of ours. Pure: no I/O.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * One shift: `["09:00","17:00"]`, or `["22:00","02:00","next_day"]` for one that ends after
 * midnight. A shift belongs to the day it starts on (a holiday on that day cancels it).
 */
export type Shift = readonly [string, string] | readonly [string, string, "next_day"];

export interface HolidayRegion {
  country: string;
  region?: string | undefined;
}

export interface CalendarSpec {
  timeZone: string;
  hours: Partial<Record<Weekday, readonly Shift[]>>;
  /** Extra closed dates, `YYYY-MM-DD` in the calendar's zone. */
  holidays?: readonly string[] | undefined;
  /** Public holidays of this country (ISO 3166-1) and optional region, from date-holidays. */
  holidayRegion?: HolidayRegion | null | undefined;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** No due time lies further than this: a guard against calendars with (almost) no open hours. */
const MAX_DAYS_SEARCHED = 3 * 366;
const MINUTE = 60_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Every problem with a calendar, as `field: message` strings; empty when it is usable. */
export function validateCalendar(spec: CalendarSpec): string[] {
  const problems: string[] = [];
  if (!IANAZone.isValidZone(spec.timeZone))
    problems.push(`timeZone: unknown time zone "${spec.timeZone}"`);
  let shifts = 0;
  for (const day of WEEKDAYS) {
    const ranges: [number, number][] = [];
    for (const [i, shift] of (spec.hours[day] ?? []).entries()) {
      const [start, end, mark] = shift;
      const where = `hours.${day}[${i}]`;
      if (!TIME.test(start) || start === "24:00") {
        problems.push(`${where}: start "${start}" is not a time HH:MM between 00:00 and 23:59`);
        continue;
      }
      if (!TIME.test(end)) {
        problems.push(`${where}: end "${end}" is not a time HH:MM between 00:00 and 24:00`);
        continue;
      }
      const s = minutesOf(start);
      let e = minutesOf(end);
      if (mark === "next_day") {
        if (e > s) problems.push(`${where}: marked next_day but ends after it starts`);
        e += 1440;
      } else if (e <= s) {
        problems.push(
          `${where}: ends (${end}) before it starts (${start}); mark it ["${start}","${end}","next_day"] if it runs past midnight`,
        );
        continue;
      }
      ranges.push([s, e]);
      shifts++;
    }
    ranges.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i++) {
      if (ranges[i]![0] < ranges[i - 1]![1]) problems.push(`hours.${day}: shifts overlap`);
    }
  }
  if (shifts === 0) problems.push("hours: at least one shift is needed");
  for (const d of spec.holidays ?? []) {
    if (!DATE.test(d) || !DateTime.fromISO(d).isValid)
      problems.push(`holidays: "${d}" is not a date YYYY-MM-DD`);
  }
  const region = spec.holidayRegion;
  if (region && !isKnownHolidayRegion(region.country, region.region))
    problems.push(
      `holidayRegion: unknown country/region "${region.country}${region.region ? "/" + region.region : ""}"`,
    );
  return problems;
}

/** A calendar ready for clock arithmetic; caches each local day's open intervals. */
export interface BusinessCalendar {
  readonly spec: CalendarSpec;
  readonly zone: string;
  /** True when the local date (YYYY-MM-DD) is a holiday. */
  isHoliday(date: string): boolean;
  /** True on a weekday with shifts that is not a holiday (what "business day" means here). */
  isBusinessDay(date: string): boolean;
  /** The open intervals [startMs, endMs) of the shifts that start on a local date. */
  intervalsOn(date: string): readonly (readonly [number, number])[];
}

/** Compiles a valid calendar (call `validateCalendar` first: this throws on an invalid one). */
export function compileCalendar(spec: CalendarSpec): BusinessCalendar {
  const problems = validateCalendar(spec);
  if (problems.length > 0) throw new Error(`invalid calendar: ${problems.join("; ")}`);
  const zone = spec.timeZone;
  const explicit = new Set(spec.holidays ?? []);
  const cache = new Map<string, (readonly [number, number])[]>();
  const isHoliday = (date: string) =>
    explicit.has(date) ||
    (spec.holidayRegion !== null &&
      spec.holidayRegion !== undefined &&
      regionHolidays(spec.holidayRegion.country, spec.holidayRegion.region, yearOf(date)).has(
        date,
      ));
  const shiftsOf = (date: string) => spec.hours[weekdayOf(date, zone)] ?? [];
  return {
    spec,
    zone,
    isHoliday,
    isBusinessDay: (date) => shiftsOf(date).length > 0 && !isHoliday(date),
    intervalsOn(date) {
      let found = cache.get(date);
      if (!found) {
        found = isHoliday(date) ? [] : shiftsOf(date).map((s) => shiftInterval(date, s, zone));
        found.sort((a, b) => a[0] - b[0]);
        cache.set(date, found);
      }
      return found;
    },
  };
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function weekdayOf(date: string, zone: string): Weekday {
  return WEEKDAYS[DateTime.fromISO(date, { zone }).weekday - 1]!;
}

/** A shift's interval as instants. A local time inside a DST gap moves forward (Luxon's rule). */
function shiftInterval(date: string, shift: Shift, zone: string): readonly [number, number] {
  const day = DateTime.fromISO(date, { zone });
  const at = (hhmm: string, plusDays: number) => {
    const m = minutesOf(hhmm);
    const d = day.plus({ days: plusDays + Math.floor(m / 1440) });
    return DateTime.fromObject(
      { year: d.year, month: d.month, day: d.day, hour: Math.floor(m / 60) % 24, minute: m % 60 },
      { zone },
    ).toMillis();
  };
  const start = at(shift[0], 0);
  const end = at(shift[1], shift[2] === "next_day" ? 1 : 0);
  return [start, Math.max(start, end)];
}

const dayStarts = new Map<string, number>();

/** The instant a local date starts in a zone (Luxon; memoised per zone and date). */
export function dayStart(date: string, zone: string): number {
  const key = `${zone}|${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size > 200_000) dayStarts.clear();
    start = DateTime.fromISO(date, { zone }).toMillis();
    dayStarts.set(key, start);
  }
  return start;
}

/**
 * The local date (YYYY-MM-DD) of an instant in a zone: its UTC date or a neighbour (no zone is a
 * day or more from UTC), chosen by the memoised instants at which local days start.
 */
export function localDate(ms: number, zone: string): string {
  const utc = new Date(ms).toISOString().slice(0, 10);
  if (dayStart(utc, zone) > ms) return addDays(utc, -1);
  const next = addDays(utc, 1);
  return dayStart(next, zone) <= ms ? next : utc;
}

const shiftedDays = new Map<string, string>();

/**
 * The local date `days` after `date` (calendar days; negative goes back). Dates here are zone-less
 * calendar days, so this is day counting on the Gregorian calendar, not offset maths; results are
 * memoised because clock replay walks the same days over and over.
 */
export function addDays(date: string, days: number): string {
  const key = `${date}|${days}`;
  let shifted = shiftedDays.get(key);
  if (shifted === undefined) {
    if (shiftedDays.size > 200_000) shiftedDays.clear();
    shifted = DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate()!;
    shiftedDays.set(key, shifted);
  }
  return shifted;
}

/** Open intervals in start order, from the day before `fromMs` (a shift past midnight may cover it). */
function* intervalsFrom(cal: BusinessCalendar, fromMs: number) {
  let date = addDays(localDate(fromMs, cal.zone), -1);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, date = addDays(date, 1)) {
    yield* cal.intervalsOn(date);
  }
  throw new Error(`no business hours within ${MAX_DAYS_SEARCHED} days`);
}

/**
 * The instant `minutes` business minutes after `fromMs`. Overlapping intervals (a past-midnight
 * shift meeting the next day's first one) count once: the cursor only moves forward.
 */
export function addBusinessMinutes(cal: BusinessCalendar, fromMs: number, minutes: number): number {
  let remaining = minutes * MINUTE;
  if (remaining <= 0) return fromMs;
  let cursor = fromMs;
  for (const [a, b] of intervalsFrom(cal, fromMs)) {
    const start = Math.max(a, cursor);
    if (b <= start) continue;
    if (b - start >= remaining) return start + remaining;
    remaining -= b - start;
    cursor = b;
  }
  throw new Error("unreachable");
}

/** Business milliseconds in [fromMs, toMs). */
export function businessMsBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  let cursor = fromMs;
  for (const [a, b] of intervalsFrom(cal, fromMs)) {
    if (a >= toMs) break;
    const start = Math.max(a, cursor);
    const end = Math.min(b, toMs);
    if (end > start) {
      total += end - start;
      cursor = end;
    }
  }
  return total;
}

/** The start of the local day after `date` in `zone`: "by the end of that day" as an instant. */
export function endOfLocalDay(date: string, zone: string): number {
  return dayStart(addDays(date, 1), zone);
}

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

/** Per zone and UTC day number: that day's and the next day's local starts. */
const localDays = new Map<
  string,
  Map<number, { utc: string; next: string; start: number; nextStart: number }>
>();

/**
 * The local date (YYYY-MM-DD) of an instant in a zone: its UTC date or a neighbour (no zone is a
 * day or more from UTC), chosen by the memoised instants at which local days start.
 */
export function localDate(ms: number, zone: string): string {
  const day = Math.floor(ms / 86_400_000);
  let days = localDays.get(zone);
  if (!days) localDays.set(zone, (days = new Map()));
  let known = days.get(day);
  if (!known) {
    if (days.size > 100_000) days.clear();
    const utc = new Date(day * 86_400_000).toISOString().slice(0, 10);
    const next = addDays(utc, 1);
    known = { utc, next, start: dayStart(utc, zone), nextStart: dayStart(next, zone) };
    days.set(day, known);
  }
  if (known.start > ms) return addDays(known.utc, -1);
  return known.nextStart <= ms ? known.next : known.utc;
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

/**
 * A calendar's open time over a span of local days as merged intervals with running totals, so
 * business time between two instants is two binary searches instead of a walk over the days.
 * Overlapping intervals (a past-midnight shift meeting the next day's first one) count once.
 */
interface Timeline {
  /** Instants inside [lo, hi) are exact: every interval touching them is included. */
  lo: number;
  hi: number;
  starts: number[];
  ends: number[];
  /** Business ms in the intervals before interval i. */
  before: number[];
}

const timelines = new WeakMap<BusinessCalendar, Timeline>();
const SPAN_PAD_DAYS = 10;

function buildTimeline(cal: BusinessCalendar, firstDay: string, lastDay: string): Timeline {
  const starts: number[] = [];
  const ends: number[] = [];
  const before: number[] = [];
  let total = 0;
  // A shift ends within a day of its start, so one day before `firstDay` covers its start.
  for (let date = addDays(firstDay, -1); date <= lastDay; date = addDays(date, 1)) {
    for (const [a, b] of cal.intervalsOn(date)) {
      const last = ends.length - 1;
      if (last >= 0 && a <= ends[last]!) {
        if (b > ends[last]!) {
          total += b - ends[last]!;
          ends[last] = b;
        }
        continue;
      }
      before.push(total);
      starts.push(a);
      ends.push(b);
      total += b - a;
    }
  }
  return {
    lo: dayStart(firstDay, cal.zone),
    hi: dayStart(lastDay, cal.zone),
    starts,
    ends,
    before,
  };
}

/** The calendar's timeline covering [fromMs, toMs], built (or widened) on demand. */
function timelineFor(cal: BusinessCalendar, fromMs: number, toMs: number): Timeline {
  const known = timelines.get(cal);
  if (known && known.lo <= fromMs && toMs < known.hi) return known;
  const lo = Math.min(fromMs, known?.lo ?? fromMs);
  const hi = Math.max(toMs, known?.hi ?? toMs);
  const built = buildTimeline(
    cal,
    addDays(localDate(lo, cal.zone), -SPAN_PAD_DAYS),
    addDays(localDate(hi, cal.zone), SPAN_PAD_DAYS),
  );
  timelines.set(cal, built);
  return built;
}

/** Index of the last interval starting at or before `ms` (-1 when none). */
function lastStartingBy(t: Timeline, ms: number): number {
  let lo = 0;
  let hi = t.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.starts[mid]! <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Business ms in the timeline before the instant `ms`. */
function openBefore(t: Timeline, ms: number): number {
  const i = lastStartingBy(t, ms);
  if (i < 0) return 0;
  return t.before[i]! + Math.min(ms, t.ends[i]!) - t.starts[i]!;
}

/** The instant `minutes` business minutes after `fromMs`. */
export function addBusinessMinutes(cal: BusinessCalendar, fromMs: number, minutes: number): number {
  const remaining = minutes * MINUTE;
  if (remaining <= 0) return fromMs;
  const limit = fromMs + MAX_DAYS_SEARCHED * 86_400_000;
  // Guess the span from the ratio of open time, widening until the due instant lies inside it.
  for (let span = remaining * 4 + 7 * 86_400_000; ; span *= 4) {
    const t = timelineFor(cal, fromMs, Math.min(fromMs + span, limit));
    const target = openBefore(t, fromMs) + remaining;
    const last = t.starts.length - 1;
    const lastAvailable = last < 0 ? 0 : t.before[last]! + t.ends[last]! - t.starts[last]!;
    if (lastAvailable >= target) {
      // The first interval whose end reaches the target.
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (t.before[mid]! + t.ends[mid]! - t.starts[mid]! >= target) hi = mid;
        else lo = mid + 1;
      }
      const due = t.starts[lo]! + target - t.before[lo]!;
      if (due < t.hi) return due;
    }
    if (fromMs + span >= limit)
      throw new Error(`no business hours within ${MAX_DAYS_SEARCHED} days`);
  }
}

/** Business milliseconds in [fromMs, toMs). */
export function businessMsBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  const t = timelineFor(cal, fromMs, toMs);
  return openBefore(t, toMs) - openBefore(t, fromMs);
}

/** The start of the local day after `date` in `zone`: "by the end of that day" as an instant. */
export function endOfLocalDay(date: string, zone: string): number {
  return dayStart(addDays(date, 1), zone);
}

/** A moment as a customer reads it, in `timeZone`: "Tuesday 8 December 2026, 12:35 (Europe/Paris)". */
export function customerTime(iso: string, timeZone: string): string {
  const local = DateTime.fromISO(iso, { zone: timeZone, locale: "en-GB" });
  return `${local.toFormat("cccc d LLLL yyyy, HH:mm")} (${timeZone})`;
}

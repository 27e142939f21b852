import type ICAL from "ical.js";
import { lazyRequire } from "../../lib/lazy-require.ts";

const ical = lazyRequire<typeof ICAL>("ical.js");

/**
 * iCal holiday feeds for SLA calendars: the closed dates an organization already publishes (a
 * company shutdown calendar, a public-holiday feed). Each event marks the dates it covers, all-day
 * events by their dates (DTEND exclusive), timed ones by the date they start on; recurring events
 * are expanded within a window. Dates are `YYYY-MM-DD`, like a policy's own holidays.
 */

export const FEED_MAX_BYTES = 2 * 1024 * 1024;
export const FEED_MAX_DATES = 2000;
const FEED_TIMEOUT_MS = 10_000;
/** A runaway rule (daily for ever) stops here. */
const MAX_OCCURRENCES = 5000;

export class HolidayFeedError extends Error {}

const dateOf = (t: ICAL.Time) =>
  `${String(t.year).padStart(4, "0")}-${String(t.month).padStart(2, "0")}-${String(t.day).padStart(2, "0")}`;

/** The dates an occurrence covers: each day from its start up to (not including) an all-day end. */
function datesCovered(start: ICAL.Time, end: ICAL.Time | null): string[] {
  if (!start.isDate || !end || end.compare(start) <= 0) return [dateOf(start)];
  const out: string[] = [];
  const day = start.clone();
  while (day.compare(end) < 0 && out.length < 366) {
    out.push(dateOf(day));
    day.adjust(1, 0, 0, 0);
  }
  return out;
}

/** Every date the calendar's events cover within [from, to] (`YYYY-MM-DD`), sorted, at most FEED_MAX_DATES. */
export function parseIcalHolidays(text: string, window: { from: string; to: string }): string[] {
  let root: ICAL.Component;
  try {
    root = new (ical().Component)(ical().parse(text) as unknown[]);
  } catch (err) {
    throw new HolidayFeedError(`not an iCalendar file: ${(err as Error).message}`);
  }
  if (root.name !== "vcalendar") throw new HolidayFeedError("not an iCalendar file (no VCALENDAR)");
  const dates = new Set<string>();
  const until = ical().Time.fromDateString(window.to);
  for (const component of root.getAllSubcomponents("vevent")) {
    const event = new (ical().Event)(component);
    if (!event.startDate) continue;
    const length = event.endDate ? event.endDate.subtractDate(event.startDate) : null;
    const iterator = event.iterator();
    for (let n = 0, next = iterator.next(); next && n < MAX_OCCURRENCES; n++) {
      if (next.compare(until) > 0) break;
      const end = length ? next.clone() : null;
      if (end && length) end.addDuration(length);
      for (const d of datesCovered(next, end)) if (d >= window.from && d <= window.to) dates.add(d);
      if (!event.isRecurring()) break;
      next = iterator.next();
    }
  }
  return [...dates].sort().slice(0, FEED_MAX_DATES);
}

/** Fetches a feed (http or https, 10 s, 2 MB) and parses it; HolidayFeedError says what went wrong. */
export async function fetchHolidayFeed(
  url: string,
  window: { from: string; to: string },
): Promise<string[]> {
  let res: Response;
  try {
    res = await fetch(url, {
      signal: AbortSignal.timeout(FEED_TIMEOUT_MS),
      headers: { accept: "text/calendar" },
    });
  } catch (err) {
    throw new HolidayFeedError(`could not fetch the feed: ${(err as Error).message}`);
  }
  if (!res.ok) throw new HolidayFeedError(`the feed answered HTTP ${res.status}`);
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > FEED_MAX_BYTES) throw new HolidayFeedError("the feed is larger than 2 MB");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
    size += part.value.length;
    if (size > FEED_MAX_BYTES) {
      await reader!.cancel();
      throw new HolidayFeedError("the feed is larger than 2 MB");
    }
    chunks.push(part.value);
  }
  return parseIcalHolidays(Buffer.concat(chunks).toString("utf8"), window);
}

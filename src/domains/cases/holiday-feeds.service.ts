import { DateTime } from "luxon";
import type { Db } from "../../db/client.ts";
import type { CalendarSpec } from "./business-hours.ts";
import { fetchHolidayFeed, HolidayFeedError } from "./holiday-feeds.ts";
import * as repo from "./sla-policies.repo.ts";

/**
 * A policy's subscribed iCal feeds, kept in its calendar JSON beside its own holidays. Fetched when
 * the policy is saved and daily after; a feed that fails keeps its last good dates and shows the
 * error. The clocks use the policy's own holidays and every feed's (a case's snapshot keeps the
 * dates it opened with, like the rest of its calendar).
 */

export interface StoredFeed {
  url: string;
  holidays: string[];
  refreshedAt: string | null;
  error: string | null;
}

type StoredCalendar = CalendarSpec & { holidayFeeds?: StoredFeed[] };

function windowAt(now: Date) {
  const t = DateTime.fromJSDate(now, { zone: "UTC" });
  return { from: t.minus({ years: 1 }).toISODate()!, to: t.plus({ years: 3 }).toISODate()! };
}

export async function refreshFeeds(
  urls: readonly string[],
  previous: readonly StoredFeed[],
  now = new Date(),
): Promise<StoredFeed[]> {
  return Promise.all(
    urls.map(async (url) => {
      const before = previous.find((f) => f.url === url);
      try {
        const holidays = await fetchHolidayFeed(url, windowAt(now));
        return { url, holidays, refreshedAt: now.toISOString(), error: null };
      } catch (err) {
        if (!(err instanceof HolidayFeedError)) throw err;
        return {
          url,
          holidays: before?.holidays ?? [],
          refreshedAt: before?.refreshedAt ?? null,
          error: err.message,
        };
      }
    }),
  );
}

export const feedsOf = (calendar: unknown): StoredFeed[] =>
  (calendar as StoredCalendar).holidayFeeds ?? [];

/** The calendar the clocks use: own holidays and every feed's, without the feed bookkeeping. */
export function clockCalendar(calendar: unknown): CalendarSpec {
  const { holidayFeeds, ...spec } = calendar as StoredCalendar;
  if (!holidayFeeds?.length) return spec;
  const feedDates = holidayFeeds.flatMap((f) => f.holidays);
  return { ...spec, holidays: [...new Set([...(spec.holidays ?? []), ...feedDates])].sort() };
}

/** The daily refresh of every policy that subscribes to a feed; returns how many were refreshed. */
export async function refreshAllHolidayFeeds(db: Db, now = new Date()): Promise<number> {
  let refreshed = 0;
  for (const orgId of await repo.listOrgIds(db)) {
    for (const row of await repo.listPolicies(db, orgId)) {
      const feeds = feedsOf(row.calendar);
      if (feeds.length === 0) continue;
      const fresh = await refreshFeeds(
        feeds.map((f) => f.url),
        feeds,
        now,
      );
      await repo.setHolidayFeeds(db, orgId, row.id, fresh);
      refreshed += 1;
    }
  }
  return refreshed;
}

import type HolidaysClass from "date-holidays";
import { lazyRequire } from "../../lib/lazy-require.ts";

/**
 * Public holidays by country and region from date-holidays (maintained rules, substitute days
 * included), as sets of local dates, computed once per country/region/year.
 */

/**
 * date-holidays is loaded on first use, not at import: its rule data costs ~0.4 s of a server start
 * (docs/performance.md). Its API is synchronous, so it is required (its CommonJS build) rather
 * than imported.
 */
const holidaysModule = lazyRequire<typeof HolidaysClass>("date-holidays");
let catalogue: HolidaysClass | undefined;

function holidaysLib(): { Holidays: typeof HolidaysClass; catalogue: HolidaysClass } {
  const Holidays = holidaysModule();
  return { Holidays, catalogue: (catalogue ??= new Holidays()) };
}

let countries: Record<string, string> | undefined;
const byKey = new Map<string, Set<string>>();

/** True when date-holidays knows the country (ISO 3166-1 alpha-2) and, if given, its region. */
export function isKnownHolidayRegion(country: string, region?: string): boolean {
  const { catalogue } = holidaysLib();
  countries ??= catalogue.getCountries() as Record<string, string>;
  if (!Object.hasOwn(countries, country)) return false;
  if (region === undefined) return true;
  const states = catalogue.getStates(country) as Record<string, string> | undefined;
  return states !== undefined && Object.hasOwn(states, region);
}

/** The public (and bank) holidays of a country/region in a year, as `YYYY-MM-DD` local dates. */
export function regionHolidays(
  country: string,
  region: string | undefined,
  year: number,
): ReadonlySet<string> {
  const key = `${country}/${region ?? ""}/${year}`;
  let found = byKey.get(key);
  if (!found) {
    const { Holidays } = holidaysLib();
    const hd = region ? new Holidays(country, region) : new Holidays(country);
    found = new Set(
      (hd.getHolidays(year) || [])
        .filter((h) => h.type === "public" || h.type === "bank")
        .map((h) => h.date.slice(0, 10)),
    );
    byKey.set(key, found);
  }
  return found;
}

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** Unix seconds below this are taken as seconds, above as milliseconds (year 2286 vs 1970+). */
const SECONDS_LIMIT = 1e10;

/**
 * Parses a timestamp from an import file into ISO-8601 UTC, or undefined when it is not one.
 * Accepts ISO-8601 (a time without a zone is UTC), unix seconds or milliseconds (numbers or digit
 * strings), and Twitter's `Tue Oct 31 22:10:47 +0000 2017`.
 */
export function parseTimestamp(value: unknown): string | undefined {
  if (typeof value === "number") return fromEpoch(value);
  if (typeof value !== "string") return undefined;
  const s = value.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(s)) return fromEpoch(Number(s));
  const twitter =
    /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/.exec(
      s,
    );
  if (twitter) {
    const [, mon, day, hh, mm, ss, sign, oh, om, year] = twitter;
    const month = MONTHS[mon!];
    if (month === undefined) return undefined;
    const offsetMinutes = (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om));
    const ms = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss));
    return checked(ms - offsetMinutes * 60_000);
  }
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      s,
    );
  if (!iso) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = iso;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59) {
    return undefined;
  }
  let normalizedZone = "Z";
  if (zone !== undefined && zone.toUpperCase() !== "Z") {
    normalizedZone = zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  }
  const text = `${y}-${mo}-${d}T${h}:${mi}:${sec ?? "00"}${frac ?? ""}${normalizedZone}`;
  const parsed = Date.parse(text);
  // Date.parse rolls 31 Feb over into March; a round trip of the date part catches it.
  if (Number.isNaN(parsed)) return undefined;
  const check = new Date(Date.UTC(Number(y), month - 1, day));
  if (check.getUTCDate() !== day) return undefined;
  return checked(parsed);
}

function fromEpoch(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  return checked(n < SECONDS_LIMIT ? n * 1000 : n);
}

function checked(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

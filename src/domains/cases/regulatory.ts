import { addDays, endOfLocalDay, localDate } from "./business-hours.ts";
import { isKnownHolidayRegion, regionHolidays } from "./holidays.ts";

/**
 * Regulatory complaint clocks. Each counts days from the day the complaint was received, in the
 * jurisdiction's zone and with its public holidays, and ends at the close of the last day.
 * - UK FCA DISP 1.5/1.6: a summary resolution communication by the close of the third business day
 *   after the day of receipt; otherwise a final response within eight weeks of receipt.
 * - EU PSD2 art. 101: a reply on payment-service complaints within 15 business days; up to 35 when
 *   a holding reply explains the exceptional delay.
 * - Australia ASIC RG 271.58: an internal dispute resolution response within 30 calendar days.
 */

export const REGIMES = ["uk_fca", "eu_psd2", "au_asic"] as const;
export type RegimeName = (typeof REGIMES)[number];

export const MILESTONES = [
  "acknowledgement",
  "summary_resolution",
  "holding_reply",
  "final_response",
] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface RegimeRef {
  regime: RegimeName;
  /** Jurisdiction for business days and holidays; defaults per regime (GB/ENG, AU). */
  country?: string | undefined;
  region?: string | undefined;
  timeZone?: string | undefined;
}

interface RegulatoryClockDef {
  key: string;
  label: string;
  unit: "business_days" | "calendar_days";
  days: number;
  /** Days allowed once this milestone is recorded before the first deadline (PSD2 exceptional). */
  extendedOn?: { milestone: Milestone; days: number };
  stopsOn: readonly Milestone[];
}

interface RegimeDef {
  label: string;
  country: string;
  region?: string;
  timeZone: string;
  clocks: readonly RegulatoryClockDef[];
}

export const REGIME_DEFS: Record<RegimeName, RegimeDef> = {
  uk_fca: {
    label: "UK FCA DISP",
    country: "GB",
    region: "ENG",
    timeZone: "Europe/London",
    clocks: [
      {
        key: "fca_summary",
        label: "FCA summary resolution (3 business days)",
        unit: "business_days",
        days: 3,
        stopsOn: ["summary_resolution", "final_response"],
      },
      {
        key: "fca_final",
        label: "FCA final response (8 weeks)",
        unit: "calendar_days",
        days: 56,
        stopsOn: ["summary_resolution", "final_response"],
      },
    ],
  },
  eu_psd2: {
    label: "EU PSD2 payment complaint",
    country: "IE",
    timeZone: "Europe/Dublin",
    clocks: [
      {
        key: "psd2_reply",
        label: "PSD2 reply (15 business days, 35 exceptional)",
        unit: "business_days",
        days: 15,
        extendedOn: { milestone: "holding_reply", days: 35 },
        stopsOn: ["final_response"],
      },
    ],
  },
  au_asic: {
    label: "ASIC RG 271",
    country: "AU",
    region: "NSW",
    timeZone: "Australia/Sydney",
    clocks: [
      {
        key: "asic_idr",
        label: "ASIC IDR response (30 calendar days)",
        unit: "calendar_days",
        days: 30,
        stopsOn: ["final_response"],
      },
    ],
  },
};

/** Problems with a regime reference (unknown jurisdiction), as `field: message` strings. */
export function validateRegime(ref: RegimeRef): string[] {
  const { country, region } = resolved(ref);
  return isKnownHolidayRegion(country, region)
    ? []
    : [`regulatory: unknown country/region "${country}${region ? "/" + region : ""}"`];
}

function resolved(ref: RegimeRef) {
  const def = REGIME_DEFS[ref.regime];
  const country = ref.country ?? def.country;
  const region = ref.country ? ref.region : (ref.region ?? def.region);
  return { def, country, region, zone: ref.timeZone ?? def.timeZone };
}

const businessDaysAfter = new Map<string, string>();

/**
 * The local date `n` business days (Mon–Fri, not a public holiday of `calendar`) after `date`;
 * memoised, as every case received on a day shares its deadlines.
 */
function addBusinessDays(
  date: string,
  n: number,
  calendar: string,
  isHoliday: (d: string) => boolean,
): string {
  const key = `${calendar}|${date}|${n}`;
  let found = businessDaysAfter.get(key);
  if (found === undefined) {
    if (businessDaysAfter.size > 100_000) businessDaysAfter.clear();
    found = countBusinessDays(date, n, isHoliday);
    businessDaysAfter.set(key, found);
  }
  return found;
}

function countBusinessDays(date: string, n: number, isHoliday: (d: string) => boolean): string {
  let d = date;
  for (let counted = 0; counted < n;) {
    d = addDays(d, 1);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !isHoliday(d)) counted++;
  }
  return d;
}

export interface RegulatoryDeadline {
  key: string;
  label: string;
  regime: RegimeName;
  stopsOn: readonly Milestone[];
  /** The deadline for a complaint received at `receivedMs`, given the milestones recorded so far. */
  dueAt(receivedMs: number, milestones: ReadonlyMap<Milestone, number>): number;
}

const deadlinesByRef = new Map<string, RegulatoryDeadline[]>();

/**
 * The deadlines a regime imposes, ready to evaluate; built once per reference, and each deadline
 * remembers its due instants by day of receipt (every complaint received that day shares them).
 */
export function regulatoryDeadlines(ref: RegimeRef): RegulatoryDeadline[] {
  const key = JSON.stringify(ref);
  let found = deadlinesByRef.get(key);
  if (!found) {
    if (deadlinesByRef.size > 1_000) deadlinesByRef.clear();
    found = buildDeadlines(ref);
    deadlinesByRef.set(key, found);
  }
  return found;
}

function buildDeadlines(ref: RegimeRef): RegulatoryDeadline[] {
  const { def, country, region, zone } = resolved(ref);
  const isHoliday = (d: string) => regionHolidays(country, region, Number(d.slice(0, 4))).has(d);
  const lastDay = (received: string, unit: RegulatoryClockDef["unit"], days: number) =>
    unit === "business_days"
      ? addBusinessDays(received, days, `${country}/${region ?? ""}`, isHoliday)
      : addDays(received, days);
  return def.clocks.map((c) => {
    const dues = new Map<string, { due: number; extended: number | null }>();
    const duesOf = (received: string) => {
      let d = dues.get(received);
      if (!d) {
        if (dues.size > 10_000) dues.clear();
        d = {
          due: endOfLocalDay(lastDay(received, c.unit, c.days), zone),
          extended: c.extendedOn
            ? endOfLocalDay(lastDay(received, c.unit, c.extendedOn.days), zone)
            : null,
        };
        dues.set(received, d);
      }
      return d;
    };
    return {
      key: c.key,
      label: c.label,
      regime: ref.regime,
      stopsOn: c.stopsOn,
      dueAt(receivedMs, milestones) {
        const { due, extended } = duesOf(localDate(receivedMs, zone));
        const ext = c.extendedOn;
        const extendedAt = ext ? milestones.get(ext.milestone) : undefined;
        if (extended === null || extendedAt === undefined || extendedAt > due) return due;
        return extended;
      },
    };
  });
}

import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMsBetween,
  compileCalendar,
  validateCalendar,
  type CalendarSpec,
  type Shift,
} from "./business-hours.ts";

const weekdays = (shifts: Shift[]): CalendarSpec["hours"] => ({
  mon: shifts,
  tue: shifts,
  wed: shifts,
  thu: shifts,
  fri: shifts,
});
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const iso = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISO();

const ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"];
/** Calendars covering the shapes the issue names: split shifts, past midnight, holidays, zones. */
const calendarArb: fc.Arbitrary<CalendarSpec> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    shape: fc.constantFrom<Shift[]>(
      [["09:00", "17:00"]],
      [
        ["08:00", "12:00"],
        ["13:30", "18:00"],
      ],
      [["22:00", "06:00", "next_day"]],
      [
        ["00:30", "03:00"],
        ["18:00", "02:30", "next_day"],
      ],
      [["00:00", "24:00"]],
    ),
    holidays: fc.uniqueArray(
      fc.date({ min: new Date("2026-01-01"), max: new Date("2027-12-31"), noInvalidDate: true }),
      { maxLength: 20 },
    ),
    region: fc.constantFrom(null, { country: "GB", region: "ENG" }, { country: "US" }),
  })
  .map(({ timeZone, shape, holidays, region }) => ({
    timeZone,
    hours: weekdays(shape),
    holidays: holidays.map((d) => d.toISOString().slice(0, 10)),
    holidayRegion: region,
  }));
const instantArb = fc
  .date({ min: new Date("2026-01-01"), max: new Date("2027-06-30"), noInvalidDate: true })
  .map((d) => d.getTime());

describe("validateCalendar", () => {
  it("names impossible hours, unmarked past-midnight shifts, overlaps and unknown zones", () => {
    const problems = validateCalendar({
      timeZone: "Mars/Olympus",
      hours: {
        mon: [["09:00", "25:00"]],
        tue: [["22:00", "02:00"]],
        wed: [
          ["09:00", "12:00"],
          ["11:00", "13:00"],
        ],
      },
      holidays: ["2026-02-30"],
    });
    expect(problems.join("\n")).toMatch(/unknown time zone/);
    expect(problems.join("\n")).toMatch(/hours\.mon\[0\]: end "25:00"/);
    expect(problems.join("\n")).toMatch(/hours\.tue\[0\]: ends .*next_day/);
    expect(problems.join("\n")).toMatch(/hours\.wed: shifts overlap/);
    expect(problems.join("\n")).toMatch(/"2026-02-30" is not a date/);
  });
  it("accepts a marked past-midnight shift", () => {
    expect(
      validateCalendar({
        timeZone: "Europe/Paris",
        hours: { fri: [["20:00", "02:00", "next_day"]] },
      }),
    ).toEqual([]);
  });
});

describe("addBusinessMinutes", () => {
  it("rolls over a weekend and a bank holiday (Easter 2026 in England)", () => {
    const cal = compileCalendar({
      timeZone: "Europe/London",
      hours: weekdays([["09:00", "17:00"]]),
      holidayRegion: { country: "GB", region: "ENG" },
    });
    // Thursday 2 April 16:00; Good Friday and Easter Monday are closed.
    const due = addBusinessMinutes(cal, at("2026-04-02T16:00", "Europe/London"), 120);
    expect(iso(due, "Europe/London")).toBe("2026-04-07T10:00:00.000+01:00");
  });

  it("counts real minutes across the spring-forward and fall-back nights", () => {
    const night = compileCalendar({
      timeZone: "Europe/London",
      hours: { sat: [["22:00", "06:00", "next_day"]] },
    });
    // 28/29 March 2026 the clocks go forward: 22:00 GMT → 06:00 BST is 7 real hours.
    const spring = at("2026-03-28T22:00", "Europe/London");
    expect(businessMsBetween(night, spring, spring + 24 * 3600_000)).toBe(7 * 3600_000);
    // 24/25 October 2026 back: 22:00 BST → 06:00 GMT is 9 real hours.
    const autumn = at("2026-10-24T22:00", "Europe/London");
    expect(businessMsBetween(night, autumn, autumn + 24 * 3600_000)).toBe(9 * 3600_000);
  });

  it("serves a shift past midnight on the day it started (Friday night into Saturday)", () => {
    const cal = compileCalendar({
      timeZone: "America/New_York",
      hours: { fri: [["20:00", "02:00", "next_day"]] },
    });
    const due = addBusinessMinutes(cal, at("2026-05-15T23:00", "America/New_York"), 240);
    expect(iso(due, "America/New_York")).toBe("2026-05-22T21:00:00.000-04:00");
  });

  it("counts exactly the union of each day's open intervals (a day-by-day reference)", () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        fc.integer({ min: 0, max: 30 * 24 * 60 }),
        (spec, t, min) => {
          const cal = compileCalendar(spec);
          const to = t + min * 60_000;
          // Reference: walk every local day from two days before, merging overlaps by a cursor.
          let expected = 0;
          let cursor = t;
          for (
            let d = DateTime.fromMillis(t, { zone: spec.timeZone })
              .minus({ days: 2 })
              .startOf("day");
            d.toMillis() < to;
            d = d.plus({ days: 1 })
          ) {
            for (const [a, b] of cal.intervalsOn(d.toISODate()!)) {
              const start = Math.max(a, cursor);
              const end = Math.min(b, to);
              if (end > start) {
                expected += end - start;
                cursor = end;
              }
            }
          }
          expect(businessMsBetween(cal, t, to)).toBe(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("is the inverse of businessMsBetween for any calendar, start and duration", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 1, max: 20_000 }), (spec, t, min) => {
        const cal = compileCalendar(spec);
        const due = addBusinessMinutes(cal, t, min);
        expect(due).toBeGreaterThan(t);
        expect(businessMsBetween(cal, t, due)).toBe(min * 60_000);
      }),
      { numRuns: 150 },
    );
  });

  it("is additive: n then m minutes is n + m minutes", () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        (spec, t, n, m) => {
          const cal = compileCalendar(spec);
          expect(addBusinessMinutes(cal, addBusinessMinutes(cal, t, n), m)).toBe(
            addBusinessMinutes(cal, t, n + m),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it("never ends on a holiday's or weekend's closed hours", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 1, max: 5000 }), (spec, t, min) => {
        const cal = compileCalendar(spec);
        const due = addBusinessMinutes(cal, t, min);
        // The millisecond before the due time is open: it ends inside an interval of an open day.
        expect(businessMsBetween(cal, due - 1, due)).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same instant whatever zone the start was written in (team vs customer zone)", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.constantFrom(...ZONES), (spec, t, customerZone) => {
        const cal = compileCalendar(spec);
        const written = DateTime.fromMillis(t, { zone: customerZone }).toISO()!;
        expect(addBusinessMinutes(cal, DateTime.fromISO(written).toMillis(), 600)).toBe(
          addBusinessMinutes(cal, t, 600),
        );
      }),
      { numRuns: 50 },
    );
  });
});

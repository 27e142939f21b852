import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCHEDULE,
  lastSlotAtOrBefore,
  nextSlotAfter,
  RecognitionScheduleSchema,
  type RecognitionSchedule,
} from "./schedule.ts";

const ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];
const scheduleArb: fc.Arbitrary<RecognitionSchedule> = fc.record({
  days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  hour: fc.integer({ min: 0, max: 23 }),
  timeZone: fc.constantFrom(...ZONES),
});
const instantArb = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => new Date(ms));

describe("recognition schedule", () => {
  it("collects twice a week by default, Tuesday and Friday at 09:00", () => {
    const friday = new Date("2026-12-04T12:00:00Z");
    expect(lastSlotAtOrBefore(DEFAULT_SCHEDULE, friday).toISOString()).toBe(
      "2026-12-04T09:00:00.000Z",
    );
    expect(nextSlotAfter(DEFAULT_SCHEDULE, friday).toISOString()).toBe("2026-12-08T09:00:00.000Z");
  });

  it("keeps the local hour across a daylight-saving change", () => {
    const s = { days: [1], hour: 9, timeZone: "Europe/London" };
    // The clocks go back on Sunday 25 October 2026: Monday 09:00 is 09:00Z after, 08:00Z before.
    expect(nextSlotAfter(s, new Date("2026-10-20T00:00:00Z")).toISOString()).toBe(
      "2026-10-26T09:00:00.000Z",
    );
    expect(nextSlotAfter(s, new Date("2026-10-13T00:00:00Z")).toISOString()).toBe(
      "2026-10-19T08:00:00.000Z",
    );
  });

  it("refuses unknown time zones, repeated days and out-of-range hours", () => {
    for (const bad of [
      { days: [1], hour: 9, timeZone: "Mars/Olympus" },
      { days: [1, 1], hour: 9, timeZone: "UTC" },
      { days: [8], hour: 9, timeZone: "UTC" },
      { days: [], hour: 9, timeZone: "UTC" },
      { days: [1], hour: 24, timeZone: "UTC" },
    ])
      expect(RecognitionScheduleSchema.safeParse(bad).success).toBe(false);
  });

  it("the last slot is at or before now and the next strictly after, with none in between", () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, (s, now) => {
        const last = lastSlotAtOrBefore(s, now);
        const next = nextSlotAfter(s, now);
        expect(last.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        // Nothing between: the last slot before the next one is the last slot before now.
        expect(lastSlotAtOrBefore(s, new Date(next.getTime() - 1)).getTime()).toBe(last.getTime());
        expect(next.getTime() - last.getTime()).toBeLessThanOrEqual(8 * 86_400_000);
      }),
      { numRuns: 300 },
    );
  });

  it("every slot falls on a schedule day at the scheduled local hour (or where a DST gap ends)", () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, (s, now) => {
        const local = DateTime.fromJSDate(nextSlotAfter(s, now), { zone: s.timeZone });
        expect(s.days).toContain(local.weekday);
        const late = local.hour * 60 + local.minute - s.hour * 60;
        expect(late).toBeGreaterThanOrEqual(0);
        expect(late).toBeLessThanOrEqual(60);
        // Later than the hour only when the hour did not exist: the clocks moved forward just before.
        if (late > 0) expect(local.minus({ hours: 1 }).offset).toBeLessThan(local.offset);
      }),
      { numRuns: 300 },
    );
  });

  it("moves a slot in a half-hour DST gap to where the gap ends (Lord Howe Island)", () => {
    // On Sunday 2 October 2022 Lord Howe's clocks went from 02:00 to 02:30 (+10:30 to +11:00).
    const s = { days: [7, 1], hour: 2, timeZone: "Australia/Lord_Howe" };
    expect(nextSlotAfter(s, new Date("2022-09-25T15:30:00Z")).toISOString()).toBe(
      "2022-10-01T15:30:00.000Z",
    );
  });

  it("a slot is its own last slot, and is never its own next slot", () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, (s, now) => {
        const slot = nextSlotAfter(s, now);
        expect(lastSlotAtOrBefore(s, slot).getTime()).toBe(slot.getTime());
        expect(nextSlotAfter(s, slot).getTime()).toBeGreaterThan(slot.getTime());
      }),
      { numRuns: 300 },
    );
  });
});

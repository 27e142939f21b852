import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTimestamp } from "./time.ts";

describe("parseTimestamp", () => {
  it.each([
    ["2024-03-01T09:00:00Z", "2024-03-01T09:00:00.000Z"],
    ["2024-03-01T09:00:00+01:00", "2024-03-01T08:00:00.000Z"],
    ["2024-03-01T09:00:00.250-0230", "2024-03-01T11:30:00.250Z"],
    ["2024-06-01 11:00:00", "2024-06-01T11:00:00.000Z"],
    ["Tue Oct 31 22:10:47 +0000 2017", "2017-10-31T22:10:47.000Z"],
    ["Tue Oct 31 22:10:47 -0500 2017", "2017-11-01T03:10:47.000Z"],
    [1718000000, "2024-06-10T06:13:20.000Z"],
    ["1718000000123", "2024-06-10T06:13:20.123Z"],
  ])("reads %s", (input, expected) => {
    expect(parseTimestamp(input)).toBe(expected);
  });

  it.each([
    "yesterday",
    "32/13/2024",
    "2024-02-30T10:00:00Z",
    "2024-13-01T00:00:00Z",
    "",
    null,
    -5,
  ])("refuses %s", (input) => {
    expect(parseTimestamp(input)).toBeUndefined();
  });

  it("reads back any instant written as ISO-8601 UTC, with an offset, or as unix milliseconds", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1971-01-01T00:00:00Z"),
          max: new Date("2200-01-01T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (date, offsetMinutes) => {
          const iso = date.toISOString();
          expect(parseTimestamp(iso)).toBe(iso);
          expect(parseTimestamp(date.getTime())).toBe(iso);
          const local = new Date(date.getTime() + offsetMinutes * 60_000)
            .toISOString()
            .slice(0, 23);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const abs = Math.abs(offsetMinutes);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          expect(parseTimestamp(`${local}${zone}`)).toBe(iso);
        },
      ),
    );
  });
});

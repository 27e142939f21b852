import { describe, expect, it } from "vitest";
import { tokenize } from "../text/tokenize.ts";
import { parseDue } from "./due.ts";

const due = (text: string, ts?: string) => parseDue(tokenize(text), 0, ts);

describe("parseDue", () => {
  it("reads durations as ISO-8601 durations without a reference time", () => {
    expect(due("within 24 hours")).toBe("PT24H");
    expect(due("within the next 48h")).toBe("PT48H");
    expect(due("in 30 minutes")).toBe("PT30M");
    expect(due("in a couple of days")).toBe("P2D");
    expect(due("within 2 weeks")).toBe("P2W");
    expect(due("in 3 to 5 working days")).toBe("P5D");
    expect(due("next week")).toBe("P1W");
  });

  it("reads days relative to nothing when no reference time is given", () => {
    expect(due("tomorrow")).toBe("P1D");
    expect(due("by end of day")).toBe("P0D");
    expect(due("by Friday")).toBe("friday");
  });

  it("resolves against the reference time in its own offset", () => {
    const monday = "2026-11-23T10:00:00Z";
    expect(due("within 24 hours", monday)).toBe("2026-11-24T10:00:00Z");
    expect(due("by Friday", monday)).toBe("2026-11-27");
    expect(due("on Monday", monday)).toBe("2026-11-23");
    expect(due("tomorrow", "2026-11-23T23:30:00-05:00")).toBe("2026-11-24");
    expect(due("tomorrow", "2026-11-23T23:30:00+02:00")).toBe("2026-11-24");
    expect(due("in 1 month", "2026-01-31T00:00:00Z")).toBe("2026-03-03T00:00:00Z");
  });

  it("falls back to the relative form when the reference time is unparseable", () => {
    expect(due("tomorrow", "not a date")).toBe("P1D");
  });

  it("returns undefined when no time is stated", () => {
    expect(due("we will call you")).toBeUndefined();
    expect(due("in the box")).toBeUndefined();
    expect(due("")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { weekInProgress } from "./format";

describe("weekInProgress", () => {
  const monday = "2026-12-07";
  it("is true from the week's first instant (UTC) until seven days later", () => {
    expect(weekInProgress(monday, new Date("2026-12-07T00:00:00Z"))).toBe(true);
    expect(weekInProgress(monday, new Date("2026-12-13T23:59:59Z"))).toBe(true);
  });
  it("is false once the week has ended, and before it began", () => {
    expect(weekInProgress(monday, new Date("2026-12-14T00:00:00Z"))).toBe(false);
    expect(weekInProgress(monday, new Date("2026-12-06T23:59:59Z"))).toBe(false);
  });
  it("is false for a week that is not a date", () => {
    expect(weekInProgress("not a week", new Date("2026-12-07T12:00:00Z"))).toBe(false);
  });
});

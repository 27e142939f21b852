import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysFrom } from "./handoff-report.service.ts";

describe("daysFrom", () => {
  it("lists every UTC day from the start's to now's, the quiet ones included", () => {
    const since = new Date("2026-11-28T15:00:00Z");
    expect(daysFrom(since, Date.parse("2026-12-01T09:00:00Z"))).toEqual([
      "2026-11-28",
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
    ]);
  });

  it("gives days + 1 consecutive days for a window of whole days ending at any instant", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2020-01-01"), max: Date.parse("2030-01-01") }),
        fc.integer({ min: 1, max: 120 }),
        (now, days) => {
          const out = daysFrom(new Date(now - days * 86_400_000), now);
          // A window that starts exactly at midnight UTC spans `days` + 1 calendar days too.
          expect(out).toHaveLength(days + 1);
          expect(out.at(-1)).toBe(new Date(now).toISOString().slice(0, 10));
          for (let i = 1; i < out.length; i++)
            expect(Date.parse(out[i]!) - Date.parse(out[i - 1]!)).toBe(86_400_000);
        },
      ),
    );
  });
});

import fc from "fast-check";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { fetchHolidayFeed, HolidayFeedError, parseIcalHolidays } from "./holiday-feeds.ts";

const WINDOW = { from: "2026-01-01", to: "2027-12-31" };

const ics = (...events: string[]) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rapport test//EN",
    ...events.flatMap((e, i) => [
      "BEGIN:VEVENT",
      `UID:e${i}@test`,
      "DTSTAMP:20260101T000000Z",
      e,
      "END:VEVENT",
    ]),
    "END:VCALENDAR",
  ].join("\r\n");

describe("iCal holiday feeds", () => {
  it("reads all-day, multi-day (DTEND exclusive), yearly and timed events within the window", () => {
    const text = ics(
      "DTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Christmas shutdown",
      "DTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:New Year",
      "DTSTART:20260704T090000Z\r\nDTEND:20260704T100000Z\r\nSUMMARY:Town hall",
      "DTSTART;VALUE=DATE:20250505\r\nSUMMARY:Before the window",
    );
    expect(parseIcalHolidays(text, WINDOW)).toEqual([
      "2026-01-01",
      "2026-07-04",
      "2026-12-25",
      "2026-12-26",
      "2027-01-01",
    ]);
  });

  it("refuses what is not an iCalendar file", () => {
    expect(() => parseIcalHolidays("<html>nope</html>", WINDOW)).toThrow(HolidayFeedError);
    expect(() => parseIcalHolidays("BEGIN:VCARD\r\nEND:VCARD", WINDOW)).toThrow(HolidayFeedError);
  });

  it("gives back exactly the single all-day dates a feed lists (property)", () => {
    const day = fc
      .date({
        min: new Date("2026-01-01T00:00:00Z"),
        max: new Date("2027-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.uniqueArray(day, { maxLength: 40 }), (dates) => {
        const text = ics(...dates.map((d) => `DTSTART;VALUE=DATE:${d.replaceAll("-", "")}`));
        expect(parseIcalHolidays(text, WINDOW)).toEqual([...dates].sort());
      }),
      { numRuns: 100 },
    );
  });

  it("fetches a feed over HTTP and names a failed or oversized one", async () => {
    const server = createServer((req, res) => {
      if (req.url === "/ok.ics") {
        res.setHeader("content-type", "text/calendar");
        res.end(ics("DTSTART;VALUE=DATE:20260824\r\nSUMMARY:Bank holiday"));
      } else if (req.url === "/big.ics") {
        res.write("BEGIN:VCALENDAR\r\n");
        res.end("X".repeat(3 * 1024 * 1024));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await fetchHolidayFeed(`${base}/ok.ics`, WINDOW)).toEqual(["2026-08-24"]);
      await expect(fetchHolidayFeed(`${base}/missing.ics`, WINDOW)).rejects.toThrow(/HTTP 404/);
      await expect(fetchHolidayFeed(`${base}/big.ics`, WINDOW)).rejects.toThrow(/2 MB/);
    } finally {
      server.close();
    }
  });
});

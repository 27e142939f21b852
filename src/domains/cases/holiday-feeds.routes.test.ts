import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg } from "../../../test/factories.ts";
import { buildTestApp, loginAs, type Session } from "../../../test/http.ts";
import { refreshAllHolidayFeeds } from "./holiday-feeds.service.ts";

const hours = { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]] };

describeEachBackend("cases: SLA policies subscribed to iCal holiday feeds", ({ database }) => {
  let admin: Session;
  let server: Server;
  let base: string;
  let feedUp = true;

  beforeAll(async () => {
    const app = buildTestApp(database());
    const org = await buildOrg(database().db);
    admin = await loginAs(app, org.users.admin.email);
    server = createServer((_req, res) => {
      if (!feedUp) return void res.writeHead(503).end();
      res.setHeader("content-type", "text/calendar");
      res.end(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:a@t\r\n" +
          "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261208\r\nSUMMARY:Shutdown\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => void server.close());

  it("closes the feed's dates on the clocks, and keeps them when the feed later fails", async () => {
    const res = await admin.request("POST", "/api/v1/sla-policies", {
      name: "Feed-driven",
      timeZone: "UTC",
      hours,
      holidayFeeds: [`${base}/shutdown.ics`],
      targets: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    });
    expect(res.status).toBe(201);
    const policy = (await res.json()) as {
      id: string;
      holidayFeeds: { holidays: string[]; error: string | null }[];
    };
    expect(policy.holidayFeeds).toEqual([
      expect.objectContaining({ holidays: ["2026-12-08"], error: null }),
    ]);
    // Monday 7 Dec 16:30: 30 minutes left that day; Tuesday 8 Dec is closed by the feed.
    const preview = async () =>
      (await (
        await admin.request("POST", `/api/v1/sla-policies/${policy.id}/preview`, {
          openedAt: "2026-12-07T16:30:00Z",
        })
      ).json()) as { firstResponseDueAt: string };
    expect((await preview()).firstResponseDueAt).toBe("2026-12-14T09:30:00.000Z");

    feedUp = false;
    await refreshAllHolidayFeeds(database().db);
    const list = (await (await admin.request("GET", "/api/v1/sla-policies")).json()) as {
      items: { id: string; holidayFeeds: { holidays: string[]; error: string | null }[] }[];
    };
    const feed = list.items.find((p) => p.id === policy.id)!.holidayFeeds[0]!;
    expect(feed.error).toMatch(/HTTP 503/);
    expect(feed.holidays).toEqual(["2026-12-08"]);
    expect((await preview()).firstResponseDueAt).toBe("2026-12-14T09:30:00.000Z");
  });

  it("refuses a feed that is not an http(s) URL", async () => {
    const res = await admin.request("POST", "/api/v1/sla-policies", {
      name: "Bad feed",
      timeZone: "UTC",
      hours,
      holidayFeeds: ["file:///etc/passwd"],
      targets: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    });
    expect(res.status).toBe(400);
  });
});

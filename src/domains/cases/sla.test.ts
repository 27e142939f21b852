import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { CaseStatus } from "../../db/schema/cases.ts";
import { businessMsBetween, compileCalendar, type CalendarSpec } from "./business-hours.ts";
import { replayClocks, type ClockEvent, type ClockPolicy } from "./sla.ts";

const london = (s: string) => DateTime.fromISO(s, { zone: "Europe/London" }).toMillis();
const show = (ms: number | null, zone = "Europe/London") =>
  ms === null ? null : DateTime.fromMillis(ms, { zone }).toISO();

const officeHours: CalendarSpec = {
  timeZone: "Europe/London",
  hours: Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "17:00"]]]),
  ),
  holidayRegion: { country: "GB", region: "ENG" },
};
const policy: ClockPolicy = {
  calendar: officeHours,
  targets: { firstResponseMinutes: 60, resolutionMinutes: 16 * 60, nextResponseMinutes: 120 },
  regulatory: [{ regime: "uk_fca" }, { regime: "eu_psd2" }, { regime: "au_asic" }],
};
const clock = (clocks: ReturnType<typeof replayClocks>, key: string) =>
  clocks.find((c) => c.key === key)!;

describe("replayClocks", () => {
  it("pauses the resolution clock over a wait spanning Easter, then resumes", () => {
    const events: ClockEvent[] = [
      { type: "opened", at: london("2026-04-01T09:00") },
      { type: "responded", at: london("2026-04-01T09:30") },
      { type: "status_changed", at: london("2026-04-01T13:00"), to: "waiting_on_customer" },
      { type: "status_changed", at: london("2026-04-07T09:00"), to: "in_progress" },
    ];
    const clocks = replayClocks(policy, events, london("2026-04-07T10:00"));
    const first = clock(clocks, "first_response");
    expect(first.state).toBe("met");
    expect(show(first.dueAt)).toBe("2026-04-01T10:00:00.000+01:00");
    const resolution = clock(clocks, "resolution");
    expect(resolution.state).toBe("running");
    expect(resolution.elapsedMinutes).toBe(5 * 60);
    // 4 h used before the wait, 12 h left from Tue 7 April 09:00 (Good Friday/Easter Monday closed).
    expect(show(resolution.dueAt)).toBe("2026-04-08T13:00:00.000+01:00");
    expect(resolution.segments.map((s) => s.state)).toEqual(["running", "paused", "running"]);
    expect(resolution.segments.map((s) => s.countedMinutes)).toEqual([4 * 60, undefined, 60]);
    expect(
      clock(replayClocks(policy, events.slice(0, 3), london("2026-04-02T10:00")), "resolution"),
    ).toMatchObject({ state: "paused", dueAt: null });
  });

  it("breaches and reports the at-risk instant at 75 % of the target", () => {
    const events: ClockEvent[] = [{ type: "opened", at: london("2026-03-27T16:00") }];
    const clocks = replayClocks(policy, events, london("2026-03-30T12:00"));
    const first = clock(clocks, "first_response");
    expect(show(first.atRiskAt)).toBe("2026-03-27T16:45:00.000+00:00");
    expect(first.state).toBe("breached");
    expect(show(first.breachedAt)).toBe("2026-03-27T17:00:00.000+00:00");
  });

  it("runs the regulatory clocks on their own day counts and holidays", () => {
    // Received Thursday 2 April 2026 (England: Good Friday 3rd, Easter Monday 6th).
    const clocks = replayClocks(
      policy,
      [{ type: "opened", at: london("2026-04-02T11:00") }],
      london("2026-04-02T12:00"),
    );
    expect(show(clock(clocks, "fca_summary").dueAt)).toBe("2026-04-10T00:00:00.000+01:00");
    expect(show(clock(clocks, "fca_final").dueAt)).toBe("2026-05-29T00:00:00.000+01:00");
    expect(show(clock(clocks, "asic_idr").dueAt, "Australia/Sydney")).toBe(
      "2026-05-03T00:00:00.000+10:00",
    );
    // Ireland: Good Friday is a bank holiday (payment providers closed), Easter Monday public.
    expect(show(clock(clocks, "psd2_reply").dueAt, "Europe/Dublin")).toBe(
      "2026-04-28T00:00:00.000+01:00",
    );
    const extended = replayClocks(
      policy,
      [
        { type: "opened", at: london("2026-04-02T11:00") },
        { type: "milestone", at: london("2026-04-10T11:00"), milestone: "holding_reply" },
      ],
      london("2026-04-20T12:00"),
    );
    expect(show(clock(extended, "psd2_reply").dueAt, "Europe/Dublin")).toBe(
      "2026-05-27T00:00:00.000+01:00",
    );
  });

  it("stops a regulatory clock at its milestone: met before the deadline, breached after", () => {
    const opened: ClockEvent = { type: "opened", at: london("2026-04-02T11:00") };
    const answered = replayClocks(
      policy,
      [
        opened,
        { type: "milestone", at: london("2026-04-08T10:00"), milestone: "summary_resolution" },
      ],
      london("2026-06-30T12:00"),
    );
    expect(clock(answered, "fca_summary").state).toBe("met");
    expect(clock(answered, "fca_final").state).toBe("met");
    expect(clock(answered, "asic_idr").state).toBe("breached");
    const late = replayClocks(
      policy,
      [
        opened,
        { type: "milestone", at: london("2026-04-14T10:00"), milestone: "summary_resolution" },
      ],
      london("2026-06-30T12:00"),
    );
    expect(clock(late, "fca_summary")).toMatchObject({ state: "breached" });
    expect(show(clock(late, "fca_summary").breachedAt)).toBe("2026-04-10T00:00:00.000+01:00");
  });

  const statusArb = fc.constantFrom<CaseStatus>(
    "in_progress",
    "waiting_on_customer",
    "waiting_on_third_party",
    "resolved",
    "closed",
    "reopened",
  );
  const historyArb = fc
    .tuple(
      fc.date({ min: new Date("2026-01-01"), max: new Date("2026-12-01"), noInvalidDate: true }),
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 5 * 24 * 60 }),
          fc.option(fc.oneof(statusArb, fc.constant("customer_replied" as const)), {
            nil: undefined,
          }),
        ),
        { maxLength: 12 },
      ),
    )
    .map(([start, steps]) => {
      let t = start.getTime();
      const events: ClockEvent[] = [{ type: "opened", at: t }];
      for (const [gap, to] of steps) {
        t += gap * 60_000;
        if (to === "customer_replied") events.push({ type: "customer_replied", at: t });
        else events.push(to ? { type: "status_changed", at: t, to } : { type: "responded", at: t });
      }
      return { events, end: t };
    });

  it("replays to the same clocks every time, in any order the same-time events were stored", () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        ({ events, end }, extra) => {
          const asOf = end + extra * 60_000;
          const once = replayClocks(policy, events, asOf);
          expect(replayClocks(policy, [...events], asOf)).toEqual(once);
          expect(replayClocks(policy, [...events].reverse().reverse(), asOf)).toEqual(once);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("never counts paused time: elapsed equals business time in running segments", () => {
    const cal = compileCalendar(officeHours);
    fc.assert(
      fc.property(historyArb, ({ events, end }) => {
        const resolution = clock(replayClocks(policy, events, end, cal), "resolution");
        // Resolved the instant it opened: the clock never ran, so there is none.
        if (!resolution) return;
        const running = resolution.segments
          .filter((s) => s.state === "running")
          .reduce((sum, s) => sum + businessMsBetween(cal, s.from, s.to ?? end), 0);
        expect(resolution.elapsedMinutes * 60_000).toBeCloseTo(running, 3);
        // Each running segment says what it counted (the case page shows it); paused ones count nothing.
        for (const s of resolution.segments) {
          if (s.state === "paused") expect(s.countedMinutes).toBeUndefined();
          else
            expect(s.countedMinutes! * 60_000).toBeCloseTo(
              businessMsBetween(cal, s.from, s.to ?? end),
              3,
            );
        }
        for (const s of resolution.segments) expect(s.to === null || s.to > s.from).toBe(true);
        if (resolution.state === "breached")
          expect(resolution.elapsedMinutes).toBeGreaterThanOrEqual(
            policy.targets.resolutionMinutes,
          );
      }),
      { numRuns: 100 },
    );
  });

  it("gives each customer reply after a response its own next-response cycle", () => {
    const events: ClockEvent[] = [
      { type: "opened", at: london("2026-03-02T09:00") }, // Monday
      { type: "responded", at: london("2026-03-02T09:20") },
      { type: "customer_replied", at: london("2026-03-02T16:00") },
      { type: "responded", at: london("2026-03-03T09:30") }, // 90 business minutes: met
      { type: "customer_replied", at: london("2026-03-03T10:00") },
      { type: "status_changed", at: london("2026-03-03T10:30"), to: "waiting_on_third_party" },
      { type: "status_changed", at: london("2026-03-04T09:00"), to: "in_progress" },
    ];
    const met = clock(
      replayClocks(policy, events.slice(0, 4), london("2026-03-03T12:00")),
      "next_response",
    );
    expect(met).toMatchObject({ state: "met", breachedAt: null, elapsedMinutes: 90 });
    const second = clock(replayClocks(policy, events, london("2026-03-04T10:00")), "next_response");
    // 30 minutes before the pause and 60 after: the second cycle's own budget, not the first's.
    expect(second).toMatchObject({ state: "running", elapsedMinutes: 90, breachedAt: null });
    expect(show(second.dueAt)).toBe("2026-03-04T10:30:00.000+00:00");
    expect(show(second.cycleFrom ?? null)).toBe("2026-03-03T10:00:00.000+00:00");
    expect(second.segments.map((s) => s.state)).toEqual([
      "running",
      "running",
      "paused",
      "running",
    ]);
    const late = clock(replayClocks(policy, events, london("2026-03-05T09:00")), "next_response");
    expect(show(late.breachedAt)).toBe("2026-03-04T10:30:00.000+00:00");
    expect(
      replayClocks(
        { ...policy, targets: { ...policy.targets, nextResponseMinutes: undefined } },
        events,
        london("2026-03-05T09:00"),
      ).map((c) => c.key),
    ).not.toContain("next_response");
  });

  it("runs next-response cycles only between a customer reply and the next response", () => {
    const cal = compileCalendar(officeHours);
    fc.assert(
      fc.property(historyArb, ({ events, end }) => {
        const next = replayClocks(policy, events, end, cal).find((c) => c.key === "next_response");
        const replies = events.filter((e) => e.type === "customer_replied");
        if (!next) return;
        expect(replies.length).toBeGreaterThan(0);
        expect(replies.map((e) => e.at)).toContain(next.cycleFrom);
        // No cycle runs past a response: every running stretch ends at or before the next one.
        for (const s of next.segments.filter((x) => x.state === "running")) {
          const response = events.find((e) => e.type === "responded" && e.at > s.from);
          if (response) expect(s.to ?? end).toBeLessThanOrEqual(response.at);
        }
        if (next.breachedAt !== null) expect(next.breachedAt).toBeLessThanOrEqual(end);
      }),
      { numRuns: 150 },
    );
  });
});

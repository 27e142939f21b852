import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FOLLOW_THROUGH_GAP_MS,
  resolveDue,
  settlePromise,
  STILL_WAITING_PATTERN,
  type PromiseEvent,
} from "./clock.ts";

const BASE = Date.parse("2026-11-02T09:00:00Z");
const HOUR = 3_600_000;
const arbEvent = fc.record({
  kind: fc.constantFrom("agent_message", "case_update", "customer_waiting") as fc.Arbitrary<
    PromiseEvent["kind"]
  >,
  at: fc.integer({ min: -48, max: 24 * 14 * 4 }).map((q) => new Date(BASE + q * 15 * 60_000)),
});
const arbPromise = fc.record({
  promisedAt: fc.constant(new Date(BASE)),
  dueAt: fc.option(
    fc.integer({ min: 1, max: 24 * 14 }).map((h) => new Date(BASE + h * HOUR)),
    { nil: null },
  ),
});
const arbNow = fc.integer({ min: 0, max: 24 * 30 }).map((h) => new Date(BASE + h * HOUR));

describe("resolveDue", () => {
  it("reads every form the engine writes", () => {
    const at = new Date("2026-11-04T15:30:00Z"); // a Wednesday
    expect(resolveDue("PT24H", at)?.toISOString()).toBe("2026-11-05T15:30:00.000Z");
    expect(resolveDue("PT30M", at)?.toISOString()).toBe("2026-11-04T16:00:00.000Z");
    expect(resolveDue("P3D", at)?.toISOString()).toBe("2026-11-07T15:30:00.000Z");
    expect(resolveDue("P1W", at)?.toISOString()).toBe("2026-11-11T15:30:00.000Z");
    expect(resolveDue("P1M", at)?.toISOString()).toBe("2026-12-04T15:30:00.000Z");
    expect(resolveDue("P0D", at)?.toISOString()).toBe("2026-11-04T23:59:59.999Z");
    expect(resolveDue("2026-11-06", at)?.toISOString()).toBe("2026-11-06T23:59:59.999Z");
    expect(resolveDue("friday", at)?.toISOString()).toBe("2026-11-06T23:59:59.999Z");
    expect(resolveDue("wednesday", at)?.toISOString()).toBe("2026-11-04T23:59:59.999Z");
    expect(resolveDue("2026-11-05T10:00:00Z", at)?.toISOString()).toBe("2026-11-05T10:00:00.000Z");
    expect(resolveDue("soon", at)).toBeNull();
  });

  it("never falls due before the promise was made", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }).map((s) => new Date(BASE + s * 1000)),
        fc.oneof(
          fc.integer({ min: 0, max: 999 }).map((n) => `PT${n}H`),
          fc.integer({ min: 0, max: 999 }).map((n) => `P${n}D`),
          fc.integer({ min: 0, max: 99 }).map((n) => `P${n}W`),
          fc.constantFrom("monday", "friday", "sunday"),
        ),
        (at, due) => {
          const d = resolveDue(due, at);
          expect(d).not.toBeNull();
          expect(d!.getTime()).toBeGreaterThanOrEqual(at.getTime());
        },
      ),
    );
  });
});

describe("settlePromise", () => {
  it("once settled, stays settled the same way as time passes", () => {
    fc.assert(
      fc.property(
        arbPromise,
        fc.array(arbEvent, { maxLength: 8 }),
        arbNow,
        arbNow,
        (p, ev, a, b) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          const first = settlePromise(p, ev, early);
          if (first.status === "pending") return;
          expect(settlePromise(p, ev, late)).toEqual(first);
        },
      ),
    );
  });

  it("is kept only by a follow-through between the gap and the due time", () => {
    fc.assert(
      fc.property(arbPromise, fc.array(arbEvent, { maxLength: 8 }), arbNow, (p, ev, now) => {
        const s = settlePromise(p, ev, now);
        if (s.status !== "kept") return;
        const t = s.settledAt!.getTime();
        expect(t).toBeGreaterThanOrEqual(p.promisedAt.getTime() + FOLLOW_THROUGH_GAP_MS);
        expect(t).toBeLessThanOrEqual(p.dueAt!.getTime());
        expect(t).toBeLessThanOrEqual(now.getTime());
        expect(["agent_message", "case_update"]).toContain(s.settledBy);
      }),
    );
  });

  it("is pending exactly while the due time is ahead and nothing decisive has happened", () => {
    fc.assert(
      fc.property(arbPromise, arbNow, (p, now) => {
        const s = settlePromise(p, [], now);
        if (p.dueAt === null) expect(s.status).toBe("open_ended");
        else if (now.getTime() > p.dueAt.getTime())
          expect(s).toEqual({ status: "broken", settledAt: p.dueAt, settledBy: "deadline" });
        else expect(s.status).toBe("pending");
      }),
    );
  });

  it("never settles before the promise or after now, and order of events does not matter", () => {
    fc.assert(
      fc.property(arbPromise, fc.array(arbEvent, { maxLength: 8 }), arbNow, (p, ev, now) => {
        const s = settlePromise(p, ev, now);
        expect(settlePromise(p, [...ev].reverse(), now)).toEqual(s);
        if (s.settledAt) {
          expect(s.settledAt.getTime()).toBeGreaterThan(p.promisedAt.getTime());
          expect(s.settledAt.getTime()).toBeLessThanOrEqual(now.getTime());
        }
      }),
    );
  });

  it("breaks on the customer still waiting before any follow-through", () => {
    const p = { promisedAt: new Date(BASE), dueAt: new Date(BASE + 24 * HOUR) };
    const events: PromiseEvent[] = [
      { kind: "customer_waiting", at: new Date(BASE + 5 * HOUR) },
      { kind: "agent_message", at: new Date(BASE + 6 * HOUR) },
    ];
    expect(settlePromise(p, events, new Date(BASE + 30 * HOUR))).toEqual({
      status: "broken",
      settledAt: new Date(BASE + 5 * HOUR),
      settledBy: "customer_waiting",
    });
  });
});

describe("STILL_WAITING_PATTERN", () => {
  it("recognises a customer chasing a promise, not a neutral message", () => {
    expect(STILL_WAITING_PATTERN.test("I'm still waiting for the call back you promised")).toBe(
      true,
    );
    expect(STILL_WAITING_PATTERN.test("I haven't heard anything since Monday")).toBe(true);
    expect(STILL_WAITING_PATTERN.test("Nobody called me back")).toBe(true);
    expect(STILL_WAITING_PATTERN.test("Thanks, that fixed it")).toBe(false);
  });
});

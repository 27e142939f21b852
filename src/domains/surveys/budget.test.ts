import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countByReason,
  decideInvitation,
  emptyBudgetState,
  inQuietHours,
  localHour,
  nextSendTime,
  type BudgetCandidate,
  type BudgetSettings,
  type Decision,
} from "./budget.ts";

const DAY = 86_400_000;
const ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];
const settings = (over: Partial<BudgetSettings> = {}): BudgetSettings => ({
  cooldownDays: 30,
  sampleRates: {},
  quietHours: null,
  defaultTimeZone: "UTC",
  ...over,
});
const survey = { id: "s-1", minIntervalDays: 0, sampleRate: 1 };
const candidate = (over: Partial<BudgetCandidate> = {}): BudgetCandidate => ({
  conversationId: "c-1",
  customerId: "cust-1",
  channel: "email",
  reachable: true,
  excluded: false,
  ...over,
});

describe("decideInvitation", () => {
  it("invites once, then suppresses the same customer for the cooldown across surveys", () => {
    const state = emptyBudgetState();
    const now = new Date("2026-06-01T12:00:00Z");
    expect(decideInvitation(candidate(), survey, settings(), state, now).outcome).toBe("invite");
    const again = decideInvitation(
      candidate({ conversationId: "c-2" }),
      { ...survey, id: "s-2" },
      settings(),
      state,
      new Date(now.getTime() + 29 * DAY),
    );
    expect(again).toEqual({ outcome: "suppress", reason: "cooldown" });
    const later = decideInvitation(
      candidate({ conversationId: "c-3" }),
      survey,
      settings(),
      state,
      new Date(now.getTime() + 30 * DAY),
    );
    expect(later.outcome).toBe("invite");
  });

  it("names each rule: exclusion, contact, open follow-up, open case, survey interval, sampling", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const d = (c: Partial<BudgetCandidate>, st = emptyBudgetState()) =>
      decideInvitation(candidate(c), survey, settings(), st, now);
    expect(d({ excluded: true })).toEqual({ outcome: "suppress", reason: "excluded" });
    expect(d({ reachable: false })).toEqual({ outcome: "suppress", reason: "no_contact" });
    expect(d({ customerId: null })).toEqual({ outcome: "suppress", reason: "no_contact" });
    expect(d({}, emptyBudgetState(["cust-1"]))).toMatchObject({ reason: "open_follow_up" });
    expect(d({}, emptyBudgetState([], ["cust-1"]))).toMatchObject({ reason: "open_case" });
    const st = emptyBudgetState();
    st.lastInvitedBySurvey.set("s-1:cust-1", now.getTime() - 40 * DAY);
    const nps = { id: "s-1", minIntervalDays: 90, sampleRate: 1 };
    expect(decideInvitation(candidate(), nps, settings(), st, now)).toMatchObject({
      reason: "survey_interval",
    });
    const none = { ...survey, sampleRate: 0 };
    expect(decideInvitation(candidate(), none, settings(), emptyBudgetState(), now)).toMatchObject({
      reason: "sampled_out",
    });
    const chatOff = settings({ sampleRates: { chat: 0 } });
    expect(
      decideInvitation(candidate({ channel: "chat" }), survey, chatOff, emptyBudgetState(), now),
    ).toMatchObject({ reason: "sampled_out" });
  });

  it("never invites a customer twice within the cooldown, whatever the sequence", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            customer: fc.constantFrom("a", "b", "c"),
            survey: fc.constantFrom("s1", "s2"),
            gapHours: fc.integer({ min: 0, max: 24 * 40 }),
            channel: fc.constantFrom("email", "chat", "phone"),
          }),
          { maxLength: 60 },
        ),
        fc.integer({ min: 1, max: 60 }),
        (events, cooldownDays) => {
          const state = emptyBudgetState();
          const invited = new Map<string, number[]>();
          let t = Date.parse("2026-01-01T00:00:00Z");
          events.forEach((e, i) => {
            t += e.gapHours * 3_600_000;
            const decision = decideInvitation(
              candidate({ conversationId: `c${i}`, customerId: e.customer, channel: e.channel }),
              { id: e.survey, minIntervalDays: 0, sampleRate: 1 },
              settings({ cooldownDays }),
              state,
              new Date(t),
            );
            if (decision.outcome === "invite")
              invited.set(e.customer, [...(invited.get(e.customer) ?? []), t]);
          });
          for (const times of invited.values())
            for (let i = 1; i < times.length; i++)
              expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(cooldownDays * DAY);
        },
      ),
    );
  });

  it("decides the same conversation the same way every time (sampling is deterministic)", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.double({ min: 0, max: 1, noNaN: true }), (c, s, r) => {
        const now = new Date("2026-06-01T12:00:00Z");
        const run = () =>
          decideInvitation(
            candidate({ conversationId: c }),
            { id: s, minIntervalDays: 0, sampleRate: r },
            settings(),
            emptyBudgetState(),
            now,
          ).outcome;
        expect(run()).toBe(run());
      }),
    );
  });
});

describe("nextSendTime", () => {
  it("never sends inside quiet hours, never before now, and waits at most a day", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(...ZONES),
        (now, start, end, zone) => {
          const quiet = { start, end };
          const at = nextSendTime(now, quiet, zone);
          expect(at.getTime()).toBeGreaterThanOrEqual(now.getTime());
          expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
          if (end !== start && (end - start + 24) % 24 < 23)
            expect(inQuietHours(localHour(at, zone), quiet)).toBe(false);
        },
      ),
    );
  });

  it("holds a 21:00 resolution in Paris until 08:00 local time", () => {
    const at = nextSendTime(
      new Date("2026-06-01T19:00:00Z"),
      { start: 21, end: 8 },
      "Europe/Paris",
    );
    expect(at.toISOString()).toBe("2026-06-02T06:00:00.000Z");
  });
});

describe("countByReason", () => {
  it("counts invitations and each suppression rule", () => {
    const ds: Decision[] = [
      { outcome: "invite", sendAt: new Date() },
      { outcome: "suppress", reason: "cooldown" },
      { outcome: "suppress", reason: "cooldown" },
    ];
    expect(countByReason(ds)).toEqual({ invited: 1, cooldown: 2 });
  });
});

describe("budget benchmark", () => {
  it("decides 100,000 resolved conversations with every rule in well under 10 s", () => {
    const state = emptyBudgetState(
      Array.from({ length: 500 }, (_, i) => `cust-${i}`),
      Array.from({ length: 200 }, (_, i) => `cust-${1000 + i}`),
    );
    const s = settings({ sampleRates: { chat: 0.5 }, quietHours: { start: 21, end: 8 } });
    const started = performance.now();
    const start = Date.parse("2026-01-01T00:00:00Z");
    const decisions: Decision[] = [];
    for (let i = 0; i < 100_000; i++) {
      decisions.push(
        decideInvitation(
          candidate({
            conversationId: `conv-${i}`,
            customerId: `cust-${i % 20_000}`,
            channel: i % 3 === 0 ? "chat" : "email",
            excluded: i % 97 === 0,
            timeZone: ZONES[i % ZONES.length],
          }),
          { id: i % 2 ? "csat" : "nps", minIntervalDays: i % 2 ? 0 : 90, sampleRate: 0.9 },
          s,
          state,
          new Date(start + i * 60_000),
        ),
      );
    }
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(10_000);
    expect(Object.keys(countByReason(decisions)).length).toBeGreaterThanOrEqual(5);
  });
});

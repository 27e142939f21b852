import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refitDue } from "./reasons.service.ts";

const DAY = 86_400_000;
const NOW = Date.parse("2026-12-07T12:00:00Z");

describe("when the hourly job re-fits an org's contact reasons", () => {
  it("fits a first model once there are 50 conversations", () => {
    const none = { fittedAt: null, fittedOn: null };
    expect(refitDue({ ...none, conversations: 49 }, NOW)).toBe(false);
    expect(refitDue({ ...none, conversations: 50 }, NOW)).toBe(true);
  });

  it("re-fits a week-old model, and a model the org has outgrown twice over, not before", () => {
    const fresh = { fittedAt: new Date(NOW - DAY), fittedOn: 400 };
    expect(refitDue({ ...fresh, conversations: 799 }, NOW)).toBe(false);
    expect(refitDue({ ...fresh, conversations: 800 }, NOW)).toBe(true);
    const old = { fittedAt: new Date(NOW - 8 * DAY), fittedOn: 400 };
    expect(refitDue({ ...old, conversations: 401 }, NOW)).toBe(true);
  });

  it("never re-fits a model younger than a week while the org has not doubled", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 2_000_000 }),
        fc.double({ min: 0, max: 1.999, noNaN: true }),
        fc.integer({ min: 0, max: 7 * DAY }),
        (fittedOn, growth, age) => {
          const conversations = Math.floor(fittedOn * growth);
          const org = { fittedAt: new Date(NOW - age), fittedOn, conversations };
          return !refitDue(org, NOW);
        },
      ),
    );
  });
});

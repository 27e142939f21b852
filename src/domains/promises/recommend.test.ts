import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recommendPromise } from "./promises.service.ts";

describe("recommendPromise", () => {
  it("states a fast channel's promise in minutes it keeps", () => {
    expect(recommendPromise(3)).toEqual({ minutes: 3, text: "We reply within 3 minutes" });
    expect(recommendPromise(0.4)).toEqual({ minutes: 1, text: "We reply within 1 minute" });
    expect(recommendPromise(11)).toEqual({ minutes: 15, text: "We reply within 15 minutes" });
    expect(recommendPromise(630)).toEqual({ minutes: 660, text: "We reply within 11 hours" });
    expect(recommendPromise(3 * 1440 + 1)).toEqual({
      minutes: 4 * 1440,
      text: "We reply within 4 days",
    });
  });

  it("never promises less than the 90th percentile, nor more than twice it plus a minute", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 60 * 24 * 60, noNaN: true }), (p90) => {
        const { minutes } = recommendPromise(p90);
        expect(minutes).toBeGreaterThanOrEqual(p90);
        expect(minutes).toBeLessThanOrEqual(2 * p90 + 1);
      }),
    );
  });

  it("never recommends less for a slower channel", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 60 * 24 * 60, noNaN: true }),
        fc.double({ min: 0, max: 60 * 24 * 60, noNaN: true }),
        (a, b) => {
          const [fast, slow] = a <= b ? [a, b] : [b, a];
          expect(recommendPromise(fast).minutes).toBeLessThanOrEqual(
            recommendPromise(slow).minutes,
          );
        },
      ),
    );
  });
});

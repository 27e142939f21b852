import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goalProgress } from "./goals.service.ts";

const value = fc.double({ min: -100, max: 100, noNaN: true });

describe("goalProgress", () => {
  it("shows a met goal as complete, also when its start was already past the target", () => {
    // The demo's organization goal: first-contact resolution 85 %, 98 % before, 98.8 % now.
    const fcr = goalProgress({
      higher: true,
      target: 0.85,
      start: 0.98,
      current: { value: 0.988, ci95: [0.982, 0.992] },
      elapsed: 0.4,
    });
    expect(fcr).toEqual({ progress: 1, status: "met_confidently" });
    // Slipping back below a target the start had reached is no progress, not 100 %.
    expect(
      goalProgress({
        higher: true,
        target: 0.85,
        start: 0.98,
        current: { value: 0.8, ci95: null },
        elapsed: 0.4,
      }),
    ).toEqual({ progress: 0, status: "behind" });
    // Lower is better: 10 → 6 of the way to 2 is half way.
    expect(
      goalProgress({
        higher: false,
        target: 2,
        start: 10,
        current: { value: 6, ci95: null },
        elapsed: 0.6,
      }),
    ).toEqual({ progress: 0.5, status: "behind" });
  });

  it("keeps progress within 0–1, complete exactly when the target is reached", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        value,
        fc.option(value, { nil: null }),
        value,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (higher, target, start, now, elapsed) => {
          const r = goalProgress({
            higher,
            target,
            start,
            current: { value: now, ci95: null },
            elapsed,
          });
          const reached = higher ? now >= target : now <= target;
          expect(r.progress).toBeGreaterThanOrEqual(0);
          expect(r.progress).toBeLessThanOrEqual(1);
          expect(r.progress === 1).toBe(reached);
          if (reached) expect(r.status).toBe("met");
          else expect(["on_track", "behind"]).toContain(r.status);
        },
      ),
    );
  });

  it("has no progress without a measured value", () => {
    expect(
      goalProgress({
        higher: true,
        target: 80,
        start: 70,
        current: { value: null, ci95: null },
        elapsed: 0.5,
      }),
    ).toEqual({ progress: null, status: "no_data" });
  });
});

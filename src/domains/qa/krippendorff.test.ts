import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { krippendorffAlpha } from "./krippendorff.ts";

const _ = null;

/**
 * The worked examples in Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011):
 * C. four observers, twelve units, values 1–5 with missing answers: nominal α = 0.743,
 * ordinal α = 0.815; A. two observers, ten units, binary values: α = 0.095.
 */
const FOUR_OBSERVERS = [
  [1, 1, _, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [_, 5, 5, 5],
  [_, _, 1, 1],
  [_, 3, _, _],
];
const BINARY = [
  [0, 1],
  [1, 1],
  [0, 1],
  [0, 0],
  [0, 0],
  [0, 1],
  [0, 0],
  [0, 0],
  [1, 0],
  [0, 0],
];

describe("krippendorffAlpha", () => {
  it("gives the published nominal alpha of the four-observer example (0.743)", () => {
    expect(krippendorffAlpha(FOUR_OBSERVERS, "nominal")).toBeCloseTo(0.743, 3);
  });

  it("gives the published ordinal alpha of the four-observer example (0.815)", () => {
    expect(krippendorffAlpha(FOUR_OBSERVERS, "ordinal")).toBeCloseTo(0.815, 3);
  });

  it("gives the published alpha of the two-observer binary example (0.095)", () => {
    expect(krippendorffAlpha(BINARY, "nominal")).toBeCloseTo(0.095, 3);
  });

  it("is 1 for perfect agreement with variation, and null without pairable values", () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [0, 0],
          [1, 1],
        ],
        "nominal",
      ),
    ).toBe(1);
    expect(
      krippendorffAlpha(
        [
          [1, _],
          [_, 0],
        ],
        "nominal",
      ),
    ).toBeNull();
  });

  it("never exceeds 1 and ignores the order of coders and units", () => {
    const unit = fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), {
      minLength: 3,
      maxLength: 3,
    });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 2, maxLength: 12 }), (units) => {
        const a = krippendorffAlpha(units, "ordinal");
        if (a === null) return;
        expect(a).toBeLessThanOrEqual(1 + 1e-9);
        const shuffled = [...units].reverse().map((u) => [...u].reverse());
        expect(krippendorffAlpha(shuffled, "ordinal")).toBeCloseTo(a, 9);
      }),
    );
  });
});

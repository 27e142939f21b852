import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  changeType,
  RULE_SIGNALS,
  toConditions,
  toDraft,
  type RuleCondition,
} from "./rule-condition-draft";

const word = fc.stringMatching(/^[a-z][a-z ]{0,10}[a-z]$/);
// A form holds no negative zero (`-0 + 0` is 0), so neither do the conditions it came from.
const condition: fc.Arbitrary<RuleCondition> = fc.oneof(
  fc.constantFrom(...RULE_SIGNALS).map((name) => ({ type: "signal" as const, name })),
  fc.double({ min: -1, max: 1, noNaN: true }).map((v) => ({
    type: "sentiment_below" as const,
    value: v + 0,
  })),
  fc.array(word, { minLength: 1, maxLength: 4 }).map((any) => ({ type: "keyword" as const, any })),
  fc.array(word, { minLength: 1, maxLength: 4 }).map((values) => ({
    type: "segment_in" as const,
    values,
  })),
  fc.nat({ max: 1000 }).map((value) => ({ type: "open_cases_at_least" as const, value })),
  fc.nat({ max: 10 }).map((value) => ({ type: "survey_score_at_most" as const, value })),
  fc.nat({ max: 1000 }).map((value) => ({ type: "previous_offers_at_most" as const, value })),
);

describe("rule condition drafts", () => {
  it("turn back into the same conditions they were made from", () => {
    fc.assert(
      fc.property(fc.array(condition, { minLength: 1, maxLength: 5 }), (conditions) => {
        expect(toConditions(conditions.map(toDraft))).toEqual({ conditions });
      }),
    );
  });

  it("name the field that is not a value instead of sending it", () => {
    expect(toConditions([])).toEqual({ problem: "Add at least one condition" });
    expect(toConditions([{ type: "open_cases_at_least", value: "two" }])).toEqual({
      problem: "Open cases at least: enter a number",
    });
    expect(toConditions([{ type: "keyword", value: " , " }])).toEqual({
      problem: "Customer says any of: enter at least one",
    });
  });

  it("keep the value when the new type takes the same kind, and reset it otherwise", () => {
    expect(changeType({ type: "open_cases_at_least", value: "2" }, "value_at_least")).toEqual({
      type: "value_at_least",
      value: "2",
    });
    expect(changeType({ type: "keyword", value: "refund" }, "signal")).toEqual({
      type: "signal",
      value: "complaint",
    });
  });
});

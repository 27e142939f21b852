import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { tokenize } from "./text/tokenize.ts";
import { scoreSentimentDetail } from "./sentiment.ts";
import { scoreTurnFeedback } from "./feedback.ts";
import { anyText } from "./test-strings.ts";

function feedback(text: string, previous = "") {
  const tokens = tokenize(text);
  return scoreTurnFeedback(tokens, scoreSentimentDetail(tokens, text), previous);
}

describe("scoreTurnFeedback", () => {
  it("separates acceptance from pushback", () => {
    expect(feedback("Perfect, that works. Thanks!").score).toBeGreaterThan(0.5);
    expect(feedback("No, that's not what I asked for").dissatisfaction).toBeGreaterThan(0.5);
    expect(feedback("No, that's not what I asked for").score).toBeLessThan(-0.3);
  });

  it("accounts for a failed agent reply", () => {
    const after = (prev: string) => feedback("ok", prev).score;
    expect(after("Sorry, there are no trains at that time.")).toBeLessThan(
      after("Your booking is confirmed."),
    );
  });

  it("never throws and stays in bounds", () => {
    fc.assert(
      fc.property(anyText, anyText, (text, prev) => {
        const f = feedback(text, prev);
        expect(f.score).toBeGreaterThanOrEqual(-1);
        expect(f.score).toBeLessThanOrEqual(1);
        expect(f.dissatisfaction).toBeGreaterThanOrEqual(0);
        expect(f.dissatisfaction).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });
});

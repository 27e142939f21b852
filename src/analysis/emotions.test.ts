import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { tokenize } from "./text/tokenize.ts";
import { scoreSentiment } from "./sentiment.ts";
import { scoreEmotions } from "./emotions.ts";
import { anyText } from "./test-strings.ts";
import { EMOTION_NAMES, type EmotionName } from "./types.ts";

function emotions(text: string): Record<EmotionName, number> {
  const tokens = tokenize(text);
  return scoreEmotions(tokens, scoreSentiment(tokens, text));
}

function top(text: string): EmotionName {
  const e = emotions(text);
  return EMOTION_NAMES.reduce((a, b) => (e[b] > e[a] ? b : a));
}

describe("scoreEmotions", () => {
  it("finds the dominant emotion of typical customer messages", () => {
    expect(top("Thank you so much, that fixed it!")).toBe("gratitude");
    expect(top("You people are useless, worst service ever")).toBe("anger");
    expect(top("I'm so worried my account was hacked")).toBe("anxiety");
    expect(top("I don't understand, what does this mean?")).toBe("confusion");
    expect(top("love it 😍")).toBe("delight");
  });

  it("keeps emotions consistent with polarity", () => {
    const e = emotions("This is the worst, I hate it");
    expect(e.delight).toBeLessThan(0.2);
    expect(emotions("Wonderful, thanks a lot!").anger).toBeLessThan(0.2);
  });

  it("returns all zeros for empty text", () => {
    expect(Object.values(emotions(""))).toEqual(EMOTION_NAMES.map(() => 0));
  });

  it("never throws, covers every emotion in [0, 1] and is deterministic", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const e = emotions(text);
        expect(Object.keys(e).sort()).toEqual([...EMOTION_NAMES].sort());
        for (const v of Object.values(e)) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        expect(emotions(text)).toEqual(e);
      }),
      { numRuns: 200 },
    );
  });
});

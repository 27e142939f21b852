import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentWords, measureHandoff, median, overlapShare } from "./handoff-quality.ts";

const line = (seq: number, text: string, signals: string[] = []) => ({ seq, text, signals });

describe("measureHandoff", () => {
  it("flags a customer who tells the person what they told the bot", () => {
    const m = measureHandoff(
      [
        line(1, "My blender arrived damaged and I want to return it"),
        line(3, "Hello?"),
        line(5, "As before: the blender arrived damaged, I want to return it"),
      ],
      2,
    );
    expect(m).toMatchObject({ repeated: true, judged: true });
    expect(m.overlap).toBeGreaterThanOrEqual(0.6);
  });

  it("does not flag new information, and counts the engine's repeat cue", () => {
    const lines = [line(1, "My blender arrived damaged"), line(4, "Order number 5512 from March")];
    expect(measureHandoff(lines, 2)).toMatchObject({ repeated: false, overlap: 0 });
    const cue = [line(1, "Broken blender"), line(4, "I already told you", ["repeat_contact"])];
    expect(measureHandoff(cue, 2)).toMatchObject({ repeated: true, repeatCue: true });
  });

  it("has nothing to judge when the customer did not write after the handoff", () => {
    expect(measureHandoff([line(1, "help")], 1).judged).toBe(false);
  });

  it("keeps the overlap within 0..1 and finds a message repeated word for word", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 6 }), fc.string(), (before, after) => {
        const lines = [...before.map((t, i) => line(i + 1, t)), line(100, after)];
        const m = measureHandoff(lines, 99);
        expect(m.overlap).toBeGreaterThanOrEqual(0);
        expect(m.overlap).toBeLessThanOrEqual(1);
      }),
    );
    fc.assert(
      fc.property(fc.lorem({ maxCount: 12 }), (text) => {
        const words = contentWords(text);
        fc.pre(words.size >= 3);
        expect(overlapShare(words, words)).toBe(1);
        expect(measureHandoff([line(1, text), line(3, text)], 2).repeated).toBe(true);
      }),
    );
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

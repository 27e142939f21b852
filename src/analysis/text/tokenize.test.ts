import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { tokenize } from "./tokenize.ts";

const norms = (s: string) => tokenize(s).map((t) => t.norm);

describe("tokenize", () => {
  it("normalises chat spellings, caps and elongation", () => {
    const tokens = tokenize("Thx u r GREAT!! sooo goood, pleeease dont");
    expect(tokens.map((t) => t.norm)).toEqual([
      "thanks",
      "you",
      "are",
      "great",
      "!!",
      "so",
      "good",
      ",",
      "please",
      "don't",
    ]);
    expect(tokens.find((t) => t.norm === "great")?.caps).toBe(true);
    expect(tokens.find((t) => t.norm === "so")?.elongated).toBe(true);
  });

  it("keeps contractions with curly apostrophes as one word", () => {
    expect(norms("I can’t thank you enough")).toEqual(["i", "can't", "thank", "you", "enough"]);
  });

  it("maps emoji and emoticons to names", () => {
    const tokens = tokenize("ok 😂 :) 👍🏽 <3");
    expect(tokens.map((t) => [t.kind, t.norm])).toEqual([
      ["word", "okay"],
      ["emoji", "joy"],
      ["emoticon", "smile"],
      ["emoji", "thumbs_up"],
      ["emoticon", "heart"],
    ]);
  });

  it("recognises urls, mentions, hashtags and numbers", () => {
    expect(norms("@Acme see https://x.co/a. #fail 3.5 10:15")).toEqual([
      "<user>",
      "see",
      "<url>",
      ".",
      "fail",
      "3.5",
      "10:15",
    ]);
  });

  it("splits sentences on terminal punctuation and newlines", () => {
    const tokens = tokenize("Hi there. Why?! no\nok 3.5 e.g");
    expect(tokens.map((t) => t.sentence)).toEqual([0, 0, 0, 1, 1, 1, 2, 3, 3, 3, 3, 3]);
  });

  it("keeps a trailing emoji in its sentence", () => {
    expect(tokenize("Thanks! 😊").map((t) => t.sentence)).toEqual([0, 0, 0]);
  });

  it("returns offsets that slice back to the token text for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        let last = 0;
        for (const t of tokenize(s)) {
          expect(s.slice(t.start, t.end)).toBe(t.text);
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          last = t.end;
        }
      }),
    );
  });

  it("handles empty, control-only and very long input linearly", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize("\u0000\u0001\u200b\n\t")).toEqual([]);
    const big = "sooo bad 😡!!! ".repeat(80_000);
    const t0 = performance.now();
    expect(tokenize(big).length).toBe(80_000 * 4);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

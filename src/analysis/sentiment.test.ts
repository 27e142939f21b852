import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { tokenize } from "./text/tokenize.ts";
import { scoreSentiment } from "./sentiment.ts";
import { anyText } from "./test-strings.ts";
import type { Role } from "./types.ts";

const score = (text: string, role: Role = "customer") => scoreSentiment(tokenize(text), text, role);

describe("scoreSentiment", () => {
  it("reads 'I can't thank you enough' as positive", () => {
    expect(score("I can't thank you enough").label).toBe("positive");
  });

  it("reads 'not bad at all' as positive-ish", () => {
    expect(score("not bad at all").score).toBeGreaterThan(0);
  });

  it("reads sarcasm ('great, another delay') as negative", () => {
    expect(score("great, another delay").label).toBe("negative");
    expect(score("Oh great, the app crashed again").label).toBe("negative");
  });

  it("gives the clause after 'but' the weight", () => {
    expect(score("The product is good but the support was awful").label).toBe("negative");
    expect(
      score("The wait was annoying but the agent was fantastic and fixed it").score,
    ).toBeGreaterThan(0);
  });

  it("handles negation, caps, elongation and emoji", () => {
    expect(score("not good").label).toBe("negative");
    expect(score("This is UNACCEPTABLE!!!").label).toBe("negative");
    expect(score("sooo gooood").label).toBe("positive");
    expect(score("😡😡😡").label).toBe("negative");
    expect(score("love it 😍").label).toBe("positive");
    expect(score("ok").label).toBe("neutral");
  });

  it("does not count an agent's apology as negative sentiment", () => {
    expect(
      score("Sorry for the inconvenience, I have refunded your order.", "agent").label,
    ).not.toBe("negative");
  });

  it("reports terms with offsets that slice back to the text, strongest first", () => {
    const text = "Thank you so much, but the delivery was terrible";
    const { terms } = score(text);
    expect(terms.length).toBeGreaterThan(0);
    for (const t of terms) expect(text.slice(t.start, t.end)).toBe(t.text);
    const weights = terms.map((t) => Math.abs(t.weight));
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  it("never throws, stays in bounds, offsets are valid and it is deterministic", () => {
    fc.assert(
      fc.property(
        anyText,
        fc.constantFrom<Role>("customer", "agent", "bot", "internal"),
        (text, role) => {
          const a = score(text, role);
          expect(a.score).toBeGreaterThanOrEqual(-1);
          expect(a.score).toBeLessThanOrEqual(1);
          expect(["negative", "neutral", "positive"]).toContain(a.label);
          for (const t of a.terms) {
            expect(t.start).toBeGreaterThanOrEqual(0);
            expect(t.end).toBeLessThanOrEqual(text.length);
            expect(text.slice(t.start, t.end)).toBe(t.text);
            expect(Math.abs(t.weight)).toBeLessThanOrEqual(1);
          }
          expect(score(text, role)).toEqual(a);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("handles 1 MB of text in linear time", () => {
    const text = "The wait was long but the agent was great 😊. ".repeat(22_000);
    const t0 = performance.now();
    const r = score(text);
    expect(r.score).toBeGreaterThanOrEqual(-1);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { tokenize } from "./text/tokenize.ts";
import { scorePoliteness } from "./politeness.ts";
import { anyText } from "./test-strings.ts";

const polite = (text: string) => scorePoliteness(tokenize(text), "customer");

describe("scorePoliteness", () => {
  it("rewards gratitude, greetings, hedged requests and apologies", () => {
    expect(polite("Hi! Could you please check my order? Thanks!")).toBeGreaterThan(0.5);
    expect(polite("Would you mind having a look when you have a moment?")).toBeGreaterThan(0.3);
    expect(
      polite("Sorry to bother you, I think there may be an issue with my bill"),
    ).toBeGreaterThan(0);
  });

  it("penalises blame, profanity, shouting and bare imperatives", () => {
    expect(polite("You people are useless, this is your fault")).toBeLessThan(-0.5);
    expect(polite("FIX MY ACCOUNT NOW")).toBeLessThan(-0.5);
    expect(polite("wtf is this shit")).toBeLessThan(-0.5);
    expect(polite("Send me the refund.")).toBeLessThan(0);
    expect(polite("Why would you do that??")).toBeLessThan(-0.3);
  });

  it("treats a lone capitalised word as an acronym, not shouting", () => {
    expect(polite("Could you check why the API returns an error?")).toBe(
      polite("Could you check why the api returns an error?"),
    );
    expect(polite("Is my PIN blocked?")).toBe(polite("Is my pin blocked?"));
    // Two or more capitalised words making up half the message still count as shouting.
    expect(polite("ANSWER THE QUESTION please")).toBeLessThan(
      polite("answer the question please") - 0.2,
    );
  });

  it("orders a hedged request above a bare one", () => {
    expect(polite("Could you send me the invoice, please?")).toBeGreaterThan(
      polite("Send me the invoice."),
    );
  });

  it("weighs negative words about things below negative words aimed at the reader", () => {
    expect(polite("The build fails with a weird error.")).toBeGreaterThan(
      polite("You made a weird error."),
    );
    // Insults and profanity are explicit cues and stay rude without a "you".
    expect(polite("This is stupid and useless.")).toBeLessThan(-0.5);
  });

  it("reads a question opened by 'do' as a question, not an order", () => {
    expect(polite("Do the logs show anything?")).toBeGreaterThan(polite("Do it now."));
    expect(polite("Do the logs show anything?")).toBeGreaterThan(-0.2);
    // Without a question mark "Do …" stays a bare imperative.
    expect(polite("Do it now.")).toBeLessThan(-0.3);
  });

  it("treats advice imperatives as milder than demands", () => {
    expect(polite("Try restarting the router.")).toBeGreaterThan(polite("Send me the invoice."));
    expect(polite("Try restarting the router.")).toBeLessThan(0);
  });

  it("does not count a hedged second-person suggestion as a second-person start", () => {
    expect(polite("You could try restarting the router.")).toBeGreaterThan(
      polite("You should try restarting the router."),
    );
    expect(polite("You could try restarting the router.")).toBeGreaterThanOrEqual(0);
    // "You" followed by an unhedged verb is still the impolite start.
    expect(polite("You deleted my page.")).toBeLessThan(0);
  });

  it("never throws, stays in [-1, 1] and is deterministic", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const p = polite(text);
        expect(p).toBeGreaterThanOrEqual(-1);
        expect(p).toBeLessThanOrEqual(1);
        expect(polite(text)).toBe(p);
      }),
      { numRuns: 200 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import data from "./data/en/service-failure.json" with { type: "json" };
import { analyzeMessage } from "./index.ts";
import { computeValence } from "./sentiment-rules.ts";
import { detectServiceFailure } from "./service-failure.ts";
import { tokenize } from "./text/tokenize.ts";

function spans(text: string): string[] {
  return detectServiceFailure(tokenize(text)).map((h) => text.slice(h.start, h.end));
}

const quantity = fc.oneof(
  fc.integer({ min: 1, max: 999 }).map(String),
  fc.constantFrom("two", "three", "several", "a couple of", "an", "many"),
);
const unit = fc.constantFrom("minutes", "hours", "days", "weeks", "months", "hrs", "mins");
const target = fc.constantFrom("My order", "The delivery", "My flight", "Your app", "My parcel");
const failure = fc.constantFrom("cancelled", "delayed", "damaged", "lost", "broken", "declined");
const negator = fc.constantFrom("not", "never", "wasn't", "isn't");

describe("detectServiceFailure", () => {
  it("reads the issue's examples as failures", () => {
    expect(spans("Been on hold for 2 hours, still no answer")).toEqual([
      "on hold for 2 hours",
      "no answer",
    ]);
    expect(spans("I will never book with you again")).toEqual(["never book with you again"]);
    expect(spans("I was charged twice for the same order")).toEqual(["charged twice"]);
    expect(spans("My package never arrived")).toEqual(["never arrived"]);
    expect(spans("This is the third time I call")).toEqual(["third time"]);
  });

  it("finds nothing in routine requests, conditionals and loyalty", () => {
    expect(spans("help me update my shipping address")).toEqual([]);
    expect(spans("I don't need help, thanks")).toEqual([]);
    expect(spans("If it doesn't arrive by Friday let me know")).toEqual([]);
    expect(spans("I'll never use another airline")).toEqual([]);
    expect(spans("I can't wait to try it")).toEqual([]);
  });

  it("reports a failure word about a service target, and not when it is negated", () => {
    fc.assert(
      fc.property(target, failure, negator, (t, f, n) => {
        const asserted = `${t} was ${f}`;
        expect(spans(asserted)).toEqual([f]);
        const denied = n.endsWith("n't") ? `${t} ${n} ${f}` : `${t} was ${n} ${f}`;
        expect(spans(denied)).toEqual([]);
      }),
    );
  });

  it("reads waiting with any duration as one heavier span ending at the unit", () => {
    fc.assert(
      fc.property(quantity, unit, fc.boolean(), (q, u, hold) => {
        const text = hold
          ? `I have been on hold for ${q} ${u}`
          : `I have been waiting for ${q} ${u}`;
        const hits = detectServiceFailure(tokenize(text));
        expect(hits).toHaveLength(1);
        const hit = hits[0]!;
        expect(text.slice(hit.start, hit.end).endsWith(u)).toBe(true);
        expect(hit.weight).toBeLessThan(-2);
      }),
    );
  });

  it("reads an expected event as a failure only when it is negated", () => {
    const expected = fc.constantFrom("arrived", "received", "refunded", "answered", "delivered");
    fc.assert(
      fc.property(
        expected,
        fc.constantFrom("never", "hasn't", "didn't", "still hasn't"),
        (e, n) => {
          expect(spans(`It ${e} today`)).toEqual([]);
          expect(spans(`It ${n} ${e}`)).toEqual([`${n.replace("still ", "")} ${e}`]);
        },
      ),
    );
  });

  it("reads a vow against the company, not against another one", () => {
    const verb = fc.constantFrom("book", "fly", "order", "shop", "buy");
    fc.assert(
      fc.property(verb, fc.constantFrom("never", "won't"), (v, n) => {
        expect(spans(`I ${n} ${v} with you again`)).toEqual([`${n} ${v} with you again`]);
        expect(spans(`I ${n} ${v} with another company`)).toEqual([]);
      }),
    );
  });

  it("returns in-bounds, ordered, non-overlapping negative spans for any text", () => {
    const words = fc.constantFrom(
      ...data.failure.slice(0, 8),
      ...data.success.slice(0, 8),
      "never",
      "not",
      "still",
      "on",
      "hold",
      "2",
      "hours",
      "you",
      "again",
      "if",
      ".",
      "?",
      "I",
      "my",
      "order",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(words).map((w) => w.join(" ")),
        ),
        (text) => {
          const hits = detectServiceFailure(tokenize(text));
          let end = -1;
          for (const h of hits) {
            expect(h.start).toBeGreaterThanOrEqual(0);
            expect(h.end).toBeLessThanOrEqual(text.length);
            expect(h.start).toBeGreaterThan(end - 1);
            expect(h.weight).toBeLessThan(0);
            end = h.end;
          }
        },
      ),
    );
  });
});

describe("service failures in the engine", () => {
  it("makes a service-failure report negative and a complaint, with the span as evidence", () => {
    const text = "Been on hold for 2 hours, still no answer";
    const a = analyzeMessage({ text });
    expect(a.sentiment.label).toBe("negative");
    expect(a.sentiment.terms.map((t) => t.text)).toContain("on hold for 2 hours");
    const complaint = a.signals.find((s) => s.name === "complaint");
    expect(complaint?.evidence.map((e) => e.text)).toEqual(["on hold for 2 hours", "no answer"]);
  });

  it("lists a vow not to return as a churn threat with its evidence", () => {
    const text = "Flight delayed 6 hours. I will never book with you again!";
    const churn = analyzeMessage({ text }).signals.find((s) => s.name === "churn_threat");
    expect(churn?.score).toBeGreaterThanOrEqual(0.5);
    expect(churn?.evidence.map((e) => e.text)).toEqual(["never book with you again"]);
  });

  it("leaves agents' instructions alone", () => {
    const text = "If you didn't receive it within 3 days, your order may have been delayed.";
    expect(computeValence(tokenize(text), "agent").failures).toEqual([]);
    expect(computeValence(tokenize("Your order was delayed 3 days"), "agent").failures).toEqual([]);
  });
});

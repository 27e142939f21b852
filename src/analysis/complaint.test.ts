import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { tokenize } from "./text/tokenize.ts";
import { COMPLAINT_THRESHOLD, explainComplaint, scoreComplaint } from "./complaint.ts";
import { anyText } from "./test-strings.ts";

const complaint = (text: string, publicMention = false) =>
  scoreComplaint(tokenize(text), { publicMention });

describe("scoreComplaint", () => {
  it("flags problem reports", () => {
    expect(complaint("my order still hasn't arrived, 3 weeks now")).toBeGreaterThanOrEqual(
      COMPLAINT_THRESHOLD,
    );
    expect(complaint("I was charged twice and nobody answers my emails")).toBeGreaterThanOrEqual(
      COMPLAINT_THRESHOLD,
    );
    expect(complaint("The app keeps crashing since the update, useless")).toBeGreaterThanOrEqual(
      COMPLAINT_THRESHOLD,
    );
  });

  it("does not flag routine requests or praise", () => {
    expect(complaint("I need a train to Cambridge on Friday")).toBeLessThan(COMPLAINT_THRESHOLD);
    expect(complaint("Thank you so much, that fixed it!")).toBeLessThan(COMPLAINT_THRESHOLD);
    expect(complaint("Could you tell me your opening hours?")).toBeLessThan(COMPLAINT_THRESHOLD);
  });

  it("raises the prior for public posts that tag the company", () => {
    const text = "@acme where is my parcel";
    expect(complaint(text, true)).toBeGreaterThan(complaint(text, false));
  });

  it("explains with evidence spans inside the text", () => {
    const text = "my order still hasn't arrived, 3 weeks now";
    const evidence = explainComplaint(tokenize(text), text);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it("never throws, stays in [0, 1] and is deterministic", () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (text, publicMention) => {
        const p = complaint(text, publicMention);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(complaint(text, publicMention)).toBe(p);
        for (const e of explainComplaint(tokenize(text), text))
          expect(text.slice(e.start, e.end)).toBe(e.text);
      }),
      { numRuns: 200 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mineMessage, titleFrom } from "./mine.ts";

describe("mineMessage", () => {
  it("takes customer messages only when the engine found a suggestion", () => {
    expect(mineMessage("customer", "You should add dark mode.", ["suggestion"])?.source).toBe(
      "customer_suggestion",
    );
    expect(mineMessage("customer", "You should add dark mode.", [])).toBeNull();
  });

  it("takes internal notes with an idea marker or that read as a suggestion", () => {
    expect(mineMessage("internal", "#idea show the refund date in the app", [])?.title).toBe(
      "show the refund date in the app",
    );
    expect(
      mineMessage("internal", "You should add a refund tracker to the portal.", []),
    ).not.toBeNull();
    expect(mineMessage("internal", "Called back, no answer.", [])).toBeNull();
  });

  it("titles are short, non-empty prefixes of the text's first sentence", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 400 }).filter((s) => s.trim() !== ""),
        (s) => {
          const t = titleFrom(s);
          expect(t.length).toBeLessThanOrEqual(90);
          expect(s.trim().startsWith(t.replace(/…$/, ""))).toBe(true);
        },
      ),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conversationTitle } from "./conversation-title";

describe("conversationTitle", () => {
  it("prefers the subject, then the customer's first words on one line, then the fallback", () => {
    expect(conversationTitle({ subject: " Refund ", preview: "Hi" }, "Chat conversation")).toBe(
      "Refund",
    );
    expect(
      conversationTitle({ subject: "", preview: "Hi,\n\ncan you help me?\n" }, "Chat conversation"),
    ).toBe("Hi, can you help me?");
    expect(conversationTitle({ subject: null, preview: " \n " }, "Chat conversation")).toBe(
      "Chat conversation",
    );
    expect(conversationTitle({ preview: "word ".repeat(40) }, "x", 20)).toBe(
      "word word word word…",
    );
  });

  it("is never empty, never multi-line and never longer than max", () => {
    fc.assert(
      fc.property(
        fc.option(fc.string()),
        fc.option(fc.string()),
        fc.integer({ min: 2, max: 200 }),
        (subject, preview, max) => {
          const t = conversationTitle({ subject, preview }, "fallback", max);
          expect(t.length).toBeGreaterThan(0);
          expect(t).not.toMatch(/\n/);
          expect(t.length <= max || t === "fallback").toBe(true);
        },
      ),
    );
  });
});

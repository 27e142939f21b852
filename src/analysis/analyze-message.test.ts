import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeMessage } from "./index.ts";
import { EMOTION_NAMES, type MessageAnalysis, type Role } from "./types.ts";

const ROLES: Role[] = ["customer", "agent", "bot", "internal"];

function expectWellFormed(text: string, a: MessageAnalysis): void {
  expect(a.sentiment.score).toBeGreaterThanOrEqual(-1);
  expect(a.sentiment.score).toBeLessThanOrEqual(1);
  expect(["negative", "neutral", "positive"]).toContain(a.sentiment.label);
  expect(a.politeness).toBeGreaterThanOrEqual(-1);
  expect(a.politeness).toBeLessThanOrEqual(1);
  for (const e of EMOTION_NAMES) {
    expect(a.emotions[e]).toBeGreaterThanOrEqual(0);
    expect(a.emotions[e]).toBeLessThanOrEqual(1);
  }
  for (const s of a.signals) {
    expect(s.score).toBeGreaterThan(0);
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.evidence.length).toBeGreaterThan(0);
    for (const ev of s.evidence) {
      expect(ev.start).toBeGreaterThanOrEqual(0);
      expect(ev.end).toBeLessThanOrEqual(text.length);
      expect(ev.start).toBeLessThan(ev.end);
      expect(text.slice(ev.start, ev.end)).toBe(ev.text);
    }
  }
}

/** Strings that mix chat text, cue words, emoji, RTL, control characters and lone surrogates. */
const chatText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        "I'm",
        "sorry",
        "can't",
        "manager",
        "cancel",
        "my",
        "account",
        "lawyer",
        "we'll",
        "call",
        "you",
        "within",
        "24",
        "hours",
        "by",
        "Friday",
        "tomorrow",
        "!!!",
        "😡",
        "🙏🏽",
        "مرحبا",
        "שלום",
        "\u0000",
        "\u202e",
        "\n",
        "{{Order Number}}",
        "THIRD",
        "time",
        "thank",
        "so",
        "much",
        "idiot",
        "ASAP",
        ":)",
        "sooo",
        "u",
        "ur",
        "lol",
        "?",
        "policy",
        "because",
      ),
      { maxLength: 60 },
    )
    .map((words) => words.join(" ")),
);

describe("analyzeMessage", () => {
  it("never throws and keeps every score and span within bounds, for any role", () => {
    fc.assert(
      fc.property(chatText, fc.constantFrom(...ROLES), (text, role) => {
        expectWellFormed(text, analyzeMessage({ text, role }));
      }),
      { numRuns: 400 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(chatText, fc.constantFrom(...ROLES), (text, role) => {
        expect(analyzeMessage({ text, role })).toEqual(analyzeMessage({ text, role }));
      }),
      { numRuns: 100 },
    );
  });

  it("handles empty, whitespace-only, emoji-only and control-character text", () => {
    for (const text of [
      "",
      "   \n\t ",
      "😡😡😡🙏🏽",
      "\u0000\u0001\u0007\u001b[31m",
      "\u202eevil",
      "\ud800",
      "!!!???...",
    ]) {
      expectWellFormed(text, analyzeMessage({ text }));
      expectWellFormed(text, analyzeMessage({ text, role: "agent" }));
    }
  });

  it("handles 1 MB of text", () => {
    const text = "I want to speak to a manager, this is the third time I call! 😡 "
      .repeat(16_500)
      .slice(0, 1_000_000);
    const a = analyzeMessage({ text });
    expectWellFormed(text, a);
    expect(a.signals.map((s) => s.name)).toContain("escalation_request");
  });

  it("defaults the role to customer and treats unknown roles as customer", () => {
    const text = "I'm going to cancel my subscription";
    const names = (role?: Role) => analyzeMessage({ text, role }).signals.map((s) => s.name);
    expect(names()).toContain("churn_threat");
    expect(names("nobody" as Role)).toContain("churn_threat");
    expect(names("agent")).not.toContain("churn_threat");
  });

  it("lists a complaint with evidence when the complaint model is confident", () => {
    const text = "My order still hasn't arrived after three weeks, this is ridiculous";
    const complaint = analyzeMessage({ text }).signals.find((s) => s.name === "complaint");
    expect(complaint?.score).toBeGreaterThanOrEqual(0.5);
    expect(complaint?.evidence.length).toBeGreaterThan(0);
  });

  it("uses the reference time for promise due dates", () => {
    const a = analyzeMessage({
      text: "I'll ring you back tomorrow",
      role: "agent",
      ts: "2026-11-23T09:00:00Z",
    });
    expect(a.signals.find((s) => s.name === "promise")?.due).toBe("2026-11-24");
  });
});

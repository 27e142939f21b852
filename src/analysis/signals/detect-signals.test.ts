import { describe, expect, it } from "vitest";
import { tokenize } from "../text/tokenize.ts";
import { detectSignals } from "./detect-signals.ts";
import { describeSignalCases, detect, names, type SignalCase } from "./signal-cases.ts";

/** [signal, role, texts that must flag it, tricky texts that must not]. */
const CASES: SignalCase[] = [
  [
    "escalation_request",
    "customer",
    [
      "I want to speak to a manager",
      "Put me through to your supervisor now",
      "Please escalate this",
      "Can I talk to a real person?",
    ],
    [
      "My account manager said it was fine",
      "I reset my password manager",
      "No need for a manager, thanks",
    ],
  ],
  [
    "churn_threat",
    "customer",
    [
      "I'm going to cancel my subscription",
      "Close my account today",
      "I'll take my business elsewhere",
      "Switching to another provider next month",
      "I'm leaving you for a competitor",
      "We are leaving your company after this",
    ],
    [
      "How do I cancel my order?",
      "I want to cancel the booking",
      "Switch the router off and on?",
      "I'll leave a review",
      "Please don't close my account, I need more time",
      "cancel my subscription to the newsletter",
      "I'm leaving from Norwich on Tuesday",
      // Bare "I'm leaving" is travel talk far more often than a threat: weak evidence only.
      "I'm leaving Leeds at nine and need a taxi",
      "I am leaving May 3rd, returning the 9th",
      "Is there a cancellation fee if I need to cancel the taxi later?",
    ],
  ],
  [
    "legal_threat",
    "customer",
    [
      "I'll be contacting my lawyer",
      "I'm taking this to the ombudsman",
      "See you in small claims",
      "I will sue you",
    ],
    ["We met at the food court", "Is this legal?"],
  ],
  [
    "repeat_contact",
    "customer",
    [
      "This is the third time I call about this",
      "I already told you my postcode",
      "How many times do I have to explain?",
      "I have called you several times",
      "I'm contacting you again about my refund",
    ],
    ["Thanks again!", "I'll try again later", "It's already fixed, thanks", "again"],
  ],
  [
    "urgency",
    "customer",
    [
      "I need this fixed urgently",
      "Please respond ASAP",
      "It's an emergency",
      "I need it today, I'm flying tomorrow",
    ],
    ["I can't wait to try it!", "It works for now", "today"],
  ],
  [
    "vulnerability",
    "customer",
    [
      "My husband passed away last month",
      "I'm undergoing chemotherapy",
      "I lost my job and can't afford the bill",
      "I'm disabled and can't get to the store",
    ],
    ["I'm sick of waiting", "I'm sick and tired of this", "It's in my blind spot"],
  ],
  [
    "abuse",
    "customer",
    [
      "You are a useless idiot",
      "Shut up and fix it",
      "you people are incompetent",
      "Are you stupid?",
    ],
    [
      "This product is shit",
      "It's not your fault",
      "The update is stupid",
      "show me your fucking payment options",
      "your app is useless",
    ],
  ],
  [
    "praise",
    "customer",
    [
      "Thank you so much, you've been really helpful!",
      "Excellent service as always",
      "You're a star",
      "You guys are the best",
      "I can't thank you enough",
    ],
    ["Thanks for nothing", "Not helpful at all", "thanks", "Oh great, it broke again"],
  ],
  [
    "suggestion",
    "customer",
    [
      "It would be great if you added dark mode",
      "You should add an export button",
      "Why don't you offer a family plan?",
      "I'd suggest a clearer invoice",
    ],
    [
      "You should have told me earlier",
      "You could have warned me",
      "Why don't you answer my emails?",
    ],
  ],
  [
    "disrespect",
    "internal",
    [
      "What an idiot, customer from hell",
      "Another Karen demanding a refund",
      "This guy is clueless, can't read",
      "Ugh, waste of my time",
    ],
    [
      "Customer asked for refund, approved",
      "Escalated to billing, awaiting reply",
      "Crazy busy today, callback tomorrow",
    ],
  ],
];

describe("detectSignals", () => {
  describeSignalCases(CASES);

  it("lists complaint only above the complaint threshold, with evidence", () => {
    const text = "My order still hasn't arrived and nobody replies";
    const tokens = tokenize(text);
    expect(
      detectSignals(tokens, text, "customer", { complaint: 0.3 }).signals.map((s) => s.name),
    ).not.toContain("complaint");
    const hit = detectSignals(tokens, text, "customer", { complaint: 0.8 }).signals.find(
      (s) => s.name === "complaint",
    );
    expect(hit?.score).toBe(0.8);
    expect(hit?.evidence.map((e) => e.text)).toContain("still hasn't arrived");
  });

  it("falls back to the trimmed text as complaint evidence when nothing else explains it", () => {
    const text = "  meh  ";
    const hit = detectSignals(tokenize(text), text, "customer", { complaint: 0.9 }).signals[0];
    expect(hit?.evidence).toEqual([{ start: 2, end: 5, text: "meh" }]);
  });

  it("parses promise due times", () => {
    expect(detect("We'll call you back within 24 hours", "agent")[0]?.due).toBe("PT24H");
    expect(
      detect("I'll send the replacement by Friday", "agent", "2026-11-23T10:00:00Z")[0]?.due,
    ).toBe("2026-11-27");
    expect(detect("I'll email you tomorrow", "agent", "2026-11-23T23:30:00-05:00")[0]?.due).toBe(
      "2026-11-24",
    );
    expect(detect("I'll email you tomorrow", "agent")[0]?.due).toBe("P1D");
    expect(detect("You'll receive a refund in 3-5 business days", "agent")[0]?.due).toBe("P5D");
    expect(detect("I'll call you back", "agent")[0]?.due).toBeUndefined();
  });

  it("flags a transfer without listing it as a signal", () => {
    const text = "Let me transfer you to billing";
    const d = detectSignals(tokenize(text), text, "agent");
    expect(d.transfer).toBe(true);
    expect(d.signals.map((s) => s.name)).not.toContain("transfer");
  });

  it("uses agent cues for bots and only disrespect for internal notes", () => {
    expect(names("Hello! How can I help?", "bot")).toContain("greeting");
    expect(names("I want to speak to a manager, idiot", "internal")).toEqual(["disrespect"]);
  });

  it("returns signals in canonical order", () => {
    const got = names("Please escalate this, it's urgent, I'll call my lawyer", "customer");
    expect(got).toEqual(["escalation_request", "legal_threat", "urgency"]);
  });
});

import { describe, expect, it } from "vitest";
import { tokenize } from "../text/tokenize.ts";
import type { Role, Signal, SignalName } from "../types.ts";
import { detectSignals } from "./detect-signals.ts";

function detect(text: string, role: Role, ts?: string): Signal[] {
  return detectSignals(tokenize(text), text, role, { ts }).signals;
}

function names(text: string, role: Role): SignalName[] {
  return detect(text, role).map((s) => s.name);
}

function expectSpansValid(text: string, signals: Signal[]): void {
  for (const s of signals) {
    expect(s.score).toBeGreaterThan(0);
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.evidence.length).toBeGreaterThan(0);
    for (const e of s.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  }
}

/** [signal, role, texts that must flag it, tricky texts that must not]. */
const CASES: [SignalName, Role, string[], string[]][] = [
  ["escalation_request", "customer",
    ["I want to speak to a manager", "Put me through to your supervisor now", "Please escalate this", "Can I talk to a real person?"],
    ["My account manager said it was fine", "I reset my password manager", "No need for a manager, thanks"]],
  ["churn_threat", "customer",
    ["I'm going to cancel my subscription", "Close my account today", "I'll take my business elsewhere", "Switching to another provider next month"],
    ["How do I cancel my order?", "I want to cancel the booking", "Switch the router off and on?", "I'll leave a review", "cancel my subscription to the newsletter"]],
  ["legal_threat", "customer",
    ["I'll be contacting my lawyer", "I'm taking this to the ombudsman", "See you in small claims", "I will sue you"],
    ["We met at the food court", "Is this legal?"]],
  ["repeat_contact", "customer",
    ["This is the third time I call about this", "I already told you my postcode", "How many times do I have to explain?", "I have called you several times"],
    ["Thanks again!", "I'll try again later", "It's already fixed, thanks", "again"]],
  ["urgency", "customer",
    ["I need this fixed urgently", "Please respond ASAP", "It's an emergency", "I need it today, I'm flying tomorrow"],
    ["I can't wait to try it!", "It works for now", "today"]],
  ["vulnerability", "customer",
    ["My husband passed away last month", "I'm undergoing chemotherapy", "I lost my job and can't afford the bill", "I'm disabled and can't get to the store"],
    ["I'm sick of waiting", "I'm sick and tired of this", "It's in my blind spot"]],
  ["abuse", "customer",
    ["You are a useless idiot", "Shut up and fix it", "you people are incompetent", "Are you stupid?"],
    ["This product is shit", "It's not your fault", "The update is stupid", "show me your fucking payment options", "your app is useless"]],
  ["praise", "customer",
    ["Thank you so much, you've been really helpful!", "Excellent service as always", "You're a star", "I can't thank you enough"],
    ["Thanks for nothing", "Not helpful at all", "thanks", "Oh great, it broke again"]],
  ["suggestion", "customer",
    ["It would be great if you added dark mode", "You should add an export button", "Why don't you offer a family plan?", "I'd suggest a clearer invoice"],
    ["You should have told me earlier", "You could have warned me", "Why don't you answer my emails?"]],
  ["greeting", "agent",
    ["Hi, my name is Sam", "Good morning and welcome to Acme", "Thank you for contacting us, how can I help?"],
    ["The order ships Monday", "Please confirm the address", "The parcel left. Hi-vis vests are in stock."]],
  ["apology", "agent",
    ["I'm sorry that your parcel was late", "I apologise for the delay", "My apologies for the confusion", "That was our mistake"],
    ["Sorry, that's our policy", "Sorry but we can't do that", "Sorry you feel that way", "sorry"]],
  ["blame_shifting", "agent",
    ["That's the other department", "You should have read the terms", "It's the courier's fault", "That's not my department"],
    ["I've asked the other team to call you", "Let me check with billing", "If you didn't receive the product, we refund it"]],
  ["empathy", "agent",
    ["I understand how frustrating that must be", "I'm so sorry to hear that", "That sounds really stressful", "I completely understand"],
    ["Your order number is 123", "I've sent the form"]],
  ["courtesy", "agent",
    ["Thank you for waiting", "Could you please confirm your email?", "You're welcome!", "My pleasure"],
    ["Send the form.", "Confirm your email."]],
  ["policy_framing", "agent",
    ["That's our policy", "Per our policy we cannot refund", "Rules are rules", "I'm not allowed to change it"],
    ["Our policy is to verify your identity because it protects your account", "It's policy so that nobody else can access your data", "Your policy number is 12"]],
  ["negative_framing", "agent",
    ["I can't refund that.", "We don't offer that service.", "That's not possible.", "We won't be able to help."],
    ["I can't thank you enough", "I can't refund that, but I can offer you a voucher", "If you cannot find it, please call us", "That isn't possible today; however, I can book it for Monday", "You won't be charged twice"]],
  ["jargon", "agent",
    ["Your ticket is in the T2 queue pending provisioning", "The DNS propagation takes time", "We raised an RMA for the ONT"],
    ["I'll send you a new router", "Your PIN is on the letter", "THANK YOU SO MUCH FOR WAITING", "Your order ID is on the receipt", "Call XXX-XXX-XXXX", "Clear your browser cache"]],
  ["scripted_reply", "agent",
    ["We apologise for any inconvenience caused. Your call is important to us. Please be advised that we are experiencing a high volume of calls.",
      "Your order {{Order Number}} has been shipped.",
      "Thank you for your patience and understanding. Rest assured we value your feedback."],
    ["I've refunded the £12.40 to your Visa ending 1234 just now, you should see it by Friday.", "Have a great day!"]],
  ["unprofessional", "agent",
    ["lol dude that's wild", "ur gonna love it", "Ugh, my weekend was rough", "Whatever, calm down"],
    ["I'll send it whatever time suits you", "Thank you for your patience", "Hello! How can I help?"]],
  ["promise", "agent",
    ["We'll call you back within 24 hours", "I'll send the replacement by Friday", "You'll receive a refund in 3-5 business days", "I promise this will be sorted"],
    ["I'll need you to confirm your address", "Will you be home on Monday?", "We'll see", "Click Orders and you will see a Cancel button"]],
  ["offer", "agent",
    ["As a goodwill gesture I've applied a £20 credit", "I can offer you a free upgrade", "I'd like to offer you a 20% discount", "I've waived the late fee"],
    ["You're not eligible for a refund", "Feel free to contact us", "Our toll free number is below", "We accept credit cards and PayPal", "I can provide you with information"]],
  ["resolution_check", "agent",
    ["Has that solved it?", "Is there anything else I can help with?", "Does that answer your question?", "Is everything working now?"],
    ["I've solved it", "Let me check the order"]],
  ["closing", "agent",
    ["Have a great day!", "Thanks for contacting Acme, goodbye", "Take care", "Kind regards, Sam"],
    ["Good day to you too? No — the parcel is late", "I'll close the window later", "Thank you for reaching out. Let me check that order.", "I'll take care of it"]],
  ["disrespect", "internal",
    ["What an idiot, customer from hell", "Another Karen demanding a refund", "This guy is clueless, can't read", "Ugh, waste of my time"],
    ["Customer asked for refund, approved", "Escalated to billing, awaiting reply", "Crazy busy today, callback tomorrow"]],
];

describe("detectSignals", () => {
  for (const [signal, role, positives, negatives] of CASES) {
    describe(signal, () => {
      for (const text of positives) {
        it(`flags: ${text}`, () => {
          const found = detect(text, role);
          expect(found.map((s) => s.name)).toContain(signal);
          expectSpansValid(text, found);
        });
      }
      for (const text of negatives) {
        it(`does not flag: ${text}`, () => {
          expect(names(text, role)).not.toContain(signal);
        });
      }
    });
  }

  it("lists complaint only above the complaint threshold, with evidence", () => {
    const text = "My order still hasn't arrived and nobody replies";
    const tokens = tokenize(text);
    expect(detectSignals(tokens, text, "customer", { complaint: 0.3 }).signals.map((s) => s.name)).not.toContain("complaint");
    const hit = detectSignals(tokens, text, "customer", { complaint: 0.8 }).signals.find((s) => s.name === "complaint");
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
    expect(detect("I'll send the replacement by Friday", "agent", "2026-11-23T10:00:00Z")[0]?.due).toBe("2026-11-27");
    expect(detect("I'll email you tomorrow", "agent", "2026-11-23T23:30:00-05:00")[0]?.due).toBe("2026-11-24");
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

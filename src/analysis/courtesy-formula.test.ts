import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closingFormulaStart, openingFormulaEnd } from "./courtesy-formula.ts";
import { analyzeMessage } from "./index.ts";
import { tokenize } from "./text/tokenize.ts";
import cues from "./data/en/sentiment-cues.json" with { type: "json" };

const FORMULA_WORDS = new Set([...cues.closing_formula.words, ...cues.opening_formula.words]);

const label = (text: string) => analyzeMessage({ text }).sentiment.label;

/** The words from the closing formula on, or "" when the message has none. */
function formula(text: string): string {
  const tokens = tokenize(text);
  const at = closingFormulaStart(tokens);
  return at < tokens.length ? text.slice(tokens[at]!.start) : "";
}

describe("courtesy formulas", () => {
  it("finds a sign-off with a name, thanks in advance and thanks after a question", () => {
    expect(formula("My parcel never came.\n\nThanks,\nDiego")).toBe("Thanks,\nDiego");
    expect(formula("Please close my account. Thank you, Anna Smith")).toBe("Thank you, Anna Smith");
    expect(formula("Can you change my address? Thanks in advance!")).toBe("Thanks in advance!");
    expect(formula("Where is my parcel? Thanks!")).toBe("Thanks!");
  });

  it("finds valedictions and greetings, and nothing in a message that is only one", () => {
    expect(formula("I was charged twice.\n\nKind regards,\nTom")).toBe("Kind regards,\nTom");
    expect(formula("I was charged twice. Have a nice day!")).toBe("Have a nice day!");
    expect(formula("Have a nice day")).toBe("");
    const opening = (text: string) => {
      const tokens = tokenize(text);
      const end = openingFormulaEnd(tokens);
      return end > 0 ? text.slice(0, tokens[end - 1]!.end) : "";
    };
    expect(opening("Hi John, hope you are well. My order never arrived.")).toBe(
      "Hi John, hope you are well.",
    );
    expect(opening("Good morning, I was charged twice.")).toBe("Good morning,");
    expect(opening("Dear Sir or Madam,\nMy refund is late.")).toBe("Dear Sir or Madam,");
    expect(opening("Hope you can fix this quickly")).toBe("");
    expect(opening("Good morning!")).toBe("");
    expect(opening("Hope you are well. Terrible. My order is late.")).toBe("Hope you are well.");
    expect(opening("Hi Gun, hope you are well. My order is late.")).toBe(
      "Hi Gun, hope you are well.",
    );
  });

  it("leaves gratitude alone: thanks with other words, after a statement, or on its own", () => {
    expect(formula("Thank you so much, that fixed it!")).toBe("");
    expect(formula("It works now. Thanks!")).toBe("");
    expect(formula("Thanks!")).toBe("");
    expect(formula("I wanted to say thanks, Sam")).toBe("");
    // A word that carries sentiment is a name after a comma or a line, not after a full stop.
    expect(formula("All sorted. Thank you. Great")).toBe("");
    expect(formula("Your app keeps crashing.\n\nThanks,\nBan")).toBe("Thanks,\nBan");
    expect(formula("Where is my refund?\nThank you\nJoy Smith")).toBe("Thank you\nJoy Smith");
  });

  it("makes a complaint signed 'Thanks, Diego' no less negative", () => {
    const text = "Hi,\n\nI try to see when my goddamn parcel is going to arrive";
    expect(label(text)).toBe("negative");
    expect(label(`${text}\n\nThanks,\nDiego`)).toBe("negative");
    expect(analyzeMessage({ text: `${text}\n\nThanks,\nDiego` }).emotions.gratitude).toBe(0);
    // Still courteous: politeness reads the thanks.
    const ask = analyzeMessage({ text: "Can you help me change my address? Thanks in advance" });
    expect(ask.sentiment.label).toBe("neutral");
    expect(ask.politeness).toBeGreaterThan(0.5);
  });

  it("keeps a message's label whatever greeting opens it and sign-off and name end it", () => {
    const messages = [
      "My refund still has not arrived after 3 weeks.",
      "I was charged twice for the same order.",
      "How do I change the delivery address on my order?",
      "The agent yesterday was rude and hung up on me.",
      "I need to update my card details.",
      "Your app keeps crashing when I log in.",
    ];
    const name = fc
      .tuple(
        fc.constantFrom(..."ABDEGHJKLMNPRSTVW"),
        fc.string({ unit: fc.constantFrom(..."aeiounrstlm"), minLength: 2, maxLength: 7 }),
      )
      .map(([first, rest]) => first + rest)
      // A name, not a word the formulas are made of ("Best", "Tia") nor one the tokenizer rewrites
      // ("Alot", "Sooo"): with those, no reader could tell the name from the formula either.
      .filter((n) => {
        const [t, ...more] = tokenize(n);
        return more.length === 0 && t?.norm === n.toLowerCase() && !FORMULA_WORDS.has(t.norm);
      });
    const signOff = fc.constantFrom(
      (n: string) => `\n\nThanks,\n${n}`,
      (n: string) => ` Thank you, ${n}`,
      (n: string) => `\nMany thanks\n${n}`,
      (n: string) => `\n\nKind regards,\n${n}`,
      () => " Thanks in advance!",
      () => " Have a nice day!",
    );
    const greeting = fc.constantFrom(
      () => "",
      (n: string) => `Hi ${n}, hope you are well. `,
      () => "Good morning, ",
      () => "Hello,\nI hope this email finds you well.\n",
    );
    fc.assert(
      fc.property(fc.constantFrom(...messages), name, greeting, signOff, (text, n, open, end) => {
        expect(label(open(n) + text + end(n))).toBe(label(text));
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * Shared fast-check arbitraries for the engine's property tests: any Unicode (including lone
 * surrogates and control characters), emoji-heavy and right-to-left text, and chat-like text.
 */
import fc from "fast-check";

const chatWords = [
  "thanks",
  "not",
  "bad",
  "great",
  "but",
  "the",
  "support",
  "was",
  "awful",
  "sooo",
  "GOOD",
  "u",
  "dont",
  "😂",
  "😡",
  ":)",
  "!!!",
  "?",
  "no",
  "problem",
  "@acme",
  "https://x.co/a",
  "3.5",
  "I",
  "can't",
  "never",
  "\u202e",
  "مرحبا",
  "שלום",
  "\u0000",
  "\u200d",
  "👨‍👩‍👧",
  "😶‍🌫️",
  "\n",
  "  ",
  "’",
  "😊",
];

/** Any string: full Unicode code units plus chat-like word salads. */
export const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc.array(fc.constantFrom(...chatWords), { maxLength: 40 }).map((w) => w.join(" ")),
  fc.array(fc.constantFrom(...chatWords), { maxLength: 40 }).map((w) => w.join("")),
);

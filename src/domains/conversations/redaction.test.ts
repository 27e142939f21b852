import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_REDACTION_SETTINGS,
  ibanValid,
  luhnValid,
  REDACTION_PLACEHOLDERS,
  redactText,
  RedactionSettingsSchema,
} from "./redaction.ts";

const redact = (text: string) => redactText(text, DEFAULT_REDACTION_SETTINGS);

/** Appends the Luhn check digit to a digit string. */
function withLuhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + String(d))) return body + String(d);
  throw new Error("unreachable");
}

describe("RedactionSettingsSchema", () => {
  it("defaults every type on", () => {
    expect(RedactionSettingsSchema.parse({})).toEqual(DEFAULT_REDACTION_SETTINGS);
  });
  it("refuses unknown fields", () => {
    expect(RedactionSettingsSchema.safeParse({ names: true }).success).toBe(false);
  });
});

describe("redactText", () => {
  it.each([
    ["card with spaces", "card 4111 1111 1111 1111 please", "card [CARD] please", "card"],
    ["card with dashes", "5500-0000-0000-0004", "[CARD]", "card"],
    ["Amex 15 digits", "amex 3782 822463 10005.", "amex [CARD].", "card"],
    ["card glued to letters", "x4111111111111111y", "x[CARD]y", "card"],
    ["card after a short number", "Order 12 4111 1111 1111 1111", "Order 12 [CARD]", "card"],
    ["CVV in context", "cvv 123", "cvv [CVV]", "cvv"],
    ["security code", "the security code: 1234", "the security code: [CVV]", "cvv"],
    ["CVC is", "CVC is 987.", "CVC is [CVV].", "cvv"],
    ["IBAN grouped", "IBAN GB82 WEST 1234 5698 7654 32 thanks", "IBAN [IBAN] thanks", "iban"],
    ["IBAN compact", "to DE89370400440532013000.", "to [IBAN].", "iban"],
    ["SSN dashed", "SSN 123-45-6789", "SSN [NATIONAL_ID]", "nationalId"],
    ["SSN bare after ssn", "ssn: 219099999", "ssn: [NATIONAL_ID]", "nationalId"],
    ["NI number", "NI AB 12 34 56 C", "NI [NATIONAL_ID]", "nationalId"],
    ["NI compact", "nino ab123456c.", "nino [NATIONAL_ID].", "nationalId"],
    ["email", "mail john.doe+x@example.co.uk now", "mail [EMAIL] now", "email"],
    ["international phone", "call +44 20 7946 0958", "call [PHONE]", "phone"],
    ["international with (0)", "+44 (0)20 7946 0958", "[PHONE]", "phone"],
    ["US phone", "(555) 123-4567", "[PHONE]", "phone"],
    ["US dotted", "555.123.4567", "[PHONE]", "phone"],
    ["local 7 digits", "ring 555-1234", "ring [PHONE]", "phone"],
    ["UK mobile", "07700 900123", "[PHONE]", "phone"],
    ["bare UK mobile", "07700900123", "[PHONE]", "phone"],
    ["bare after phone:", "phone: 5551234567", "phone: [PHONE]", "phone"],
    ["French", "06 12 34 56 78", "[PHONE]", "phone"],
    ["phone next to a date", "2024-01-05 555-123-4567", "2024-01-05 [PHONE]", "phone"],
  ])("redacts %s", (_name, input, expected, type) => {
    const result = redact(input);
    expect(result.text).toBe(expected);
    expect(result.counts[type as keyof typeof result.counts]).toBeGreaterThanOrEqual(1);
    expect(result.total).toBe(Object.values(result.counts).reduce((a, b) => a + b, 0));
  });

  it.each([
    ["order number", "order 123456789 shipped"],
    ["order with #", "order #1234567"],
    ["ref no.", "ref no. 5551234"],
    ["ISO date", "ordered on 2024-01-05"],
    ["European date", "on 05.01.2024 and 5/1/2024"],
    ["time", "at 12:30 or 13:45:10"],
    ["timestamp", "2024-01-05T12:30:00Z"],
    ["amount", "cost $1,234.56"],
    ["amount in euros", "€ 1 234 567"],
    ["thousands", "1.234.567 items"],
    ["amount with currency after", "12 345 678 EUR"],
    ["tracking number failing Luhn", "tracking 9400111899223197428490"],
    ["UPS tracking", "1Z999AA10123456784"],
    ["16 digits failing Luhn", "4111 1111 1111 1112"],
    ["13 digits failing Luhn", "ticket 1234567890123"],
    ["3 digits without context", "room 123, 4 people"],
    ["invalid SSN area 666", "666-12-3456"],
    ["invalid SSN group 00", "123-00-6789"],
    ["IBAN failing mod 97", "GB82 WEST 1234 5698 7654 33"],
    ["NI with forbidden prefix", "GB123456A"],
    ["not an email", "a @ b dot com, user@localhost"],
    ["version", "v1.2.3 and 10.0.0.1"],
  ])("leaves %s alone", (_name, input) => {
    const result = redact(input);
    expect(result.text).toBe(input);
    expect(result.total).toBe(0);
  });

  it("honours each switch and the master switch", () => {
    const text = "mail a@b.io, card 4111111111111111, +1 555 123 4567";
    expect(redactText(text, { ...DEFAULT_REDACTION_SETTINGS, enabled: false }).text).toBe(text);
    expect(redactText(text, { ...DEFAULT_REDACTION_SETTINGS, emails: false }).text).toBe(
      "mail a@b.io, card [CARD], [PHONE]",
    );
    expect(
      redactText(text, { ...DEFAULT_REDACTION_SETTINGS, cards: false, phones: false }).text,
    ).toBe("mail [EMAIL], card 4111111111111111, +1 555 123 4567");
  });

  it("counts each type", () => {
    const result = redact("a@b.io c@d.io 4111111111111111 cvv 123");
    expect(result.counts).toEqual({ email: 2, card: 1, cvv: 1 });
    expect(result.total).toBe(4);
  });

  it("is linear on long adversarial input", () => {
    const inputs = [
      "1 ".repeat(50_000),
      "a@".repeat(50_000),
      "GB82".repeat(25_000),
      "+1-".repeat(30_000),
      "cvv ".repeat(25_000),
    ];
    for (const input of inputs) expect(() => redact(input)).not.toThrow();
  });
});

describe("luhnValid and ibanValid", () => {
  it("accept known-good numbers and refuse a changed digit", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("GB82WEST12345698765433")).toBe(false);
  });
});

const separator = fc.constantFrom("", "", "", " ", "-", " - ", "  ", "--", "\u00a0");
const noDigitEdge = (s: string) => s.replace(/[\d\s\-\u00a0]+$/, "");
const cardDigits = fc
  .integer({ min: 13, max: 19 })
  .chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n - 1, maxLength: n - 1 }))
  .map((ds) => withLuhnDigit(ds.join("")));
const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
);
const piiText = fc
  .array(
    fc.oneof(
      anyText,
      fc.constantFrom(
        "4111 1111 1111 1111",
        "cvv 123",
        "GB82WEST12345698765432",
        "123-45-6789",
        "AB123456C",
        "x@y.io",
        "+44 20 7946 0958",
        "(555) 123-4567",
        "2024-01-05",
        "$1,234.56",
        " ",
        "-",
        "[CARD]",
        "]",
        "[",
        "@",
        ".",
        "#",
        "phone: ",
        "order ",
        "ssn ",
        "06 12 34 56 78",
        "\u00a0",
      ),
      fc.stringMatching(/^[\d \-+().@a-z#]{1,30}$/),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(""));

describe("redactText properties", () => {
  it("never leaves a Luhn-valid card number, whatever the separators and surrounding text", () => {
    fc.assert(
      fc.property(
        anyText,
        cardDigits,
        fc.array(separator, { minLength: 19, maxLength: 19 }),
        anyText,
        (pre, card, seps, post) => {
          const formatted = [...card].map((d, i) => (i === 0 ? d : seps[i]! + d)).join("");
          const input = `${noDigitEdge(pre)} ${formatted} ${post.replace(/^[\d\s\-\u00a0]+/, "")}`;
          const out = redact(input).text;
          expect(out.replace(/[\s\-\u00a0]/g, "")).not.toContain(card);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(piiText, (text) => {
        const once = redact(text).text;
        expect(redact(once).text).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it("never lengthens text beyond the placeholders it adds", () => {
    const longest = Math.max(...Object.values(REDACTION_PLACEHOLDERS).map((p) => p.length));
    fc.assert(
      fc.property(piiText, (text) => {
        const result = redact(text);
        expect(result.text.length).toBeLessThanOrEqual(text.length + result.total * longest);
        if (result.total === 0) expect(result.text).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on any Unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const result = redact(text);
        expect(typeof result.text).toBe("string");
      }),
      { numRuns: 2000 },
    );
  });
});

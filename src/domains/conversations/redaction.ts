import { z } from "@hono/zod-openapi";

/**
 * PII redaction applied to every message at ingest, before anything is stored or analysed.
 *
 * Pure and synchronous: no I/O, never throws, linear in the text length (every pattern below is
 * bounded: no nested unbounded quantifiers, and the per-candidate checks look at ≤ 34 characters).
 *
 * Detectors run in a fixed order (email, IBAN, card, national id, CVV, phone), each on the output of
 * the previous one. Placeholders contain no digits and no `@`, and the boundary checks treat a
 * placeholder like the letters or digits it replaced, so redacting twice gives the same text as
 * redacting once.
 */

export const REDACTION_TYPES = ["card", "cvv", "iban", "nationalId", "email", "phone"] as const;
export type RedactionType = (typeof REDACTION_TYPES)[number];

export const REDACTION_PLACEHOLDERS: Record<RedactionType, string> = {
  card: "[CARD]",
  cvv: "[CVV]",
  iban: "[IBAN]",
  nationalId: "[NATIONAL_ID]",
  email: "[EMAIL]",
  phone: "[PHONE]",
};

export const RedactionSettingsSchema = z
  .strictObject({
    /** Master switch: false stores text as received. */
    enabled: z.boolean().default(true),
    cards: z.boolean().default(true),
    cvv: z.boolean().default(true),
    iban: z.boolean().default(true),
    nationalIds: z.boolean().default(true),
    emails: z.boolean().default(true),
    phones: z.boolean().default(true),
  })
  .openapi("RedactionSettings");
export type RedactionSettings = z.infer<typeof RedactionSettingsSchema>;

export const DEFAULT_REDACTION_SETTINGS: Readonly<RedactionSettings> = Object.freeze({
  enabled: true,
  cards: true,
  cvv: true,
  iban: true,
  nationalIds: true,
  emails: true,
  phones: true,
});

export interface RedactionResult {
  text: string;
  counts: Partial<Record<RedactionType, number>>;
  total: number;
}

// A placeholder counts as a word character for boundary checks (see the module comment).
const PH = String.raw`\[(?:CARD|CVV|IBAN|NATIONAL_ID|EMAIL|PHONE)\]`;
const PH_START = new RegExp(`^${PH}`);

// Local part ≤ 64 and labels ≤ 63 characters (RFC 5321), so the scan per "@" is bounded.
const EMAIL = new RegExp(
  String.raw`(?<![\w.%+'\-]|${PH})[\w.%+'\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9\-]|${PH})`,
  "g",
);

// An IBAN starts with a country code and two check digits; the rest is checked by hand below.
const IBAN_START = new RegExp(
  String.raw`(?<![A-Za-z0-9]|${PH})[A-Za-z]{2}\d{2}(?=[ A-Za-z0-9])`,
  "g",
);

// A run of digits joined by short runs of spaces or dashes; groups are tried in `redactCardRun`.
const DIGIT_RUN = /(?<!\d)\d(?:[ \-\u00a0\t]{0,3}\d)*(?!\d)/g;

// US SSN: 3-2-4 with a consistent dash or space (bare 9 digits are zip+4 or order numbers far
// more often), or bare when "SSN" or "social security" comes just before.
const SSN = new RegExp(
  String.raw`(?<![\w\-]|${PH})(\d{3})([\- ])(\d{2})\2(\d{4})(?![\w]|-\d|${PH})|(?<=\b(?:ssn|social security(?: number| no\.?)?)[\s:#]{0,3})(\d{3})(\d{2})(\d{4})(?![\w]|${PH})`,
  "gi",
);

// UK National Insurance number: HMRC prefix rules (no D, F, I, Q, U, V; no O second; not BG,
// GB, KN, NK, NT, TN, ZZ), six digits, suffix A–D.
const NINO = new RegExp(
  String.raw`(?<![A-Za-z0-9]|${PH})(?!(?:BG|GB|KN|NK|NT|TN|ZZ))[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9]|${PH})`,
  "gi",
);

// A card security code is only recognisable by the words before it.
const CVV = new RegExp(
  String.raw`(\b(?:cvv2?|cvc2?|cvn|cid|csc|card (?:security|verification) (?:code|value|number)|security code|sec\.? code)(?:\s+(?:is|was|number|no\.?|code|#))?\s*[:=#\-]?\s*)(\d{3,4})(?![\w]|${PH})`,
  "gi",
);

// A phone candidate: optional "+", optional country code, optional "(area)", then up to seven
// groups of digits joined by one space, dash or dot. `acceptPhone` decides.
const PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_+\-.\/:,#$€£¥@]|${PH})(?:\+ ?)?(?:\d{1,4}[ .\-]?)?(?:\(\d{1,5}\)[ .\-]?)?\d{1,12}(?:(?:[ .\-]| - )\d{1,6}){0,6}(?![\p{L}\p{N}_\/:%@]|[.,\-]\d|${PH})`,
  "gu",
);
const PHONE_CONTEXT =
  /\b(?:phone|tel|telephone|mobile|cell|cellphone|call|ring|fax|whatsapp|sms|text|contact|reach)(?:\s*(?:no\.?|number|nr\.?|#))?(?:\s+(?:me|us|him|her|them|at|on|is|was|number|me at|us at))*\s*[:.-]?\s*$/i;
const NOT_PHONE_CONTEXT =
  // "#" needs no word boundary: what precedes it may be a replaced phone number on a second pass.
  /(?:\b(?:order|invoice|inv|ref|reference|tracking|ticket|case|account|acct|id|confirmation|booking|po|sku|serial|transaction|txn|item|policy|claim|customer|membership|no\.|nr\.?)|#)\s*(?:number|no\.?|nr\.?|id|#)?\s*[:.#-]?\s*$/i;
const CURRENCY_BEFORE = /(?:[$€£¥₹]|\b(?:usd|eur|gbp|chf|cad|aud|jpy|inr|rs\.?))\s?$/i;
const CURRENCY_AFTER =
  /^\s?(?:[$€£¥₹%]|(?:usd|eur|gbp|chf|cad|aud|jpy|inr|dollars?|euros?|pounds?|cents?|kg|km|mi|lbs?|items?|units?|pcs)\b)/i;

/**
 * Replaces payment cards, card security codes, IBANs, US SSNs and UK National Insurance numbers,
 * email addresses and phone numbers with `[CARD]`, `[CVV]`, `[IBAN]`, `[NATIONAL_ID]`, `[EMAIL]`,
 * `[PHONE]`, as enabled in `settings`. Never throws; idempotent.
 *
 * @example
 * redactText("card 4111 1111 1111 1111, call +44 20 7946 0958", DEFAULT_REDACTION_SETTINGS)
 * // → { text: "card [CARD], call [PHONE]", counts: { card: 1, phone: 1 }, total: 2 }
 */
export function redactText(text: string, settings: RedactionSettings): RedactionResult {
  const counts: Partial<Record<RedactionType, number>> = {};
  if (typeof text !== "string" || text.length === 0 || !settings.enabled)
    return { text: typeof text === "string" ? text : "", counts, total: 0 };
  const bump = (type: RedactionType) => {
    counts[type] = (counts[type] ?? 0) + 1;
    return REDACTION_PLACEHOLDERS[type];
  };
  let out = text;
  try {
    if (settings.emails && out.includes("@")) out = out.replace(EMAIL, () => bump("email"));
    if (!/\d/.test(out)) return finish(out, counts);
    if (settings.iban) out = redactIbans(out, bump);
    if (settings.cards) out = out.replace(DIGIT_RUN, (run) => redactCardRun(run, bump));
    if (settings.nationalIds) {
      out = out.replace(
        SSN,
        (
          m,
          a1?: string,
          _s?: string,
          g1?: string,
          s1?: string,
          a2?: string,
          g2?: string,
          s2?: string,
        ) => (validSsn(a1 ?? a2, g1 ?? g2, s1 ?? s2) ? bump("nationalId") : m),
      );
      out = out.replace(NINO, () => bump("nationalId"));
    }
    if (settings.cvv) out = out.replace(CVV, (_m, lead: string) => lead + bump("cvv"));
    if (settings.phones) {
      out = out.replace(PHONE, (m, ...rest: unknown[]) =>
        redactPhoneCandidate(m, out, offsetOf(rest), bump),
      );
    }
  } catch {
    // Unreachable by design (the patterns are static and checked by tests); returning the text
    // untouched would leak, so an unexpected failure masks every digit instead.
    const masked = text.replace(/\d/g, "#");
    return { text: masked, counts: {}, total: 0 };
  }
  return finish(out, counts);
}

function finish(text: string, counts: Partial<Record<RedactionType, number>>): RedactionResult {
  let total = 0;
  for (const n of Object.values(counts)) total += n;
  return { text, counts, total };
}

/** The match offset passed to a `String.replace` callback (it precedes the input string). */
function offsetOf(rest: unknown[]): number {
  for (let i = rest.length - 1; i >= 0; i--)
    if (typeof rest[i] === "number") return rest[i] as number;
  return 0;
}

/** Luhn check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Within a run of digit groups, finds the leftmost-longest span of whole groups holding 13–19
 * digits that passes Luhn, so "order 12 4111 1111 1111 1111" still loses its card number.
 */
function redactCardRun(run: string, bump: (t: RedactionType) => string): string {
  // Digits of the run in order, and where each group starts and ends among them.
  const digits: number[] = [];
  const groups: { start: number; end: number; first: number }[] = [];
  let groupStart = 0;
  for (let k = 0; k <= run.length; k++) {
    const code = k < run.length ? run.charCodeAt(k) : -1;
    if (code >= 48 && code <= 57) {
      if (groupStart < 0) groupStart = k;
      digits.push(code - 48);
    } else if (groupStart >= 0) {
      const count = k - groupStart;
      groups.push({ start: groupStart, end: k, first: digits.length - count });
      groupStart = -1;
    }
  }
  if (digits.length < 13) return run;
  // Luhn over any window in O(1): prefix sums of plain and doubled digits by index parity.
  const n = digits.length;
  const plain = [new Int32Array(n + 1), new Int32Array(n + 1)] as const;
  const doubled = [new Int32Array(n + 1), new Int32Array(n + 1)] as const;
  for (let m = 0; m < n; m++) {
    const d = digits[m]!;
    for (const p of [0, 1] as const) {
      const own = (m & 1) === p;
      plain[p][m + 1] = plain[p][m]! + (own ? d : 0);
      doubled[p][m + 1] = doubled[p][m]! + (own ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : 0);
    }
  }
  // The rightmost digit (index b) is not doubled; those of the other parity are.
  const luhnWindow = (a: number, b: number) => {
    const same = (b & 1) as 0 | 1;
    const other = (1 - same) as 0 | 1;
    const sum = plain[same][b + 1]! - plain[same][a]! + doubled[other][b + 1]! - doubled[other][a]!;
    return sum % 10 === 0;
  };
  let out = "";
  let copied = 0;
  for (let i = 0; i < groups.length; i++) {
    const from = groups[i]!.first;
    let best = -1;
    for (let j = i; j < groups.length; j++) {
      const g = groups[j]!;
      const count = g.first + (g.end - g.start) - from;
      if (count > 19) break;
      if (count >= 13 && luhnWindow(from, from + count - 1)) best = j;
    }
    if (best >= 0) {
      out += run.slice(copied, groups[i]!.start) + bump("card");
      copied = groups[best]!.end;
      i = best;
    }
  }
  return out + run.slice(copied);
}

/** ISO 13616 check: move the first four characters to the end, letters to 10–35, mod 97 = 1. */
export function ibanValid(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    rem = value > 9 ? (rem * 100 + value) % 97 : (rem * 10 + value) % 97;
  }
  return rem === 1;
}

/**
 * IBANs are written with or without single spaces, usually in groups of four. From each plausible
 * start, the longest prefix (ending at a character boundary) of 15–34 characters that passes
 * mod-97 is replaced.
 */
function redactIbans(text: string, bump: (t: RedactionType) => string): string {
  let out = "";
  let copied = 0;
  IBAN_START.lastIndex = 0;
  for (let m = IBAN_START.exec(text); m; m = IBAN_START.exec(text)) {
    const start = m.index;
    if (start < copied) continue;
    let compact = "";
    let bestEnd = -1;
    let i = start;
    while (i < text.length && compact.length < 34) {
      const ch = text[i]!;
      if (ch === " ") {
        const next = text[i + 1];
        if (next === undefined || !/[A-Za-z0-9]/.test(next)) break;
        i++;
        continue;
      }
      if (!/[A-Za-z0-9]/.test(ch)) break;
      compact += ch.toUpperCase();
      i++;
      const after = text.slice(i);
      const atBoundary = after.length === 0 || !/^[A-Za-z0-9]/.test(after);
      if (
        compact.length >= 15 &&
        (atBoundary || after[0] === " ") &&
        !PH_START.test(after) &&
        ibanValid(compact)
      )
        bestEnd = i;
    }
    if (bestEnd > 0) {
      out += text.slice(copied, start) + bump("iban");
      copied = bestEnd;
      IBAN_START.lastIndex = bestEnd;
    }
  }
  return out + text.slice(copied);
}

function validSsn(area?: string, group?: string, serial?: string): boolean {
  if (!area || !group || !serial) return false;
  const a = Number(area);
  // Never issued: area 000, 666 and 900–999; group 00; serial 0000 (SSA rules).
  return a !== 0 && a !== 666 && a < 900 && group !== "00" && serial !== "0000";
}

const DATE_SHAPES: RegExp[] = [
  /^(?:19|20)\d\d([-. /])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])$/, // 2024-01-05
  /^(?:0?[1-9]|[12]\d|3[01])([-. /])(?:0?[1-9]|[12]\d|3[01])\1(?:19|20)?\d\d$/, // 05.01.2024, 01-05-24
];

/** Is this candidate (a whole string of digits and separators) a phone number, given what precedes it? */
function acceptPhone(candidate: string, before: string, after: string): boolean {
  const digits = candidate.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return false;
  if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)) return false;
  const international = candidate.startsWith("+") || digits.startsWith("00");
  if (international) return digits.length >= 8;
  if (PHONE_CONTEXT.test(before)) return true;
  if (NOT_PHONE_CONTEXT.test(before)) return false;
  if (DATE_SHAPES.some((r) => r.test(candidate))) return false;
  const groups = candidate.split(/[ .\-()]+/).filter((g) => g.length > 0);
  const hasParens = candidate.includes("(");
  if (groups.length === 1) {
    // A bare string of digits is an order or account number far more often than a phone number,
    // except with a national trunk prefix: 07700900123, 0201234567.
    return /^0[1-9]\d{8,9}$/.test(digits);
  }
  // Thousands separators: 1.234.567 or 12 345 678 (amounts, counts).
  if (
    !hasParens &&
    /^\d{1,3}$/.test(groups[0]!) &&
    groups.slice(1).every((g) => g.length === 3) &&
    !digits.startsWith("0")
  ) {
    return false;
  }
  // 123-45-6789 is the shape of a US SSN (an invalid one when it got here), not a phone number.
  if (/^\d{3}-\d{2}-\d{4}$/.test(candidate)) return false;
  // Three or more groups of exactly four digits are card or account fragments.
  if (groups.length >= 3 && groups.every((g) => g.length === 4)) return false;
  // Phone groups are 2–6 digits; a single leading country/trunk digit is allowed.
  if (groups.slice(1).some((g) => g.length < 2)) return false;
  if (digits.length > 12) return false;
  return true;
}

function redactPhoneCandidate(
  candidate: string,
  text: string,
  offset: number,
  bump: (t: RedactionType) => string,
): string {
  const before = text.slice(Math.max(0, offset - 40), offset);
  const after = text.slice(offset + candidate.length, offset + candidate.length + 12);
  if (acceptPhone(candidate, before, after)) return bump("phone");
  // A date written just before a number ("2024-01-05 555-123-4567") joins the candidate: judge
  // the rest alone. Only this one split, so that a second pass sees the same candidates.
  const date = /^(\S+) +/.exec(candidate);
  if (!date?.[1] || !DATE_SHAPES.some((r) => r.test(date[1]!))) return candidate;
  const restOffset = offset + date[0].length;
  const rest = candidate.slice(date[0].length);
  const restBefore = text.slice(Math.max(0, restOffset - 40), restOffset);
  return acceptPhone(rest, restBefore, after) ? date[0] + bump("phone") : candidate;
}

import { randomInt, timingSafeEqual } from "node:crypto";
import { processSecretBox, type SecretBox } from "../../lib/secret-box.ts";

/**
 * Public case references, `RC-XXXXXXX-SSSS`: seven random characters and four of an HMAC over
 * them under the installation's secret key. A customer can quote one on the public form; a
 * forged or mistyped one is refused before any lookup, so references cannot be enumerated.
 * Crockford base32 (no I, L, O, U) keeps them readable aloud.
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PATTERN = /^RC-([0-9A-HJKMNP-TV-Z]{7})-([0-9A-HJKMNP-TV-Z]{4})$/;

function signatureOf(box: SecretBox, body: string): string {
  const mac = Buffer.from(box.mac("case-reference", body), "base64url");
  let out = "";
  for (let i = 0; i < 4; i++) out += ALPHABET[mac[i]! % 32];
  return out;
}

/** A new signed reference. */
export function newReference(box: SecretBox = processSecretBox()): string {
  let body = "";
  for (let i = 0; i < 7; i++) body += ALPHABET[randomInt(32)];
  return `RC-${body}-${signatureOf(box, body)}`;
}

/** The first reference quoted in free text (an email's subject or body) whose signature holds. */
export function findReferenceIn(text: string, box: SecretBox = processSecretBox()): string | null {
  for (const m of text.toUpperCase().matchAll(/\bRC-[0-9A-Z]{7}-[0-9A-Z]{4}\b/g)) {
    const valid = verifyReference(m[0], box);
    if (valid) return valid;
  }
  return null;
}

/** The reference in canonical form when its signature holds, else null (forged or mistyped). */
export function verifyReference(
  reference: string,
  box: SecretBox = processSecretBox(),
): string | null {
  const canonical = reference.trim().toUpperCase();
  const m = PATTERN.exec(canonical);
  if (!m) return null;
  const expected = Buffer.from(signatureOf(box, m[1]!));
  const given = Buffer.from(m[2]!);
  return timingSafeEqual(expected, given) ? canonical : null;
}

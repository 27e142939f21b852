/**
 * A message's closing formula: the "Thanks, Diego" or "Thanks in advance!" that ends an email or a
 * request. It is courtesy, not a verdict on the service: "I try to see when my goddamn parcel is
 * going to arrive. Thanks, Diego" is not a positive message. The rule layer leaves the formula's
 * words out of sentiment (as it does an agent's "sorry for the inconvenience"); politeness still
 * sees them.
 *
 * A formula is the message's last sentence, made only of formula words (data/en/sentiment-cues.json
 * `closing_formula`) holding a thanking word, after at least one earlier sentence, and it reads as
 * a sign-off only when one of these holds:
 * - a name follows it ("Thanks, Diego", "Thank you\nAnna Smith": one or two capitalised words);
 * - it thanks in advance ("Thanks in advance", "TIA");
 * - the sentence before it asks something ("Where is my parcel? Thanks!"): thanks for an answer not
 *   yet given.
 * A thank-you in a sentence with other words ("Thanks, that fixed it") or after a statement
 * ("It works now. Thanks!") is gratitude and keeps its valence.
 */
import cues from "./data/en/sentiment-cues.json" with { type: "json" };
import type { Token } from "./text/tokenize.ts";

const FORMULA_WORDS: ReadonlySet<string> = new Set(cues.closing_formula.words);
const THANKING: ReadonlySet<string> = new Set(cues.closing_formula.thanking);
const IN_ADVANCE: ReadonlySet<string> = new Set(cues.closing_formula.in_advance);
/** Words of a trailing name, at most. */
const MAX_NAME_WORDS = 2;

function isName(t: Token): boolean {
  // Not a word that carries sentiment ("Thank you. Great"), nor a formula word.
  if (t.kind !== "word" || t.caps || t.lex?.rule === true || FORMULA_WORDS.has(t.norm))
    return false;
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
  // The name, if any: capitalised words right after the formula's comma or line.
  let nameWords = 0;
  while (j >= 0 && nameWords < MAX_NAME_WORDS && isName(tokens[j] as Token)) {
    j--;
    nameWords++;
  }
  if (nameWords > 0) while (j >= 0 && (tokens[j] as Token).kind === "punct") j--;
  if (j < 0) return n;
  const sentence = (tokens[j] as Token).sentence;
  let thanks = false;
  let advance = false;
  let i = j;
  for (; i >= 0; i--) {
    const t = tokens[i] as Token;
    if (t.sentence !== sentence) break;
    if (t.kind === "punct") continue;
    if (t.kind !== "word" || !FORMULA_WORDS.has(t.norm)) return n;
    thanks ||= THANKING.has(t.norm);
    advance ||= IN_ADVANCE.has(t.norm);
  }
  // `i` is the last token of the sentence before the formula (none: the message is only thanks).
  if (!thanks || i < 0) return n;
  const asked = (tokens[i] as Token).kind === "punct" && (tokens[i] as Token).norm.includes("?");
  return nameWords > 0 || advance || asked ? i + 1 : n;
}

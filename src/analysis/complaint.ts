/**
 * Complaint probability of a customer message.
 *
 * Two parts, both explainable:
 * 1. a logistic model over the sentiment rule layer and unigrams, fitted on permissive data
 *    (BANKING77 problem reports, Bitext `complaint`/`payment_issue`/`registration_problems`,
 *    GoEmotions annoyance/disappointment/disapproval/anger; see scripts/train-analysis.ts);
 * 2. breach-of-expectation cues (data/en/sentiment-complaint.json): problem words and negations
 *    (something went wrong), service words (what it went wrong with), first-person involvement,
 *    and, for public posts, whether the post tags the company.
 * 3. service-failure constructions (service-failure.ts), counted once each.
 * The combination weights are hand-set, round numbers; the first ones were chosen while measuring
 * on the complaints dev split (evaluation only; nothing was fitted on it), the failure weight by
 * leave-one-domain-out validation on permissive data.
 */
import cues from "./data/en/sentiment-complaint.json" with { type: "json" };
import { defaultEngineState, type EngineState } from "./engine.ts";
import type { Lexeme, LexemeTable } from "./lexeme.ts";
import { COMPLAINT_AT, getMessageModels, rowWeight, sigmoid } from "./message-models.ts";
import { endsWithNt, NEGATOR_WORDS } from "./sentiment-rules.ts";
import type { Evidence } from "./types.ts";
import type { Token } from "./text/tokenize.ts";

const PROBLEM = 1;
const SERVICE = 2;
const FIRST_PERSON = 3;
/**
 * Word → cue class, copied onto the words' lexeme records by addComplaintLexemes (one field read
 * per token). Negators count as problem cues ("didn't arrive").
 */
const CUE_CLASS = new Map<string, number>();
for (const w of cues.first_person) CUE_CLASS.set(w, FIRST_PERSON);
for (const w of cues.service) CUE_CLASS.set(w, SERVICE);
for (const w of cues.problem) CUE_CLASS.set(w, PROBLEM);
for (const w of NEGATOR_WORDS) CUE_CLASS.set(w, PROBLEM);

/** Puts each complaint cue word's class on its record in `table` (while an engine is built). */
export function addComplaintLexemes(table: LexemeTable): void {
  for (const [w, c] of CUE_CLASS) table.add(w).cue = c;
}

/** Cue class of a word from its lexeme record (`lex` is Token.lex). */
function cueClassOf(lex: Lexeme | undefined, norm: string): number {
  if (lex !== undefined && lex.cue !== 0) return lex.cue;
  return endsWithNt(norm) ? PROBLEM : 0;
}

/** Probability at or above which a message is treated as a complaint. */
export const COMPLAINT_THRESHOLD = 0.5;

const W_MODEL = 0.7;
const W_PROBLEM = 0.4;
const W_SERVICE = 0.5;
const W_FIRST_PERSON = 0.15;
const W_PUBLIC_MENTION = 1.2;
/**
 * Per service-failure construction (service-failure.ts: "on hold for 2 hours", "never arrived",
 * "charged twice", a vow not to return), at most three. A round number; chosen by
 * leave-one-domain-out validation (npm run eval:lodo), see analysis-accuracy.md.
 */
const W_FAILURE = 0.6;
const BIAS = -0.7;

export interface ComplaintOptions {
  /**
   * The message is a public post that tags the company's account (a tweet to @brand). Such posts
   * are complaints far more often than routine chat or email requests (over half of brand-tagged
   * tweets in Preotiuc-Pietro et al. 2019), so this raises the prior. Default false: chat, email
   * and call messages.
   */
  publicMention?: boolean;
}

/**
 * Probability in [0, 1] that a customer message is a complaint (reports a problem or a breach of
 * expectations). Shares the cached rule-layer/model pass with scoreSentiment on the same tokens.
 *
 * @example
 * const text = "my order still hasn't arrived, 3 weeks now";
 * scoreComplaint(tokenize(text)) >= COMPLAINT_THRESHOLD; // true
 */
export function scoreComplaint(
  tokens: Token[],
  options: ComplaintOptions = {},
  engine: EngineState = defaultEngineState(),
): number {
  const m = getMessageModels(engine.models, tokens);
  return combineComplaint(m.z[COMPLAINT_AT] as number, tokens, options, m.valence.failures.length);
}

/**
 * The hand-set combination of the complaint model's linear score `modelZ` with the cue counts of
 * `tokens`. Exported so validation scripts can score a refitted model through the same formula.
 */
export function combineComplaint(
  modelZ: number,
  tokens: readonly Token[],
  options: ComplaintOptions = {},
  failures = 0,
): number {
  const pModel = sigmoid(modelZ);
  const modelLogit = Math.log(Math.max(1e-4, pModel) / Math.max(1e-4, 1 - pModel));
  let problem = 0;
  let service = 0;
  let self = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "word") continue;
    const c = cueClassOf(t.lex, t.norm);
    if (c === PROBLEM) problem++;
    else if (c === SERVICE) service++;
    else if (c === FIRST_PERSON) self++;
  }
  const z =
    BIAS +
    W_MODEL * modelLogit +
    W_PROBLEM * Math.min(problem, 6) +
    W_SERVICE * Math.min(service, 4) +
    W_FIRST_PERSON * Math.min(self, 5) +
    W_FAILURE * Math.min(failures, 3) +
    (options.publicMention === true ? W_PUBLIC_MENTION : 0);
  const p = sigmoid(z);
  return Number.isFinite(p) ? Math.round(p * 1000) / 1000 : 0;
}

/** The words that pushed the complaint probability up most, as evidence spans (up to 3). */
export function explainComplaint(
  tokens: Token[],
  text: string,
  engine: EngineState = defaultEngineState(),
): Evidence[] {
  const m = getMessageModels(engine.models, tokens);
  const picks: { i: number; w: number }[] = [];
  const model = new Map<number, number>();
  m.matched.forEach((i, k) =>
    model.set(i, W_MODEL * rowWeight(engine.models, m.matchedRows[k] ?? 0, COMPLAINT_AT)),
  );
  tokens.forEach((t, i) => {
    if (t.kind !== "word") return;
    let w = model.get(i) ?? 0;
    const c = cueClassOf(t.lex, t.norm);
    if (c === PROBLEM) w += W_PROBLEM;
    else if (c === SERVICE) w += W_SERVICE;
    if (w > 0.6) picks.push({ i, w });
  });
  return picks
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, 3)
    .map(({ i }) => {
      const t = tokens[i] as Token;
      return { start: t.start, end: t.end, text: text.slice(t.start, t.end) };
    })
    .sort((a, b) => a.start - b.start);
}

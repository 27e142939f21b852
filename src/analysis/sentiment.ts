/**
 * Message sentiment: a VADER-style rule layer (AFINN-165 + Rapport cues, negation, boosters,
 * contrast, caps, elongation, emoji, sarcasm) feeding a small softmax model fitted on GoEmotions
 * (Apache-2.0). Deterministic, no I/O, linear in the number of tokens.
 */
import { defaultEngineState, type EngineState } from "./engine.ts";
import {
  getMessageModels,
  rowWeight,
  SENTIMENT_AT,
  SENTIMENT_OUTPUTS,
  type MessageModels,
  type ModelState,
} from "./message-models.ts";
import type { ValenceHit, ValenceResult } from "./sentiment-rules.ts";
import type { Role, SentimentResult, SentimentTerm } from "./types.ts";
import type { Token } from "./text/tokenize.ts";

const NEG = SENTIMENT_AT + SENTIMENT_OUTPUTS.indexOf("negative");
const NEU = SENTIMENT_AT + SENTIMENT_OUTPUTS.indexOf("neutral");
const POS = SENTIMENT_AT + SENTIMENT_OUTPUTS.indexOf("positive");
/** At most this many terms are reported, strongest first. */
const MAX_TERMS = 12;
/**
 * A detected sarcasm pattern ("great, another delay") moves this much log-odds from positive to
 * negative: the unigram model, fitted on mostly literal Reddit text, still sees "great".
 */
const SARCASM_SHIFT = 1.5;
/** Model-only terms smaller than this (logit difference) are not reported. */
const MIN_MODEL_TERM = 0.35;

/** Intermediate values other scorers reuse so the rule layer runs once per message. */
export interface SentimentDetail {
  result: SentimentResult;
  valence: ValenceResult;
  /** Class probabilities. */
  probabilities: { negative: number; neutral: number; positive: number };
}

/**
 * Scores the sentiment of one message.
 *
 * @param tokens `tokenize(text)`
 * @param text the message text the tokens came from (offsets refer to it)
 * @param role the writer; agents' apology and empathy words are not counted as negative
 * @example
 * const text = "The product is good but the support was awful";
 * scoreSentiment(tokenize(text), text, "customer").label; // "negative"
 */
export function scoreSentiment(
  tokens: Token[],
  text: string,
  role: Role = "customer",
  engine: EngineState = defaultEngineState(),
): SentimentResult {
  return scoreSentimentDetail(tokens, text, role, engine).result;
}

/** Like {@link scoreSentiment}, also returning the rule-layer values and class probabilities. */
export function scoreSentimentDetail(
  tokens: Token[],
  text: string,
  role: Role = "customer",
  engine: EngineState = defaultEngineState(),
): SentimentDetail {
  const m = getMessageModels(engine.models, tokens, role);
  const {
    negative: pNeg,
    neutral: pNeu,
    positive: pPos,
    label,
  } = decideSentiment(
    m.z[NEG] as number,
    m.z[NEU] as number,
    m.z[POS] as number,
    m.valence.sarcasm,
  );
  const score = clamp(pPos - pNeg);
  return {
    result: {
      score,
      label,
      terms: collectTerms(engine.models, tokens, text, m),
    },
    valence: m.valence,
    probabilities: { negative: pNeg, neutral: pNeu, positive: pPos },
  };
}

/**
 * Class probabilities and label from the sentiment model's linear scores, with the sarcasm shift.
 * Exported so validation scripts can score a refitted model through the same decision.
 */
export function decideSentiment(
  zNegIn: number,
  zNeu: number,
  zPosIn: number,
  sarcasm: boolean,
): { negative: number; neutral: number; positive: number; label: SentimentResult["label"] } {
  const shift = sarcasm ? SARCASM_SHIFT : 0;
  const zNeg = zNegIn + shift;
  const zPos = zPosIn - shift;
  const max = Math.max(zNeg, zNeu, zPos);
  const eNeg = Math.exp(zNeg - max);
  const eNeu = Math.exp(zNeu - max);
  const ePos = Math.exp(zPos - max);
  const total = eNeg + eNeu + ePos;
  const pNeg = eNeg / total;
  const pNeu = eNeu / total;
  const pPos = ePos / total;
  let label: SentimentResult["label"] = "neutral";
  if (pPos > pNeg && pPos > pNeu) label = "positive";
  else if (pNeg >= pPos && pNeg > pNeu) label = "negative";
  return { negative: pNeg, neutral: pNeu, positive: pPos, label };
}

function clamp(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return x < -1 ? -1 : x > 1 ? 1 : Math.round(x * 1000) / 1000;
}

function collectTerms(
  models: ModelState,
  tokens: Token[],
  text: string,
  m: MessageModels,
): SentimentTerm[] {
  const terms: SentimentTerm[] = [];
  const hits = m.valence.hits;
  const matched = m.matched;
  const rows = m.matchedRows;
  for (const h of hits) {
    if (h.weight === 0) continue;
    terms.push({
      text: text.slice(h.start, h.end),
      start: h.start,
      end: h.end,
      weight: round(h.weight / 5),
    });
  }
  // Model terms for tokens no lexicon hit covers. Hits and matches both run in token order, so one
  // merge walk finds coverage without allocating a set.
  let h = 0;
  for (let k = 0; k < matched.length; k++) {
    const i = matched[k] as number;
    while (h < hits.length && (hits[h] as ValenceHit).last < i) h++;
    const hit = hits[h];
    if (hit !== undefined && hit.first <= i && hit.weight !== 0) continue;
    const row = rows[k] as number;
    const diff = rowWeight(models, row, POS) - rowWeight(models, row, NEG);
    if (diff < MIN_MODEL_TERM && diff > -MIN_MODEL_TERM) continue;
    const t = tokens[i] as Token;
    terms.push({
      text: text.slice(t.start, t.end),
      start: t.start,
      end: t.end,
      weight: round(diff / 5),
    });
  }
  if (terms.length > 1) sortTerms(terms);
  if (terms.length > MAX_TERMS) terms.length = MAX_TERMS;
  return terms;
}

/**
 * Strongest first, then by position. Short lists use an insertion sort: stable like
 * Array.prototype.sort, so the order is the same, without a comparator call per step.
 */
function sortTerms(terms: SentimentTerm[]): void {
  if (terms.length > 32) {
    terms.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.start - b.start);
    return;
  }
  for (let i = 1; i < terms.length; i++) {
    const t = terms[i] as SentimentTerm;
    const w = Math.abs(t.weight);
    let j = i - 1;
    for (; j >= 0; j--) {
      const u = terms[j] as SentimentTerm;
      const uw = Math.abs(u.weight);
      if (uw > w || (uw === w && u.start <= t.start)) break;
      terms[j + 1] = u;
    }
    terms[j + 1] = t;
  }
}

function round(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return r < -1 ? -1 : r > 1 ? 1 : r;
}

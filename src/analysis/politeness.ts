/**
 * Politeness of one message in [-1, 1], from the request politeness strategies of
 * Danescu-Niculescu-Mizil et al. (ACL 2013): gratitude, deference, greeting, apologising, please
 * (and "please" as a bare opener), indirect "by the way", counterfactual/indicative modals, hedges,
 * first-person starts (polite) versus direct questions, direct starts, second-person starts,
 * factuality and negative lexicon (impolite); plus customer-service cues: blame ("you people"),
 * profanity, ALL CAPS shouting, bare imperatives at sentence start and repeated ?/! runs.
 *
 * Only courtesy counts, not the topic: a negative word in a sentence that addresses no one ("the
 * build fails with an error") weighs half, advice imperatives ("Try…", "See…") half a demand, and
 * a hedged second-person suggestion ("You could…") is not a second-person start.
 */
import markers from "./data/en/politeness-markers.json" with { type: "json" };
import { getMessageModels, SENTIMENT_AT, SENTIMENT_OUTPUTS } from "./message-models.ts";
import { defaultEngineState, type EngineState } from "./engine.ts";
import type { LexemeTable, Phrase } from "./lexeme.ts";
import type { Role } from "./types.ts";
import type { Token } from "./text/tokenize.ts";

const QUESTION_STARTS: ReadonlyMap<string, number> = new Map(
  Object.entries(markers.question_starts),
);
const DIRECT_STARTS: ReadonlySet<string> = new Set(markers.direct_starts);
const IMPERATIVES: ReadonlySet<string> = new Set(markers.imperatives);
const ADVICE_IMPERATIVES: ReadonlySet<string> = new Set(markers.advice_imperatives);
const HEDGING_MODALS: ReadonlySet<string> = new Set(markers.hedging_modals);
const FIRST_PERSON: ReadonlySet<string> = new Set(markers.first_person);
const SECOND_PERSON: ReadonlySet<string> = new Set(markers.second_person);
const GREETINGS: ReadonlySet<string> = new Set(markers.greetings);
const DEFERENCE: ReadonlySet<string> = new Set(markers.deference);
const PLEASE: ReadonlySet<string> = new Set(markers.please);
const POS = SENTIMENT_AT + SENTIMENT_OUTPUTS.indexOf("positive");
const NEG = SENTIMENT_AT + SENTIMENT_OUTPUTS.indexOf("negative");
/** Words skipped when finding a sentence's first content word ("Now fix it", "Just tell me"). */
const SENTENCE_LEAD: ReadonlySet<string> = new Set(markers.sentence_lead);

/** One engine's politeness phrases and the stamp of its current call. */
export interface PolitenessState {
  /** Every phrase list (lists sit on their head word's record). */
  lists: Phrase[][];
  /** Stamp of the current call, so a phrase fires once per message without a per-call Set. */
  callStamp: number;
}

/**
 * Puts the politeness phrases (indexed by first word, longest first), the second-person and the
 * "please" words on their records in `table` (while an engine is built).
 */
export function addPolitenessLexemes(table: LexemeTable): PolitenessState {
  const phrases = new Map<string, Phrase[]>();
  for (const [key, weight] of Object.entries(markers.phrases)) {
    const words = key.split(" ");
    const head = words[0] ?? "";
    const list = phrases.get(head) ?? [];
    list.push({ words, weight, key, stamp: 0 });
    list.sort((a, b) => b.words.length - a.words.length);
    phrases.set(head, list);
  }
  for (const [head, list] of phrases) table.add(head).phrases = list;
  for (const w of SECOND_PERSON) table.add(w).secondPerson = true;
  for (const w of PLEASE) table.add(w).please = true;
  return { lists: [...phrases.values()], callStamp: 0 };
}

/**
 * Scores how courteous and respectful the wording is.
 *
 * @example
 * const text = "Could you please check my order? Thanks!";
 * scorePoliteness(tokenize(text), "customer") > 0.5; // true
 */
export function scorePoliteness(
  tokens: Token[],
  role: Role = "customer",
  engine: EngineState = defaultEngineState(),
): number {
  const models = getMessageModels(engine.models, tokens, role);
  const valence = models.valence;
  let sum = 0;
  const state = engine.politeness;
  const stamp = (state.callStamp = state.callStamp >= 0x3fffffff ? 1 : state.callStamp + 1);
  if (stamp === 1) for (const list of state.lists) for (const p of list) p.stamp = 0;
  let words = 0;
  let capsWords = 0;
  let sentenceStart = true;
  let sentence = -1;
  let sentenceHasPlease = false;
  let emphaticRuns = 0;
  let wordIndexInMessage = 0;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.sentence !== sentence) {
      sentence = t.sentence;
      sentenceStart = true;
      sentenceHasPlease = sentenceContainsPlease(tokens, i);
    }
    if (t.kind === "punct") {
      if (t.text.length >= 2 && (t.norm[0] === "?" || t.norm[0] === "!")) emphaticRuns++;
      continue;
    }
    if (t.kind !== "word") continue;
    words++;
    wordIndexInMessage++;
    if (t.caps && t.text.length >= 3) capsWords++;
    const norm = t.norm;

    if (sentenceStart && !SENTENCE_LEAD.has(norm)) {
      sentenceStart = false;
      const question = QUESTION_STARTS.get(norm);
      if (question !== undefined && (norm === "why" || sentenceEndsWithQuestion(tokens, i)))
        sum += 1.5 * question;
      else if (DIRECT_STARTS.has(norm)) sum -= 0.35;
      else if (SECOND_PERSON.has(norm)) {
        if (!HEDGING_MODALS.has(tokens[i + 1]?.norm ?? "")) sum -= 0.45;
      } else if (FIRST_PERSON.has(norm)) sum += 0.3;
      else if (DEFERENCE.has(norm)) sum += 0.5;
      else if (IMPERATIVES.has(norm) && !isQuestionNotOrder(tokens, i))
        sum -= sentenceHasPlease ? 0.15 : ADVICE_IMPERATIVES.has(norm) ? 0.4 : 0.8;
      else if (PLEASE.has(norm)) sum -= 0.1; // "please start" is a mild imposition (paper: slightly impolite)
    }

    const list = t.lex?.phrases;
    if (list === undefined) continue;
    for (const p of list) {
      if (!matches(tokens, i, p.words)) continue;
      if (p.stamp !== stamp) {
        p.stamp = stamp;
        // Greetings count only at the opening of a message.
        if (GREETINGS.has(p.key) && wordIndexInMessage > 3) break;
        // "please" as the very first word is an order in disguise; handled above.
        if (PLEASE.has(p.key) && i === firstWordIndex(tokens)) break;
        // Impolite markers weigh 1.5× (face threats outweigh courtesies, Brown & Levinson 1987).
        sum += p.weight < 0 ? 1.5 * p.weight : p.weight;
      }
      i += p.words.length - 1;
      break;
    }
  }

  // Shouting: most words in capitals. A lone capitalised word is usually an acronym ("API", "PIN",
  // "SMS"), not a raised voice, so it no longer costs anything (politeness dev: both the Wikipedia
  // and the Stack Exchange part ranked better without that penalty).
  if (capsWords >= 2 && capsWords / Math.max(words, 1) >= 0.5) sum -= 1.2;
  sum -= Math.min(emphaticRuns, 3) * 0.35;

  // Positive and negative lexicon strategies (paper), via the sentiment rule layer. A negative
  // word threatens face when the sentence addresses someone; about things or oneself ("the build
  // fails with an error", "I'm confused") it is the topic, not rudeness, and weighs half.
  let pos = 0;
  let neg = 0;
  let hitSentence = -1;
  let addressed = false;
  for (const h of valence.hits) {
    if (h.weight > 0) {
      pos += h.weight;
      continue;
    }
    const s = (tokens[h.first] as Token).sentence;
    if (s !== hitSentence) {
      hitSentence = s;
      addressed = sentenceAddressesSomeone(tokens, h.first);
    }
    neg -= addressed ? h.weight : 0.5 * h.weight;
  }
  // Positive words are discounted: gratitude and praise already count as strategies above.
  sum += 0.22 * Math.log1p(pos) - 0.45 * Math.log1p(neg);
  // The fitted sentiment model's polarity catches tone the lexicons miss.
  sum += 0.5 * Math.tanh(((models.z[POS] as number) - (models.z[NEG] as number)) / 2);
  const score = Math.tanh(sum / 2);
  return Number.isFinite(score) ? Math.round(score * 1000) / 1000 : 0;
}

function matches(tokens: Token[], i: number, words: string[]): boolean {
  const head = tokens[i] as Token;
  for (let k = 1; k < words.length; k++) {
    const t = tokens[i + k];
    if (t === undefined || t.norm !== words[k] || t.sentence !== head.sentence) return false;
  }
  return true;
}

function firstWordIndex(tokens: Token[]): number {
  for (let i = 0; i < tokens.length; i++) if ((tokens[i] as Token).kind === "word") return i;
  return -1;
}

function sentenceContainsPlease(tokens: Token[], from: number): boolean {
  const s = (tokens[from] as Token).sentence;
  for (let i = from; i < tokens.length && (tokens[i] as Token).sentence === s; i++) {
    if ((tokens[i] as Token).lex?.please === true) return true;
  }
  return false;
}

function sentenceEndsWithQuestion(tokens: Token[], from: number): boolean {
  const s = (tokens[from] as Token).sentence;
  let last: Token | undefined;
  for (let i = from; i < tokens.length && (tokens[i] as Token).sentence === s; i++)
    last = tokens[i];
  return last !== undefined && last.kind === "punct" && last.norm.includes("?");
}

/**
 * "Do you know…?", "Do the logs show…?", "Check you have…?": a question, not an order. A question
 * opened by "do" is the auxiliary of a yes/no question whatever its subject.
 */
function isQuestionNotOrder(tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined || !sentenceEndsWithQuestion(tokens, i)) return false;
  return (
    (tokens[i] as Token).norm === "do" ||
    next.norm === "you" ||
    next.norm === "we" ||
    next.norm === "i"
  );
}

/** The sentence around token `at` holds a second-person word. */
function sentenceAddressesSomeone(tokens: Token[], at: number): boolean {
  const s = (tokens[at] as Token).sentence;
  for (let i = at; i >= 0 && (tokens[i] as Token).sentence === s; i--)
    if ((tokens[i] as Token).lex?.secondPerson === true) return true;
  for (let i = at + 1; i < tokens.length && (tokens[i] as Token).sentence === s; i++)
    if ((tokens[i] as Token).lex?.secondPerson === true) return true;
  return false;
}

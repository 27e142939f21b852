/**
 * Service-failure grammar: how customers report that the service let them down, in few classic
 * emotion words. Four constructions, each a combination of closed word classes
 * (data/en/service-failure.json) within one sentence, never a listed sentence:
 *
 * 1. an EVENT: a failure word not negated ("my flight was cancelled", "charged twice"), an expected
 *    event negated or absent ("never arrived", "hasn't been refunded", "no answer"), waiting with a
 *    duration or after still/been ("on hold for 2 hours", "still waiting"), a repetition ("third
 *    time I call", "called 5 times");
 * 2. DURATION and REPETITION in the event's sentence make it heavier ("delayed again", "lost my bag
 *    3 weeks ago");
 * 3. being MISLED, or a PROMISE in a sentence that also holds a failure, negation or contrast;
 * 4. a VOW not to return ("I will never book with you again", "won't be flying with them").
 *
 * Ambiguous failure words without a service TARGET in the sentence weigh half ("I lost the game");
 * events after a conditional ("if it doesn't arrive") and events in yes/no questions ("Has my
 * flight been cancelled?") are not reported or weigh half. Customers only: an agent's "if you
 * didn't receive it" is an instruction. One pass over the tokens, and only for messages holding a
 * word of these classes.
 */
import type { ValenceHit } from "./sentiment-rules.ts";
import type { Token } from "./text/tokenize.ts";
import {
  FAILURE,
  GLUE,
  MAX_GLUE,
  MISLED,
  MONEY,
  MONEY_ERROR,
  ORDINAL,
  PROMISE,
  QUANTITY,
  SUCCESS,
  TRIGGER,
  UNIT,
  VOW_LOST,
  VOW_NEG,
  VOW_TARGET,
  VOW_VERB,
  VOW_VETO,
  WAITING,
  WAITING_LEAD,
  describeSentence,
  durationAt,
  flagsOf,
  negatorBefore,
  type Sentence,
} from "./service-failure-words.ts";

/** Valences on the rule layer's AFINN scale (about -5..5). Round, hand-set magnitudes. */
const W_EVENT = -2;
const W_MISLED = -2.5;
const W_PROMISE = -2;
const W_VOW = -3;
/** Duration or repetition in the event's sentence. */
const HEAVIER = 1.5;
/** An ambiguous failure word with no service target in its sentence; a yes/no question. */
const WEAKER = 0.5;

export type ServiceFailureKind = "event" | "wait" | "repetition" | "misled" | "promise" | "vow";

/** One construction that matched, spanning tokens [first, last]. */
export interface ServiceFailureHit {
  kind: ServiceFailureKind;
  first: number;
  last: number;
  start: number;
  end: number;
  /** Valence on the AFINN scale (negative). */
  weight: number;
}

/**
 * The service-failure constructions of a customer message, in token order.
 *
 * @example
 * const text = "Been on hold for 2 hours, still no answer";
 * detectServiceFailure(tokenize(text)).map((h) => text.slice(h.start, h.end));
 * // ["on hold for 2 hours", "no answer"]
 */
export function detectServiceFailure(tokens: readonly Token[]): ServiceFailureHit[] {
  let any = false;
  for (let i = 0; i < tokens.length; i++) {
    if ((flagsOf(tokens[i]) & TRIGGER) !== 0) {
      any = true;
      break;
    }
  }
  if (!any) return [];
  const hits: ServiceFailureHit[] = [];
  let from = 0;
  while (from < tokens.length) {
    const sentence = (tokens[from] as Token).sentence;
    let to = from;
    while (to + 1 < tokens.length && (tokens[to + 1] as Token).sentence === sentence) to++;
    matchSentence(tokens, describeSentence(tokens, from, to), hits);
    from = to + 1;
  }
  return hits;
}

function push(
  hits: ServiceFailureHit[],
  tokens: readonly Token[],
  kind: ServiceFailureKind,
  first: number,
  last: number,
  weight: number,
): void {
  const prev = hits[hits.length - 1];
  // Overlapping constructions ("still waiting" inside "still waiting for 3 weeks") count once.
  if (prev !== undefined && first <= prev.last) {
    if (last > prev.last) {
      prev.last = last;
      prev.end = (tokens[last] as Token).end;
    }
    if (weight < prev.weight) prev.weight = weight;
    return;
  }
  const a = tokens[first] as Token;
  const b = tokens[last] as Token;
  hits.push({ kind, first, last, start: a.start, end: b.end, weight });
}

function matchSentence(tokens: readonly Token[], s: Sentence, hits: ServiceFailureHit[]): void {
  const scale = (s.heavier ? HEAVIER : 1) * (s.question ? WEAKER : 1);
  const end = Math.min(s.to, s.conditionalAt - 1);
  for (let i = s.from; i <= end; i++) {
    const t = tokens[i] as Token;
    const f = flagsOf(t);
    if ((f & TRIGGER) === 0 && (f & QUANTITY) === 0) continue;

    if ((f & VOW_NEG) !== 0) {
      const last = matchVow(tokens, i, s.to);
      if (last >= 0) {
        push(hits, tokens, "vow", i, last, W_VOW);
        i = last;
        continue;
      }
    }
    if (t.norm === "never" && tokens[i + 1]?.norm === "again" && i + 1 <= s.to) {
      push(hits, tokens, "vow", i, i + 1, W_VOW);
      i++;
      continue;
    }
    if (t.norm === "last" && tokens[i + 1]?.norm === "time") {
      // "the last time I order from you": "last time" + I/we + a patronage verb.
      const who = tokens[i + 2]?.norm;
      const verb = tokens[i + 3];
      if ((who === "i" || who === "we") && i + 3 <= s.to && (flagsOf(verb) & VOW_VERB) !== 0) {
        push(hits, tokens, "vow", i, i + 3, W_VOW);
        i += 3;
        continue;
      }
    }
    if ((f & FAILURE) !== 0 && t.norm === "lost") {
      const obj = tokens[i + 2] ?? tokens[i + 1];
      const next = tokens[i + 1];
      const lostCustomer =
        ((flagsOf(next) & VOW_LOST) !== 0 || (flagsOf(obj) & VOW_LOST) !== 0) &&
        (next?.sentence ?? -1) === t.sentence;
      if (lostCustomer) {
        const last = (flagsOf(next) & VOW_LOST) !== 0 ? i + 1 : i + 2;
        push(hits, tokens, "vow", i, last, W_VOW);
        i = last;
        continue;
      }
    }
    if ((f & MISLED) !== 0) {
      if (negatorBefore(tokens, i) < 0) push(hits, tokens, "misled", i, i, W_MISLED * scale);
      continue;
    }
    if ((f & PROMISE) !== 0) {
      if (s.breach || s.heavier) push(hits, tokens, "promise", i, i, W_PROMISE * scale);
      continue;
    }
    if ((f & WAITING) !== 0) {
      const last = matchWait(tokens, i, s);
      if (last >= 0) {
        const durationBefore =
          i - 2 >= s.from &&
          (flagsOf(tokens[i - 1]) & UNIT) !== 0 &&
          durationAt(tokens, i - 2) === i - 1;
        const lead = durationBefore
          ? i - 2
          : i > s.from && (flagsOf(tokens[i - 1]) & WAITING_LEAD) !== 0
            ? i - 1
            : i;
        push(hits, tokens, "wait", lead, last, W_EVENT * HEAVIER * (s.question ? WEAKER : 1));
        i = last;
        continue;
      }
    }
    if (
      (f & ORDINAL) !== 0 &&
      tokens[i + 1]?.norm === "time" &&
      tokens[i + 1]?.sentence === t.sentence
    ) {
      push(hits, tokens, "repetition", i, i + 1, W_EVENT * (s.question ? WEAKER : 1));
      i++;
      continue;
    }
    if ((f & QUANTITY) !== 0 && tokens[i + 1]?.norm === "times" && i > s.from) {
      // "called 5 times", "several times": a repetition when a verb of contact or failure precedes.
      const before = flagsOf(tokens[i - 1]);
      if ((before & (SUCCESS | FAILURE | WAITING)) !== 0 || tokens[i - 1]?.norm === "called") {
        push(hits, tokens, "repetition", i - 1, i + 1, W_EVENT * (s.question ? WEAKER : 1));
        i++;
        continue;
      }
    }
    if ((f & MONEY) !== 0) {
      const next = tokens[i + 1];
      const prev = i > s.from ? tokens[i - 1] : undefined;
      if (
        next !== undefined &&
        next.sentence === t.sentence &&
        (flagsOf(next) & MONEY_ERROR) !== 0
      ) {
        push(hits, tokens, "event", i, i + 1, W_EVENT * scale);
        i++;
        continue;
      }
      if (prev !== undefined && (flagsOf(prev) & MONEY_ERROR) !== 0) {
        push(hits, tokens, "event", i - 1, i, W_EVENT * scale);
        continue;
      }
    }
    if ((f & FAILURE) !== 0) {
      if (negatorBefore(tokens, i) >= 0) continue;
      const w = W_EVENT * scale * (s.target ? 1 : WEAKER);
      push(hits, tokens, "event", i, i, w);
      continue;
    }
    if ((f & SUCCESS) !== 0) {
      const neg = negatorBefore(tokens, i);
      if (neg < 0) continue;
      // "hasn't my refund arrived": extend over glue to a further expected-event word.
      let last = i;
      for (let k = i + 1; k <= Math.min(end, i + MAX_GLUE); k++) {
        const g = flagsOf(tokens[k]);
        if ((g & SUCCESS) !== 0) last = k;
        else if ((g & GLUE) === 0) break;
      }
      push(hits, tokens, "event", neg, last, W_EVENT * scale);
      i = last;
    }
  }
}

/** "on hold for 2 hours", "still waiting", "waited 3 weeks": last token, or -1. */
function matchWait(tokens: readonly Token[], i: number, s: Sentence): number {
  const t = tokens[i] as Token;
  const prev = i > s.from ? (tokens[i - 1] as Token) : undefined;
  const isHoldOrQueue = t.norm === "hold" || t.norm === "queue";
  // A duration just before it: "3 weeks waiting", "a 48 minute hold".
  if (
    i - 2 >= s.from &&
    (flagsOf(tokens[i - 1]) & UNIT) !== 0 &&
    durationAt(tokens, i - 2) === i - 1
  )
    return i;
  if (isHoldOrQueue && prev?.norm !== "on" && prev?.norm !== "in" && prev?.norm !== "the")
    return -1;
  // A duration within the next five tokens of the same sentence ("waiting for over 3 weeks").
  for (let k = i + 1; k <= Math.min(s.to, i + 5); k++) {
    const last = durationAt(tokens, k);
    if (last >= 0) return last;
  }
  if (isHoldOrQueue) return i;
  // "still waiting", "been waiting", "kept waiting": a lead word, not "can't wait".
  const lead = prev !== undefined ? flagsOf(prev) : 0;
  if (
    (lead & WAITING_LEAD) !== 0 &&
    prev?.norm !== "on" &&
    prev?.norm !== "in" &&
    t.norm !== "wait"
  )
    return i;
  return -1;
}

/**
 * A vow starting at negator i: "never <verb> … <target|again>" within the sentence, with no veto
 * word ("another", "else") in between. Returns the last token, or -1.
 */
function matchVow(tokens: readonly Token[], i: number, to: number): number {
  const neg = tokens[i] as Token;
  // "ever" only as "never ever"; "not" only in "will not" / "won't be".
  if (neg.norm === "ever") return -1;
  if (neg.norm === "not" && tokens[i - 1]?.norm !== "will") return -1;
  let verb = -1;
  for (let k = i + 1; k <= Math.min(to, i + 3); k++) {
    const f = flagsOf(tokens[k]);
    if ((f & VOW_VETO) !== 0) return -1;
    if ((f & VOW_VERB) !== 0) {
      verb = k;
      break;
    }
  }
  if (verb < 0) return -1;
  // "never go wrong", "never use the app without problems": a target must follow.
  for (let k = verb + 1; k <= Math.min(to, verb + 5); k++) {
    const f = flagsOf(tokens[k]);
    if ((f & VOW_VETO) !== 0) return -1;
    if ((f & VOW_TARGET) !== 0) {
      // Extend over a trailing "again" ("book with you again").
      const next = tokens[k + 1];
      return next !== undefined && k + 1 <= to && next.norm === "again" ? k + 1 : k;
    }
  }
  return -1;
}

/**
 * Folds service-failure constructions into the token-ordered hits: a construction replaces the
 * hits inside its span ("still waiting" as an idiom inside "still waiting for 3 weeks") and keeps
 * the more negative of its valence and theirs. Returns a new token-ordered list.
 */
export function mergeFailures(hits: ValenceHit[], failures: ServiceFailureHit[]): ValenceHit[] {
  const out: ValenceHit[] = [];
  let h = 0;
  for (const f of failures) {
    while (h < hits.length && (hits[h] as ValenceHit).first < f.first)
      out.push(hits[h++] as ValenceHit);
    let inside = 0;
    while (h < hits.length && (hits[h] as ValenceHit).last <= f.last)
      inside += (hits[h++] as ValenceHit).weight;
    out.push({
      first: f.first,
      last: f.last,
      start: f.start,
      end: f.end,
      weight: Math.min(f.weight, inside),
    });
  }
  while (h < hits.length) out.push(hits[h++] as ValenceHit);
  return out;
}

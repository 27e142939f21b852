/**
 * How a customer turn judges the agent's previous reply: acceptance ("perfect, thanks", "book it")
 * versus repair and pushback ("that's not what I asked", "I already said", "no, something else"),
 * plus what the judged agent turn itself did (an apology or "no results" reply rarely satisfies;
 * a completed booking usually does). Used for per-turn satisfaction.
 */
import cues from "./data/en/sentiment-feedback.json" with { type: "json" };
import { defaultEngineState, type EngineState } from "./engine.ts";
import { tokenize, type Token } from "./text/tokenize.ts";
import type { SentimentDetail } from "./sentiment.ts";

interface Cue {
  words: string[];
  weight: number;
}

function compile(entries: [string, number][]): Map<string, Cue[]> {
  const map = new Map<string, Cue[]>();
  for (const [phrase, weight] of entries) {
    const words = phrase.replace("?", " ?").split(" ");
    const head = words[0] ?? "";
    const list = map.get(head) ?? [];
    list.push({ words, weight });
    list.sort((a, b) => b.words.length - a.words.length);
    map.set(head, list);
  }
  return map;
}

const CUSTOMER_CUES = compile(Object.entries(cues.phrases));
const AGENT_CUES = compile([
  ...cues.agent_failure.map((p): [string, number] => [p, 1]),
  ...cues.agent_success.map((p): [string, number] => [p, -1]),
]);

/** Sums positive and negative cue weights; each phrase is matched greedily, longest first. */
function sumCues(tokens: Token[], cueMap: Map<string, Cue[]>): { push: number; accept: number } {
  let push = 0;
  let accept = 0;
  for (let i = 0; i < tokens.length; i++) {
    const list = cueMap.get((tokens[i] as Token).norm);
    if (list === undefined) continue;
    for (const cue of list) {
      let ok = true;
      for (let k = 1; k < cue.words.length; k++) {
        if (tokens[i + k]?.norm !== cue.words[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (cue.weight > 0) push += cue.weight;
      else accept -= cue.weight;
      i += cue.words.length - 1;
      break;
    }
  }
  return { push, accept };
}

export interface TurnFeedback {
  /** Satisfaction with the previous agent turn in [-1, 1] (higher = more satisfied). */
  score: number;
  /** Strength of pushback on the previous agent turn, 0..1. */
  dissatisfaction: number;
}

/**
 * Scores a customer turn as feedback on the agent turn before it.
 *
 * @param detail `scoreSentimentDetail` of the same tokens
 * @param previousAgentText the agent turn being judged, when known
 * @example
 * const text = "No, that's not what I asked for";
 * const tokens = tokenize(text);
 * scoreTurnFeedback(tokens, scoreSentimentDetail(tokens, text)).dissatisfaction > 0.5; // true
 */
export function scoreTurnFeedback(
  tokens: Token[],
  detail: SentimentDetail,
  previousAgentText = "",
  engine: EngineState = defaultEngineState(),
): TurnFeedback {
  const { push, accept } = sumCues(tokens, CUSTOMER_CUES);
  let agent = 0;
  if (previousAgentText.length > 0) {
    const a = sumCues(tokenize(previousAgentText, engine.words), AGENT_CUES);
    agent = Math.tanh(a.push) - Math.tanh(a.accept);
  }
  const dissatisfaction = Math.min(1, push);
  const s = detail.result.score;
  const raw = 0.6 * s + 0.5 * Math.tanh(accept) - 0.8 * Math.tanh(push) - 0.3 * agent;
  const score = Math.max(-1, Math.min(1, raw));
  return {
    score: Number.isFinite(score) ? Math.round(score * 1000) / 1000 : 0,
    dissatisfaction: Number.isFinite(dissatisfaction)
      ? Math.round(dissatisfaction * 1000) / 1000
      : 0,
  };
}

/**
 * How a customer turn judges the agent's previous reply: acceptance ("perfect, thanks", "book it")
 * versus repair and pushback ("that's not what I asked", "I already said", "no, something else").
 * Used for per-turn satisfaction and as a conversation-level satisfaction driver.
 */
import cues from "./data/en/sentiment-feedback.json" with { type: "json" };
import type { SentimentDetail } from "./sentiment.ts";
import type { Token } from "./text/tokenize.ts";

interface Cue {
  words: string[];
  weight: number;
}
const CUES = new Map<string, Cue[]>();
for (const [phrase, weight] of Object.entries(cues.phrases)) {
  const words = phrase.replace("?", " ?").split(" ");
  const head = words[0] ?? "";
  const list = CUES.get(head) ?? [];
  list.push({ words, weight });
  list.sort((a, b) => b.words.length - a.words.length);
  CUES.set(head, list);
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
 * @param previousAgentText the agent turn being judged, when known (a customer repeating the
 *   agent's own words back is usually correcting it)
 * @example
 * const text = "No, that's not what I asked for";
 * const tokens = tokenize(text);
 * scoreTurnFeedback(tokens, text, scoreSentimentDetail(tokens, text)).dissatisfaction > 0.5; // true
 */
export function scoreTurnFeedback(
  tokens: Token[],
  text: string,
  detail: SentimentDetail,
  previousAgentText = "",
): TurnFeedback {
  void text;
  void previousAgentText;
  let push = 0;
  let accept = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const list = CUES.get(t.norm);
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
  const dissatisfaction = Math.min(1, push);
  const s = detail.result.score;
  const raw = 0.6 * s + 0.5 * Math.tanh(accept) - 0.8 * Math.tanh(push);
  const score = Math.max(-1, Math.min(1, raw));
  return {
    score: Number.isFinite(score) ? Math.round(score * 1000) / 1000 : 0,
    dissatisfaction: Number.isFinite(dissatisfaction) ? Math.round(dissatisfaction * 1000) / 1000 : 0,
  };
}

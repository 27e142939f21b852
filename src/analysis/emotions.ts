/**
 * Emotion intensities (0..1) for the eight customer-service emotions, from a one-vs-rest logistic
 * model fitted on GoEmotions train (Apache-2.0; label mapping in scripts/train-analysis.ts) over the
 * sentiment rule layer and unigrams, then tempered by the message's overall sentiment so that an
 * emotion cannot contradict the polarity (no delight in a clearly negative message).
 */
import { defaultEngineState, type EngineState } from "./engine.ts";
import { EMOTIONS_AT, EMOTION_OUTPUTS, getMessageModels, sigmoid } from "./message-models.ts";
import { EMOTION_NAMES, type EmotionName, type SentimentResult } from "./types.ts";
import type { Token } from "./text/tokenize.ts";

const INDEX = EMOTION_NAMES.map((e) => EMOTIONS_AT + EMOTION_OUTPUTS.indexOf(e));
const NEGATIVE: ReadonlySet<EmotionName> = new Set([
  "anger",
  "frustration",
  "disappointment",
  "anxiety",
]);
const POSITIVE: ReadonlySet<EmotionName> = new Set(["satisfaction", "gratitude", "delight"]);
/** NEGATIVE / POSITIVE membership by EMOTION_NAMES index (no Set lookups per message). */
const IS_NEGATIVE = EMOTION_NAMES.map((e) => NEGATIVE.has(e));
const IS_POSITIVE = EMOTION_NAMES.map((e) => POSITIVE.has(e));
/**
 * The model is trained with up-weighted positives, so raw probabilities run high; intensities are
 * shifted so that a message with no evidence scores near 0.
 */
const FLOOR = 0.2;
/**
 * Below this linear score the intensity is 0 whatever the sentiment (sigmoid(-1.39) ≈ 0.1994 <
 * FLOOR, and the sentiment tempering only scales by a positive factor), so Math.exp is skipped. Set
 * a little under the exact bound ln(0.25) ≈ -1.3863 so rounding cannot change a result.
 */
const Z_ZERO = -1.39;

/**
 * Scores emotion intensity for one message.
 *
 * @param sentiment the message's sentiment (keeps emotions consistent with polarity)
 * @example
 * const text = "Thank you so much, that fixed it!";
 * const e = scoreEmotions(tokenize(text), scoreSentiment(tokenize(text), text));
 * e.gratitude > 0.5; // true
 */
export function scoreEmotions(
  tokens: Token[],
  sentiment: SentimentResult,
  engine: EngineState = defaultEngineState(),
): Record<EmotionName, number> {
  const out = {} as Record<EmotionName, number>;
  if (tokens.length === 0) {
    for (const e of EMOTION_NAMES) out[e] = 0;
    return out;
  }
  const z = getMessageModels(engine.models, tokens).z;
  const s = Number.isFinite(sentiment.score) ? sentiment.score : 0;
  for (let k = 0; k < EMOTION_NAMES.length; k++) {
    const e = EMOTION_NAMES[k] as EmotionName;
    const zk = z[INDEX[k] as number] as number;
    if (zk < Z_ZERO) {
      out[e] = 0;
      continue;
    }
    let v = (sigmoid(zk) - FLOOR) / (1 - FLOOR);
    if (IS_NEGATIVE[k] === true && s > 0.3) v *= 1 - (s - 0.3);
    if (IS_POSITIVE[k] === true && s < -0.3) v *= 1 + (s + 0.3);
    out[e] = v <= 0 || !Number.isFinite(v) ? 0 : v >= 1 ? 1 : Math.round(v * 1000) / 1000;
  }
  return out;
}

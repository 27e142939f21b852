/**
 * The stored form of the contact-reason model and the assigner built from it. The vocabulary's IDF
 * is stored once per org; each reason stores its own top term weights, so merging, splitting and
 * pinning reasons edit the model directly and survive re-clustering (docs/insights.md).
 */
import { textTerms, type TopicModel } from "../../analysis/topics/index.ts";

/** Terms kept per reason: enough for the assignment to agree with the full model on nearly all. */
export const TERMS_PER_REASON = 400;

/** A topic's column of the fitted model as its top term weights, unit length. */
export function topicWeights(model: TopicModel, topic: number): Record<string, number> {
  const scored: Array<[string, number]> = model.terms.map((t, i) => [
    t,
    model.weights[i * model.k + topic] ?? 0,
  ]);
  scored.sort((a, b) => b[1] - a[1]);
  return normalise(Object.fromEntries(scored.slice(0, TERMS_PER_REASON).filter(([, w]) => w > 0)));
}

export function normalise(weights: Record<string, number>): Record<string, number> {
  const norm = Math.sqrt(Object.values(weights).reduce((s, w) => s + w * w, 0)) || 1;
  return Object.fromEntries(Object.entries(weights).map(([t, w]) => [t, w / norm]));
}

/** The average direction of several reasons' weights (a merge), cut to the top terms. */
export function blendWeights(parts: Record<string, number>[]): Record<string, number> {
  const sum = new Map<string, number>();
  for (const p of parts) for (const [t, w] of Object.entries(p)) sum.set(t, (sum.get(t) ?? 0) + w);
  const top = [...sum].sort((a, b) => b[1] - a[1]).slice(0, TERMS_PER_REASON);
  return normalise(Object.fromEntries(top));
}

export interface ReasonWeights {
  id: string;
  weights: Record<string, number>;
}

/**
 * Builds the assigner: text → reason id, or null when the text shares no term with any reason.
 * An inverted index (term → reasons) makes each call proportional to the text's terms, a few
 * microseconds for a chat message.
 */
export function createReasonAssigner(
  idf: Record<string, number>,
  reasons: ReasonWeights[],
): (text: string) => string | null {
  const postings = new Map<string, Array<[number, number]>>();
  reasons.forEach((r, i) => {
    for (const [t, w] of Object.entries(r.weights)) {
      const list = postings.get(t) ?? [];
      list.push([i, w]);
      postings.set(t, list);
    }
  });
  const scores = new Float64Array(reasons.length);
  const idfOf = new Map(Object.entries(idf));
  return (text) => {
    const tf = new Map<string, number>();
    for (const t of textTerms(text)) if (idfOf.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
    if (tf.size === 0) return null;
    scores.fill(0);
    let any = false;
    for (const [t, n] of tf) {
      const list = postings.get(t);
      if (!list) continue;
      const x = (1 + Math.log(n)) * (idfOf.get(t) ?? 0) * (t.includes(" ") ? 0.5 : 1);
      for (const [i, w] of list) scores[i] = scores[i]! + x * w;
      any = true;
    }
    if (!any) return null;
    let best = 0;
    for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
    return reasons[best]?.id ?? null;
  };
}

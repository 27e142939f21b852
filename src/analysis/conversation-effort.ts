/**
 * Repetition: a customer message that restates an earlier one ("I said my order hasn't arrived"),
 * a core driver of customer effort (Dixon et al. 2010). Compared on content-word sets, so word order
 * and filler do not matter; cost per message is linear in earlier customer messages.
 */
import effort from "./data/en/conversation-effort.json" with { type: "json" };
import type { Token } from "./text/tokenize.ts";

/** Function words ignored when comparing messages (data/en/conversation-effort.json). */
const STOPWORDS: ReadonlySet<string> = new Set(effort.stopwords);
/** Messages with fewer content words than this are too short to call a restatement. */
const MIN_KEYS = 3;
/** Jaccard similarity at or above which a message restates an earlier one. */
const JACCARD = 0.6;
/** Share of the shorter message found in the longer at or above which it restates it. */
const CONTAINMENT = 0.8;
const MIN_KEYS_CONTAINMENT = 4;

/** The content-word set of a message. */
export function contentKeys(tokens: readonly Token[]): Set<string> {
  const keys = new Set<string>();
  for (const t of tokens) {
    if ((t.kind === "word" || t.kind === "number") && t.norm.length >= 3 && !STOPWORDS.has(t.norm))
      keys.add(t.norm);
  }
  return keys;
}

/** Whether `keys` restates any of the earlier customer messages' keys. */
export function isRepetition(
  keys: ReadonlySet<string>,
  earlier: readonly ReadonlySet<string>[],
): boolean {
  if (keys.size < MIN_KEYS) return false;
  for (const prev of earlier) {
    if (prev.size < MIN_KEYS) continue;
    const [small, large] = prev.size < keys.size ? [prev, keys] : [keys, prev];
    let shared = 0;
    for (const k of small) if (large.has(k)) shared++;
    if (shared === 0) continue;
    const union = keys.size + prev.size - shared;
    if (shared / union >= JACCARD) return true;
    if (small.size >= MIN_KEYS_CONTAINMENT && shared / small.size >= CONTAINMENT) return true;
  }
  return false;
}

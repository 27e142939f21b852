/**
 * Handoff quality: did the customer have to repeat to the person what they had told the bot?
 * Two measures, either is enough: text overlap (the share of a post-handoff customer message's
 * content words already said before the handoff) and the engine's repeat-contact cue ("as I
 * said", "I already told you") on a post-handoff customer message. Pure: no I/O.
 */

/** Short function words carry no content: overlap on them would flag every reply as a repeat. */
const STOP_WORDS = new Set(
  (
    "the and for are but not you your yours with this that have has had was were will would can " +
    "could should there their they them then than what when where which who whom why how all any " +
    "just about into from out our ours its it's i'm i've i'd don't didn't can't won't been being " +
    "does did doing also very too yes yeah okay thanks thank please hello hi hey sure some more " +
    "need want like get got one two here now still again"
  ).split(" "),
);

/** A post-handoff message needs this many content words to count as a possible repeat. */
const MIN_WORDS = 3;
/** Share of a message's content words said before from which it counts as a repeat. */
export const REPEAT_OVERLAP = 0.6;

/** Lower-cased words of three or more letters or digits, function words left out. */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu) ?? [];
  return new Set(words.filter((w) => w.length >= 3 && !STOP_WORDS.has(w)));
}

/** Share of `later`'s content words found in `earlier` (0–1); 0 when `later` is too short to judge. */
export function overlapShare(later: Set<string>, earlier: Set<string>): number {
  if (later.size < MIN_WORDS) return 0;
  let shared = 0;
  for (const w of later) if (earlier.has(w)) shared++;
  return shared / later.size;
}

export interface CustomerLine {
  seq: number;
  text: string;
  signals: readonly string[];
}

export interface HandoffMeasure {
  /** Highest overlap of a post-handoff customer message with everything said before (0–1). */
  overlap: number;
  /** A post-handoff customer message carried the engine's repeat_contact cue. */
  repeatCue: boolean;
  repeated: boolean;
  /** The customer wrote after the handoff (else there is nothing to judge). */
  judged: boolean;
}

export function measureHandoff(lines: readonly CustomerLine[], handoffSeq: number): HandoffMeasure {
  const before = new Set<string>();
  for (const l of lines)
    if (l.seq <= handoffSeq) for (const w of contentWords(l.text)) before.add(w);
  const after = lines.filter((l) => l.seq > handoffSeq);
  let overlap = 0;
  for (const l of after) overlap = Math.max(overlap, overlapShare(contentWords(l.text), before));
  const repeatCue = after.some((l) => l.signals.includes("repeat_contact"));
  return {
    overlap: Math.round(overlap * 1000) / 1000,
    repeatCue,
    repeated: repeatCue || overlap >= REPEAT_OVERLAP,
    judged: after.length > 0,
  };
}

/** The median of the values (null for none). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

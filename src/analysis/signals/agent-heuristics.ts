/**
 * Agent-side signals that need more than a phrase list: jargon (unexplained acronyms), scripted
 * replies (stock-phrase coverage and unfilled template placeholders) and promise due dates.
 */
import rules from "../data/en/signals-rules.json" with { type: "json" };
import type { Token } from "../text/tokenize.ts";
import type { SignalHit } from "./combine.ts";

/** Capitalised short words that are everyday English, not jargon (data/en/signals-rules.json). */
const COMMON_ACRONYMS: ReadonlySet<string> = new Set(rules.common_acronyms);
const ACRONYM_WEIGHT = 0.3;
/** Shouting is not jargon: ignore acronyms when a third or more of the words are in capitals. */
const CAPS_SHARE_LIMIT = 0.3;

/** Unfilled template fields: "{{Order Number}}", "[Customer Name]", "<name>", "%FIRST_NAME%". */
const PLACEHOLDER =
  /\{\{[^{}\n]{1,60}\}\}|\[(?:customer|client|agent|your|first|last|full)[ _]?name\]|<(?:customer[ _]?)?name>|%[A-Z_]{3,30}%/gi;
const PLACEHOLDER_WEIGHT = 0.9;
/** Below this many words a message is too short to call it canned by coverage alone. */
const COVERAGE_MIN_WORDS = 8;

function noisyOr(a: number, b: number): number {
  return 1 - (1 - a) * (1 - b);
}

/** Adds upper-case acronyms to the jargon hit (or creates it). */
export function addAcronymJargon(
  tokens: readonly Token[],
  text: string,
  hit: SignalHit | undefined,
): SignalHit | undefined {
  let words = 0;
  let caps = 0;
  for (const t of tokens) {
    if (t.kind !== "word") continue;
    words++;
    if (t.caps) caps++;
  }
  if (caps === 0 || caps >= words * CAPS_SHARE_LIMIT + 1) return hit;
  let out = hit;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || !t.caps || t.kind !== "word" || t.text.length > 5) continue;
    // Raw text, not norm: chat normalisation maps e.g. "ID" to "i'd".
    const lower = t.text.toLowerCase();
    if (COMMON_ACRONYMS.has(lower) || /^(.)\1+$/.test(lower)) continue; // "XXX" is redaction, not jargon
    if (out === undefined) out = { score: 0, evidence: [], firstToken: i, lastToken: i };
    if (out.evidence.some((e) => e.start <= t.start && t.end <= e.end)) continue;
    out.score = noisyOr(out.score, ACRONYM_WEIGHT);
    if (out.evidence.length < 5)
      out.evidence.push({ start: t.start, end: t.end, text: text.slice(t.start, t.end) });
  }
  return out;
}

/**
 * Scripted replies: stock phrases already scored by cue matching, raised to the share of the
 * message they cover when a long message is mostly boilerplate, and placeholders left unfilled.
 */
export function scoreScripted(
  tokens: readonly Token[],
  text: string,
  hit: SignalHit | undefined,
): SignalHit | undefined {
  let out = hit;
  if (out !== undefined) {
    let words = 0;
    let covered = 0;
    // Evidence spans are in text order and disjoint, so one pointer walks them with the tokens.
    const spans = out.evidence;
    let k = 0;
    for (const t of tokens) {
      if (t.kind === "punct") continue;
      words++;
      while (k < spans.length && (spans[k]?.end ?? 0) <= t.start) k++;
      const e = spans[k];
      if (e !== undefined && e.start <= t.start && t.end <= e.end) covered++;
    }
    if (words >= COVERAGE_MIN_WORDS) out.score = Math.max(out.score, covered / words);
  }
  if (
    text.indexOf("{{") >= 0 ||
    text.indexOf("[") >= 0 ||
    text.indexOf("<") >= 0 ||
    text.indexOf("%") >= 0
  ) {
    PLACEHOLDER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PLACEHOLDER.exec(text)) !== null) {
      out ??= { score: 0, evidence: [], firstToken: 0, lastToken: 0 };
      out.score = noisyOr(out.score, PLACEHOLDER_WEIGHT);
      if (out.evidence.length < 5)
        out.evidence.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
      else break;
    }
    if (out !== undefined) out.evidence.sort((a, b) => a.start - b.start);
  }
  return out;
}

/** Index of the first token of the sentence containing token `i`. */
export function sentenceStart(tokens: readonly Token[], i: number): number {
  const sentence = tokens[i]?.sentence;
  let k = i;
  while (k > 0 && tokens[k - 1]?.sentence === sentence) k--;
  return k;
}

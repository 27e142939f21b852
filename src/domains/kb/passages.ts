/**
 * The pure half of knowledge search: which words of a conversation to search for, and which passage
 * of an article best answers them. PostgreSQL finds and ranks the articles (kb.repo.ts); this picks
 * the sentence to show, by overlap with the query's word stems.
 */

/** Words that carry no topic; PostgreSQL drops its own stop words too, this keeps the query short. */
const STOP = new Set(
  (
    "the a an and or but if then so to of in on at by for with from up about into over after " +
    "is are was were be been being am do does did have has had having i me my we our you your he she " +
    "it its they them their this that these those what which who whom can could would should will " +
    "just not no yes hi hello thanks thank please okay ok yeah really very also too get got " +
    "there here when where why how all any some more most other than as im dont cant ive"
  ).split(" "),
);

/** Most distinct words sent to PostgreSQL: enough for a topic, bounded for the GIN lookups. */
export const MAX_QUERY_TERMS = 24;

/** Lowercase ASCII-folded words of `text`, split on anything that is not a letter or digit. */
export function wordsOf(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * The distinct topic words of `text`, latest first (the end of a conversation is what the customer
 * asks now), at most {@link MAX_QUERY_TERMS}. Only `[a-z0-9]` survive, so joining them with ` | `
 * is always a valid `to_tsquery` (OR semantics).
 */
export function queryTerms(text: string): string[] {
  const words = wordsOf(text).reverse();
  const out: string[] = [];
  const seen = new Set<string>();
  for (const w of words) {
    if (w.length < 3 || w.length > 40 || STOP.has(w) || /^\d+$/.test(w)) continue;
    const s = stem(w);
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(w);
    if (out.length >= MAX_QUERY_TERMS) break;
  }
  return out;
}

/** A light English suffix stripper: close enough to match "refunds"/"refunded" with "refund". */
export function stem(word: string): string {
  for (const suffix of ["ingly", "edly", "ing", "ies", "ied", "es", "ed", "ly", "s"]) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
      const base = word.slice(0, -suffix.length);
      return suffix === "ies" || suffix === "ied" ? `${base}y` : base;
    }
  }
  return word;
}

/** Markdown to plain text for passages: drops markup, keeps the words. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+\.|>)\s+/gm, "")
    .replace(/[*_`~]+/g, "")
    .replace(/\|/g, " ");
}

/** Sentences (and list items or lines) of plain text, trimmed, empty ones dropped. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s.length > 0);
}

/** Longest passage shown on a knowledge card or quoted by the bot. */
export const SNIPPET_MAX = 280;

/**
 * The passage of `body` that shares the most query stems (ties: the earlier one), extended by the
 * next sentence while it fits in {@link SNIPPET_MAX}. The article's opening when nothing matches.
 */
export function bestPassage(body: string, terms: readonly string[]): string {
  const sentences = sentencesOf(plainText(body));
  if (sentences.length === 0) return "";
  const wanted = new Set(terms.map(stem));
  let best = 0;
  let bestScore = 0;
  sentences.forEach((sentence, i) => {
    const stems = new Set(wordsOf(sentence).map(stem));
    let score = 0;
    for (const s of stems) if (wanted.has(s)) score += 1;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  let passage = sentences[best]!;
  const next = sentences[best + 1];
  if (next && passage.length + next.length + 1 <= SNIPPET_MAX) passage = `${passage} ${next}`;
  return passage.length <= SNIPPET_MAX
    ? passage
    : `${passage.slice(0, SNIPPET_MAX - 1).trimEnd()}…`;
}

/**
 * Which query words pick the knowledge candidates. Ranking every article that shares any word with
 * the customer (cover density over thousands of rows) is what made a live lookup slow; a word most
 * articles contain says little about which one answers. So the rarest words, up to a budget of
 * articles, select candidates through the GIN index, and every candidate is then ranked against
 * the whole query. When all the words together match no more than the budget, nothing is left out
 * and the ranking is exactly the full one.
 */

/** Articles the rare words may select before the rest count as common: bounds the ranking work. */
export const CANDIDATE_BUDGET = 400;

export interface TermCount {
  word: string;
  /** Articles of the org containing the word's lexeme (0 when unknown or new). */
  articles: number;
}

export interface RaritySplit {
  /** Rarest first; together they match at most `budget` articles, unless the rarest alone does not. */
  rare: string[];
  /** The rest, rarest first. */
  common: string[];
}

/**
 * Splits `terms` into the rare ones, taken rarest first while their article counts add up to at
 * most `budget` (at least one is always taken), and the common rest. Ties keep the query's order
 * (latest words first).
 *
 * @example
 * splitByRarity([{ word: "refund", articles: 2000 }, { word: "twice", articles: 1 }], 400)
 * // → { rare: ["twice"], common: ["refund"] }
 */
export function splitByRarity(terms: readonly TermCount[], budget = CANDIDATE_BUDGET): RaritySplit {
  const sorted = terms
    .map((t, i) => ({ ...t, i }))
    .sort((a, b) => a.articles - b.articles || a.i - b.i);
  const rare: string[] = [];
  const common: string[] = [];
  let total = 0;
  for (const t of sorted) {
    if (common.length === 0 && (rare.length === 0 || total + t.articles <= budget)) {
      rare.push(t.word);
      total += t.articles;
    } else {
      common.push(t.word);
    }
  }
  return { rare, common };
}

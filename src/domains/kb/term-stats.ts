/**
 * How many of an org's articles contain each word: what {@link splitByRarity} needs, cached per
 * process. Counting (`ts_stat` over the org's articles) costs tens of milliseconds for thousands
 * of articles, too much per live lookup, so the counts live for {@link STATS_TTL_MS} and this
 * process's own article writes drop them at once. Another process's writes show up within the TTL;
 * until then only the choice of rare words is approximate: the candidates and their ranks always
 * come from the live rows, and a word the counts do not know yet counts as rare, so a new article's
 * own words still find it.
 */
import type { Db } from "../../db/client.ts";
import * as repo from "./kb.repo.ts";
import type { TermCount } from "./term-rarity.ts";

export const STATS_TTL_MS = 60_000;
/** Orgs whose counts one process keeps; the least recently loaded goes first. */
const MAX_ORGS = 200;
/** Word → lexemes is fixed by the English dictionary, so it never goes stale; only its size is capped. */
const MAX_WORDS = 50_000;

interface OrgStats {
  loadedAt: number;
  counts: Promise<Map<string, number>>;
}

const statsByDb = new WeakMap<Db, Map<string, OrgStats>>();
const lexemesByWord = new Map<string, string[]>();

/** Drops the org's cached counts; the article writes of this process call it. */
export function invalidateTermStats(db: Db, orgId: string): void {
  statsByDb.get(db)?.delete(orgId);
}

function countsOf(db: Db, orgId: string, now: number): Promise<Map<string, number>> {
  let byOrg = statsByDb.get(db);
  if (!byOrg) statsByDb.set(db, (byOrg = new Map()));
  const cached = byOrg.get(orgId);
  if (cached && now - cached.loadedAt < STATS_TTL_MS) return cached.counts;
  if (byOrg.size >= MAX_ORGS) byOrg.delete(byOrg.keys().next().value!);
  // One load per org at a time: concurrent lookups share the promise.
  const counts = repo.countArticlesPerLexeme(db, orgId);
  const entry = { loadedAt: now, counts };
  byOrg.delete(orgId);
  byOrg.set(orgId, entry);
  counts.catch(() => {
    if (byOrg.get(orgId) === entry) byOrg.delete(orgId);
  });
  return counts;
}

async function lexemesOf(db: Db, words: readonly string[]): Promise<void> {
  const missing = words.filter((w) => !lexemesByWord.has(w));
  if (missing.length === 0) return;
  const rows = await repo.lexemesOfWords(db, missing);
  if (lexemesByWord.size + rows.length > MAX_WORDS) lexemesByWord.clear();
  for (const r of rows) lexemesByWord.set(r.word, r.lexemes);
}

/**
 * The article count of each word (its most common lexeme). Words PostgreSQL drops as stop words
 * are left out: they match nothing.
 */
export async function countTermArticles(
  db: Db,
  orgId: string,
  words: readonly string[],
  now = Date.now(),
): Promise<TermCount[]> {
  const [counts] = await Promise.all([countsOf(db, orgId, now), lexemesOf(db, words)]);
  const out: TermCount[] = [];
  for (const word of words) {
    const lexemes = lexemesByWord.get(word) ?? [word];
    if (lexemes.length === 0) continue;
    out.push({ word, articles: Math.max(...lexemes.map((l) => counts.get(l) ?? 0)) });
  }
  return out;
}

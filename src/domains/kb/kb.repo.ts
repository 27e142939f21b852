import { and, count, desc, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { kbArticles } from "../../db/schema/index.ts";

export type ArticleRow = typeof kbArticles.$inferSelect;
export type NewArticle = typeof kbArticles.$inferInsert;

const columns = {
  orgId: kbArticles.orgId,
  id: kbArticles.id,
  title: kbArticles.title,
  body: kbArticles.body,
  tags: kbArticles.tags,
  locale: kbArticles.locale,
  source: kbArticles.source,
  externalKey: kbArticles.externalKey,
  createdAt: kbArticles.createdAt,
  updatedAt: kbArticles.updatedAt,
};
export type ArticleRecord = Omit<ArticleRow, "search">;

export async function insertArticle(db: Db, values: NewArticle): Promise<ArticleRecord> {
  const [row] = await db.insert(kbArticles).values(values).returning(columns);
  return row!;
}

export async function findArticle(
  db: Db,
  orgId: string,
  id: string,
): Promise<ArticleRecord | null> {
  const [row] = await db
    .select(columns)
    .from(kbArticles)
    .where(and(eq(kbArticles.orgId, orgId), eq(kbArticles.id, id)));
  return row ?? null;
}

export async function updateArticle(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<NewArticle>,
): Promise<ArticleRecord | null> {
  const [row] = await db
    .update(kbArticles)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(kbArticles.orgId, orgId), eq(kbArticles.id, id)))
    .returning(columns);
  return row ?? null;
}

export async function deleteArticle(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(kbArticles)
    .where(and(eq(kbArticles.orgId, orgId), eq(kbArticles.id, id)))
    .returning({ id: kbArticles.id });
  return rows.length > 0;
}

/** A page of articles, newest edit first; `terms` (plain words, see queryTerms) must all match. */
export async function listArticles(
  db: Db,
  orgId: string,
  opts: { terms?: readonly string[] | undefined; limit: number; offset: number },
): Promise<{ rows: ArticleRecord[]; total: number }> {
  const where = and(
    eq(kbArticles.orgId, orgId),
    opts.terms?.length
      ? sql`${kbArticles.search} @@ to_tsquery('english', ${opts.terms.join(" & ")})`
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(columns)
      .from(kbArticles)
      .where(where)
      .orderBy(desc(kbArticles.updatedAt), desc(kbArticles.id))
      .limit(opts.limit)
      .offset(opts.offset),
    db.select({ n: count() }).from(kbArticles).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/**
 * Inserts the articles, or updates the one with the same import key. `inserted` tells which
 * (`xmax = 0` only on a freshly inserted row version).
 */
export async function upsertArticles(
  db: Db,
  values: NewArticle[],
): Promise<{ id: string; inserted: boolean }[]> {
  if (values.length === 0) return [];
  return db
    .insert(kbArticles)
    .values(values)
    .onConflictDoUpdate({
      target: [kbArticles.orgId, kbArticles.externalKey],
      set: {
        title: sql`excluded.title`,
        body: sql`excluded.body`,
        tags: sql`excluded.tags`,
        locale: sql`excluded.locale`,
        source: sql`excluded.source`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: kbArticles.id, inserted: sql<boolean>`(xmax = 0)` });
}

export interface RankedArticle {
  id: string;
  title: string;
  body: string;
  rank: number;
}

/**
 * The best `limit` articles for any of `terms.all` (OR), by cover density with the title weighted
 * above the body; `rank` is normalised into 0..1 (`rank / (rank + 1)`, flag 32). With no common
 * terms every match is ranked. Otherwise the candidates are the articles with any rare term (few,
 * by construction), those with every common term (the richest in the query's words), and enough
 * of the rest to fill `limit`; each is ranked against the whole query (term-rarity.ts). The terms
 * are `[a-z0-9]` words (passages.ts `queryTerms`), so every joined query parses.
 */
export async function rankArticles(
  db: Db,
  orgId: string,
  terms: { all: readonly string[]; rare: readonly string[]; common: readonly string[] },
  limit: number,
  budget: number,
): Promise<RankedArticle[]> {
  if (terms.all.length === 0) return [];
  const all = terms.all.join(" | ");
  if (terms.common.length === 0) {
    return queryRows<RankedArticle>(
      db,
      sql`select a.id, a.title, a.body, ts_rank_cd(a.search, q, 32)::float8 as rank
          from kb_articles a, to_tsquery('english', ${all}) q
          where a.org_id = ${orgId} and a.search @@ q
          order by rank desc, a.updated_at desc
          limit ${limit}`,
    );
  }
  const match = (query: string, max: number) =>
    sql`(select id from kb_articles
         where org_id = ${orgId} and search @@ to_tsquery('english', ${query}) limit ${max})`;
  return queryRows<RankedArticle>(
    db,
    sql`with c as (
          ${match(terms.rare.join(" | "), budget)}
          union ${match(terms.common.join(" & "), budget)}
          union ${match(terms.common.join(" | "), limit)}
        )
        select a.id, a.title, a.body, ts_rank_cd(a.search, q, 32)::float8 as rank
        from c join kb_articles a on a.org_id = ${orgId} and a.id = c.id,
          to_tsquery('english', ${all}) q
        order by rank desc, a.updated_at desc
        limit ${limit}`,
  );
}

/** Articles per lexeme in the org's knowledge base (`ts_stat`). */
export async function countArticlesPerLexeme(db: Db, orgId: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ word: string; ndoc: number }>(
    db,
    sql`select word, ndoc from ts_stat(
          format('select search from kb_articles where org_id = %L', ${orgId}::text))`,
  );
  return new Map(rows.map((r) => [r.word, Number(r.ndoc)]));
}

/** The English-dictionary lexemes of each word; none for a stop word. */
export async function lexemesOfWords(
  db: Db,
  words: readonly string[],
): Promise<{ word: string; lexemes: string[] }[]> {
  const list = sql.join(
    words.map((w) => sql`${w}`),
    sql`, `,
  );
  return queryRows(
    db,
    sql`select w as word, array(select lexeme from unnest(to_tsvector('english', w))) as lexemes
        from unnest(array[${list}]::text[]) w`,
  );
}

/**
 * Brings the planner's statistics and the full-text index up to date after a bulk import: fresh
 * GIN entries wait in the index's pending list, which every search scans row by row, and without
 * statistics the planner does not know the GIN index is selective.
 */
export async function settleArticleIndex(db: Db): Promise<void> {
  await db.execute(sql`select gin_clean_pending_list('kb_articles_search_idx'::regclass)`);
  await db.execute(sql`analyze kb_articles`);
}

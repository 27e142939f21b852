import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { parseArticles, splitTags, type KbImportFormat } from "./kb-import.ts";
import * as repo from "./kb.repo.ts";
import type {
  ArticleView,
  CreateArticleBody,
  ImportResult,
  PatchArticleBody,
} from "./kb.schemas.ts";
import { bestPassage, queryTerms } from "./passages.ts";
import { CANDIDATE_BUDGET, splitByRarity } from "./term-rarity.ts";
import { countTermArticles, invalidateTermStats } from "./term-stats.ts";

export function toArticleView(row: repo.ArticleRecord): ArticleView {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    tags: row.tags,
    locale: row.locale,
    source: row.source,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const notFound = () =>
  new AppError("KB_ARTICLE_NOT_FOUND", { message: "No such article in your organization" });

export async function createArticle(db: Db, orgId: string, body: CreateArticleBody) {
  const row = await repo.insertArticle(db, {
    orgId,
    title: body.title,
    body: body.body,
    tags: splitTags((body.tags ?? []).join(";")),
    locale: body.locale ?? "en",
    source: "manual",
  });
  invalidateTermStats(db, orgId);
  return toArticleView(row);
}

export async function getArticle(db: Db, orgId: string, id: string) {
  const row = await repo.findArticle(db, orgId, id);
  if (!row) throw notFound();
  return toArticleView(row);
}

export async function patchArticle(db: Db, orgId: string, id: string, patch: PatchArticleBody) {
  const row = await repo.updateArticle(db, orgId, id, {
    ...patch,
    ...(patch.tags ? { tags: splitTags(patch.tags.join(";")) } : {}),
  });
  if (!row) throw notFound();
  invalidateTermStats(db, orgId);
  return toArticleView(row);
}

export async function removeArticle(db: Db, orgId: string, id: string): Promise<void> {
  if (!(await repo.deleteArticle(db, orgId, id))) throw notFound();
  invalidateTermStats(db, orgId);
}

export async function listArticleViews(
  db: Db,
  orgId: string,
  opts: { q?: string | undefined; limit: number; offset: number },
) {
  // Only plain words reach the query: any text the user types parses (no tsquery syntax errors).
  const terms = opts.q === undefined || opts.q === "" ? undefined : queryTerms(opts.q);
  if (terms?.length === 0) return { items: [], total: 0 };
  const { rows, total } = await repo.listArticles(db, orgId, { ...opts, terms });
  return { items: rows.map(toArticleView), total };
}

/** Rows per insert statement: well under PostgreSQL's 65,535 bind parameters. */
const IMPORT_CHUNK = 500;
/** Imports at least this large settle the search index at once rather than waiting for autovacuum. */
const SETTLE_AFTER = 200;

/**
 * Imports one file of articles (Markdown, HTML or CSV). Articles with an import key (file name,
 * CSV `key`) replace the earlier import of that key; the whole file lands or none of it does.
 */
export async function importArticles(
  db: Db,
  orgId: string,
  input: { format: KbImportFormat; fileName: string; content: string },
): Promise<ImportResult> {
  const drafts = parseArticles(input.format, input.fileName, input.content);
  const values = drafts.map((d) => ({ orgId, ...d, source: input.format }));
  const results = await db.transaction(async (tx) => {
    const out: { id: string; inserted: boolean }[] = [];
    for (let i = 0; i < values.length; i += IMPORT_CHUNK) {
      out.push(...(await repo.upsertArticles(tx, values.slice(i, i + IMPORT_CHUNK))));
    }
    return out;
  });
  invalidateTermStats(db, orgId);
  // Only an optimisation (autovacuum does the same later): the articles are in, so a refusal here
  // (a database role that does not own the table) must not fail the import.
  if (results.length >= SETTLE_AFTER) await repo.settleArticleIndex(db).catch(() => undefined);
  const created = results.filter((r) => r.inserted).length;
  return { created, updated: results.length - created, ids: results.map((r) => r.id) };
}

export interface KnowledgeHit {
  articleId: string;
  title: string;
  snippet: string;
  /** 0..1, higher is a better match: PostgreSQL cover-density rank, normalised. */
  score: number;
}

/**
 * The articles of the org that best answer `text` (a question, or a conversation's latest customer
 * messages), each with its best matching passage. Any word of the text may match (OR), so a long
 * customer message still finds the article that shares its topic words. When the words match many
 * articles, the rarest ones choose the candidates to rank (term-rarity.ts).
 */
export async function searchKnowledge(
  db: Db,
  orgId: string,
  text: string,
  opts: { limit?: number } = {},
): Promise<KnowledgeHit[]> {
  const terms = queryTerms(text);
  const limit = Math.min(Math.max(opts.limit ?? 5, 1), 20);
  if (terms.length === 0) return [];
  const { rare, common } = splitByRarity(await countTermArticles(db, orgId, terms));
  const rows = await repo.rankArticles(
    db,
    orgId,
    { all: terms, rare, common },
    limit,
    CANDIDATE_BUDGET,
  );
  return rows.map((r) => ({
    articleId: r.id,
    title: r.title,
    snippet: bestPassage(r.body, terms),
    score: Math.round(Math.min(1, Math.max(0, Number(r.rank))) * 1000) / 1000,
  }));
}

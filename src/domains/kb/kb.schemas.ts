import { z } from "@hono/zod-openapi";
import { KB_SOURCES } from "../../db/schema/index.ts";
import { BODY_MAX, KB_IMPORT_FORMATS, TITLE_MAX } from "./kb-import.ts";

const Tags = z.array(z.string().trim().min(1).max(50)).max(20);
const Locale = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "a language tag such as en or en-GB");

export const ArticleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    locale: z.string(),
    source: z.enum(KB_SOURCES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("KbArticle");
export type ArticleView = z.infer<typeof ArticleSchema>;

export const CreateArticleBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(TITLE_MAX),
    body: z.string().trim().min(1).max(BODY_MAX),
    tags: Tags.optional(),
    locale: Locale.optional(),
  })
  .openapi("CreateKbArticleBody");
export type CreateArticleBody = z.infer<typeof CreateArticleBodySchema>;

export const PatchArticleBodySchema = CreateArticleBodySchema.partial()
  .refine((b) => Object.keys(b).length > 0, { message: "change at least one field" })
  .openapi("PatchKbArticleBody");
export type PatchArticleBody = z.infer<typeof PatchArticleBodySchema>;

export const ArticleListQuerySchema = z.object({
  q: z.string().trim().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const ArticleListSchema = z
  .object({ items: z.array(ArticleSchema), total: z.number().int() })
  .openapi("KbArticleList");

export const KnowledgeHitSchema = z
  .object({
    articleId: z.string(),
    title: z.string(),
    snippet: z.string(),
    score: z.number().min(0).max(1),
  })
  .openapi("KnowledgeHit");

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(2000),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export const SearchResultSchema = z
  .object({ items: z.array(KnowledgeHitSchema) })
  .openapi("KnowledgeSearchResult");

/** Upload limit of one import file (a CSV of a few thousand articles fits). */
export const KB_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const ImportBodySchema = z
  .strictObject({
    format: z.enum(KB_IMPORT_FORMATS),
    fileName: z.string().trim().min(1).max(255),
    content: z.string().min(1).max(KB_IMPORT_MAX_BYTES),
  })
  .openapi("KbImportBody");

export const ImportResultSchema = z
  .object({ created: z.number().int(), updated: z.number().int(), ids: z.array(z.string()) })
  .openapi("KbImportResult");
export type ImportResult = z.infer<typeof ImportResultSchema>;

import { createRoute } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import {
  createRouter,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import {
  ArticleListQuerySchema,
  ArticleListSchema,
  ArticleSchema,
  CreateArticleBodySchema,
  ImportBodySchema,
  ImportResultSchema,
  PatchArticleBodySchema,
  SearchQuerySchema,
  SearchResultSchema,
} from "./kb.schemas.ts";
import * as kb from "./kb.service.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
// Agents write articles too: they are the ones who find what is missing or wrong.
const editors = requireAccess({ roles: ["admin", "leader", "qa", "agent"], scope: "write" });

const routes = {
  list: createRoute({
    method: "get",
    path: "/kb/articles",
    tags: ["kb"],
    summary: "Knowledge-base articles, latest edit first; `q` filters (websearch syntax)",
    middleware: [readers] as const,
    request: { query: ArticleListQuerySchema },
    responses: { 200: jsonResponse(ArticleListSchema, "A page of articles"), ...standardErrors },
  }),
  create: createRoute({
    method: "post",
    path: "/kb/articles",
    tags: ["kb"],
    summary: "Write an article (Markdown body)",
    middleware: [editors] as const,
    request: jsonBody(CreateArticleBodySchema),
    responses: { 201: jsonResponse(ArticleSchema, "The new article"), ...standardErrors },
  }),
  get: createRoute({
    method: "get",
    path: "/kb/articles/{id}",
    tags: ["kb"],
    summary: "One article",
    middleware: [readers] as const,
    request: { params: UuidParamSchema },
    responses: { 200: jsonResponse(ArticleSchema, "The article"), ...standardErrors },
  }),
  patch: createRoute({
    method: "patch",
    path: "/kb/articles/{id}",
    tags: ["kb"],
    summary: "Edit an article",
    middleware: [editors] as const,
    request: { params: UuidParamSchema, ...jsonBody(PatchArticleBodySchema) },
    responses: { 200: jsonResponse(ArticleSchema, "The article"), ...standardErrors },
  }),
  remove: createRoute({
    method: "delete",
    path: "/kb/articles/{id}",
    tags: ["kb"],
    summary: "Delete an article",
    middleware: [editors] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Deleted" }, ...standardErrors },
  }),
  import: createRoute({
    method: "post",
    path: "/kb/import",
    tags: ["kb"],
    summary:
      "Import one file: Markdown or HTML (one article) or CSV (title, body, tags, locale, key); re-importing a file or key updates",
    middleware: [editors] as const,
    request: jsonBody(ImportBodySchema),
    responses: {
      201: jsonResponse(ImportResultSchema, "What was created and updated"),
      ...standardErrors,
    },
  }),
  search: createRoute({
    method: "get",
    path: "/kb/search",
    tags: ["kb"],
    summary: "Articles that answer a question or message, each with its best matching passage",
    middleware: [readers] as const,
    request: { query: SearchQuerySchema },
    responses: { 200: jsonResponse(SearchResultSchema, "Best first"), ...standardErrors },
  }),
};

export function kbRoutes() {
  const r = createRouter();
  r.openapi(routes.list, async (c) =>
    c.json(
      await kb.listArticleViews(c.var.deps.db, c.var.principal!.orgId, c.req.valid("query")),
      200,
    ),
  );
  r.openapi(routes.create, async (c) =>
    c.json(await kb.createArticle(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")), 201),
  );
  r.openapi(routes.get, async (c) =>
    c.json(
      await kb.getArticle(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id),
      200,
    ),
  );
  r.openapi(routes.patch, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(
      await kb.patchArticle(c.var.deps.db, c.var.principal!.orgId, id, c.req.valid("json")),
      200,
    );
  });
  r.openapi(routes.remove, async (c) => {
    await kb.removeArticle(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id);
    return c.body(null, 204);
  });
  r.openapi(routes.import, async (c) =>
    c.json(
      await kb.importArticles(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")),
      201,
    ),
  );
  r.openapi(routes.search, async (c) => {
    const { q, limit } = c.req.valid("query");
    const items = await kb.searchKnowledge(c.var.deps.db, c.var.principal!.orgId, q, { limit });
    return c.json({ items }, 200);
  });
  return r;
}

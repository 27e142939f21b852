/**
 * Knowledge base: the org's articles (Markdown; imported from Markdown, HTML or CSV), searched with
 * PostgreSQL full-text search for the agent's live panel, the assist endpoint and the chat bot.
 */
export { searchKnowledge, importArticles, createArticle, type KnowledgeHit } from "./kb.service.ts";
export { formatOfFileName, KB_IMPORT_FORMATS, type KbImportFormat } from "./kb-import.ts";
export { KB_IMPORT_MAX_BYTES, KnowledgeHitSchema } from "./kb.schemas.ts";
export { kbRoutes } from "./kb.routes.ts";
export { seedDemoArticles } from "./demo-kb.ts";

/** The optional language-model provider (OpenAI-compatible): wrap-up summaries and suggested replies. */
export { llmRoutes } from "./llm.routes.ts";
export { resolveProvider, type EnvLlmConfig } from "./llm.settings.ts";

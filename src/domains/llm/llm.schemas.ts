import { z } from "@hono/zod-openapi";

/** How long a completion may take before the fallback answers instead (overridable per org). */
export const DEFAULT_LLM_TIMEOUT_MS = 8_000;

const url = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .max(2_000)
  .openapi({
    description:
      "The OpenAI-compatible base URL, e.g. http://localhost:11434/v1 (Ollama) or https://api.openai.com/v1; /chat/completions is appended",
  });

export const LlmSettingsBodySchema = z
  .strictObject({
    enabled: z.boolean(),
    url: url.optional(),
    model: z.string().trim().min(1).max(200).optional(),
    apiKey: z.string().min(1).max(500).nullable().optional().openapi({
      description: "Write only: a new key, null to remove it, left out to keep the stored one",
    }),
    timeoutMs: z.number().int().min(1_000).max(60_000).optional(),
  })
  .refine((b) => !b.enabled || (b.url && b.model), {
    message: "url and model are required when enabled",
    path: ["url"],
  })
  .openapi("LlmSettingsBody");
export type LlmSettingsBody = z.infer<typeof LlmSettingsBodySchema>;

export const LlmSettingsSchema = z
  .object({
    enabled: z.boolean(),
    source: z.enum(["organization", "environment", "off"]).openapi({
      description:
        "Where the provider in use comes from: this organization's settings, RAPPORT_LLM_* variables, or none",
    }),
    url: z.string().nullable(),
    model: z.string().nullable(),
    hasApiKey: z.boolean().openapi({ description: "The key itself is never returned" }),
    timeoutMs: z.number().int(),
  })
  .openapi("LlmSettings");
export type LlmSettings = z.infer<typeof LlmSettingsSchema>;

const fallbackReason = z.enum(["disabled", "unavailable", "timeout"]).nullable().openapi({
  description: "Why the fallback answered: no provider configured, provider error, or too slow",
});

export const SummarySchema = z
  .object({
    summary: z.string(),
    source: z.enum(["llm", "fallback"]).openapi({
      description: "llm: written by the provider; fallback: assembled from the engine's analysis",
    }),
    model: z.string().nullable(),
    fallbackReason,
  })
  .openapi("ConversationSummaryText");
export type Summary = z.infer<typeof SummarySchema>;

export const ReplySuggestionBodySchema = z
  .strictObject({
    messages: z
      .array(
        z.strictObject({
          role: z.enum(["customer", "agent", "bot"]),
          text: z.string().trim().min(1).max(10_000),
        }),
      )
      .min(1)
      .max(200),
  })
  .openapi("ReplySuggestionBody");
export type ReplySuggestionBody = z.infer<typeof ReplySuggestionBodySchema>;

export const ReplySuggestionSchema = z
  .object({
    suggestion: z.string(),
    source: z.enum(["llm", "fallback"]),
    model: z.string().nullable(),
    fallbackReason,
  })
  .openapi("ReplySuggestion");
export type ReplySuggestion = z.infer<typeof ReplySuggestionSchema>;

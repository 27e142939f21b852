import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requireAccess } from "../../http/auth.middleware.ts";
import type { AppEnv } from "../../http/context.ts";
import {
  createRouter,
  jsonBody,
  jsonContent,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import { recordAudit } from "../orgs/index.ts";
import {
  LlmSettingsBodySchema,
  LlmSettingsSchema,
  ReplySuggestionBodySchema,
  ReplySuggestionSchema,
  SummarySchema,
} from "./llm.schemas.ts";
import { suggestReply, summariseConversation, type LlmDeps } from "./llm.service.ts";
import { getLlmSettings, updateLlmSettings } from "./llm.settings.ts";

const admins = requireAccess({ roles: ["admin"], scope: "admin" });
const everyone = requireAccess({
  roles: ["admin", "leader", "qa", "agent", "exec"],
  scope: "read",
});
const handlers = requireAccess({ roles: ["admin", "leader", "agent"], scope: "read" });

const FALLBACK_NOTE =
  "Never fails because of the provider: when none is configured, or it errors or takes longer than " +
  'its timeout (8 s by default), the answer is still 200 with `source: "fallback"` and the reason.';

const routes = {
  getSettings: createRoute({
    method: "get",
    path: "/settings/llm",
    tags: ["settings"],
    summary: "The language-model provider in use, without its key (admin)",
    middleware: [admins] as const,
    responses: {
      200: { description: "Settings", ...jsonContent(LlmSettingsSchema) },
      ...standardErrors,
    },
  }),
  putSettings: createRoute({
    method: "put",
    path: "/settings/llm",
    tags: ["settings"],
    summary: "Set this organization's OpenAI-compatible provider, or turn it off (admin)",
    description:
      "Texts sent to it are redacted with the organization's PII rules first. The API key is stored " +
      "encrypted and never returned; leave it out to keep the stored one, null removes it.",
    middleware: [admins] as const,
    request: jsonBody(LlmSettingsBodySchema),
    responses: {
      200: { description: "Saved", ...jsonContent(LlmSettingsSchema) },
      ...standardErrors,
    },
  }),
  summary: createRoute({
    method: "post",
    path: "/conversations/{id}/summary",
    tags: ["conversations"],
    summary: "A wrap-up summary of the conversation: the language model's, or an extractive one",
    description: FALLBACK_NOTE,
    middleware: [everyone] as const,
    request: { params: UuidParamSchema },
    responses: {
      200: { description: "Summary", ...jsonContent(SummarySchema) },
      ...standardErrors,
    },
  }),
  replySuggestion: createRoute({
    method: "post",
    path: "/assist/reply-suggestion",
    tags: ["assist"],
    summary: "A suggested next agent reply for the conversation so far (admin, leader, agent)",
    description: FALLBACK_NOTE,
    middleware: [handlers] as const,
    request: jsonBody(ReplySuggestionBodySchema),
    responses: {
      200: { description: "Suggestion", ...jsonContent(ReplySuggestionSchema) },
      ...standardErrors,
    },
  }),
};

function llmDeps(c: Context<AppEnv>): LlmDeps {
  return { db: c.var.deps.db, logger: c.var.deps.logger, env: c.var.deps.config.llm };
}

export function llmRoutes() {
  const r = createRouter();
  r.openapi(routes.getSettings, async (c) => {
    const { db, env } = llmDeps(c);
    return c.json(await getLlmSettings(db, c.var.principal!.orgId, env), 200);
  });
  r.openapi(routes.putSettings, async (c) => {
    const { db, env } = llmDeps(c);
    const orgId = c.var.principal!.orgId;
    const saved = await updateLlmSettings(db, orgId, c.req.valid("json"), env);
    // The audit entry says what changed, never the key.
    await recordAudit(
      db,
      orgId,
      c.var.principal!,
      "llm.updated",
      { type: "organization", id: orgId },
      {
        enabled: saved.enabled,
        url: saved.url,
        model: saved.model,
        hasApiKey: saved.hasApiKey,
      },
    );
    return c.json(saved, 200);
  });
  r.openapi(routes.summary, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await summariseConversation(llmDeps(c), c.var.principal!, id), 200);
  });
  r.openapi(routes.replySuggestion, async (c) => {
    const orgId = c.var.principal!.orgId;
    return c.json(await suggestReply(llmDeps(c), orgId, c.req.valid("json")), 200);
  });
  return r;
}

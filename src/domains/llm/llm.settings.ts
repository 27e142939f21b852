import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { processSecretBox, type SecretBox } from "../../lib/secret-box.ts";
import { findOrgSettings, setOrgSetting } from "../orgs/index.ts";
import type { LlmProvider } from "./llm.client.ts";
import { DEFAULT_LLM_TIMEOUT_MS, type LlmSettings, type LlmSettingsBody } from "./llm.schemas.ts";

/** The provider from RAPPORT_LLM_URL / RAPPORT_LLM_MODEL / RAPPORT_LLM_API_KEY, if set. */
export interface EnvLlmConfig {
  url: string;
  model: string;
  apiKey?: string | undefined;
}

/** `organizations.settings.llm`: the key sealed with the instance's secret box. */
const StoredSchema = z.object({
  enabled: z.boolean(),
  url: z.string().nullable().default(null),
  model: z.string().nullable().default(null),
  apiKeyEnc: z.string().nullable().default(null),
  timeoutMs: z.number().int().default(DEFAULT_LLM_TIMEOUT_MS),
});
type Stored = z.infer<typeof StoredSchema>;

const SETTING_KEY = "llm";

async function readStored(db: Db, orgId: string): Promise<Stored | null> {
  const parsed = StoredSchema.safeParse((await findOrgSettings(db, orgId))?.[SETTING_KEY]);
  return parsed.success ? parsed.data : null;
}

/**
 * The provider an organization's requests go to, or null when it has none. The organization's
 * own setting wins (including "off", so an org can opt out of an instance-wide provider); without
 * one, the RAPPORT_LLM_* environment applies. Off by default: neither is set.
 */
export async function resolveProvider(
  db: Db,
  orgId: string,
  env: EnvLlmConfig | undefined,
  box: SecretBox = processSecretBox(),
): Promise<LlmProvider | null> {
  const stored = await readStored(db, orgId);
  if (stored) {
    if (!stored.enabled || !stored.url || !stored.model) return null;
    return {
      url: stored.url,
      model: stored.model,
      apiKey: stored.apiKeyEnc ? box.open(stored.apiKeyEnc) : null,
      timeoutMs: stored.timeoutMs,
    };
  }
  if (!env) return null;
  return {
    url: env.url,
    model: env.model,
    apiKey: env.apiKey ?? null,
    timeoutMs: DEFAULT_LLM_TIMEOUT_MS,
  };
}

/** What the settings card shows: never the key, only whether there is one. */
export async function getLlmSettings(
  db: Db,
  orgId: string,
  env: EnvLlmConfig | undefined,
): Promise<LlmSettings> {
  const stored = await readStored(db, orgId);
  if (stored) {
    return {
      enabled: stored.enabled,
      source: stored.enabled ? "organization" : "off",
      url: stored.url,
      model: stored.model,
      hasApiKey: stored.apiKeyEnc !== null,
      timeoutMs: stored.timeoutMs,
    };
  }
  return {
    enabled: env !== undefined,
    source: env ? "environment" : "off",
    url: env?.url ?? null,
    model: env?.model ?? null,
    hasApiKey: Boolean(env?.apiKey),
    timeoutMs: DEFAULT_LLM_TIMEOUT_MS,
  };
}

/** Saves the organization's provider; a key left out keeps the stored one, null removes it. */
export async function updateLlmSettings(
  db: Db,
  orgId: string,
  body: LlmSettingsBody,
  env: EnvLlmConfig | undefined,
  box: SecretBox = processSecretBox(),
): Promise<LlmSettings> {
  const before = await readStored(db, orgId);
  const apiKeyEnc =
    body.apiKey === undefined
      ? (before?.apiKeyEnc ?? null)
      : body.apiKey === null
        ? null
        : box.seal(body.apiKey);
  const stored: Stored = {
    enabled: body.enabled,
    url: body.url ?? before?.url ?? null,
    model: body.model ?? before?.model ?? null,
    apiKeyEnc,
    timeoutMs: body.timeoutMs ?? before?.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS,
  };
  await setOrgSetting(db, orgId, SETTING_KEY, stored);
  return getLlmSettings(db, orgId, env);
}

import type { Db } from "../../db/client.ts";
import { findOrgSettings, setOrgSetting } from "../orgs/index.ts";
import * as repo from "./retention.repo.ts";
import { RetentionSettingsSchema, type RetentionSettings } from "./retention.schemas.ts";

const DAY_MS = 86_400_000;
/** Messages per transaction: each batch commits, so a long first run never holds one huge lock. */
const BATCH = 1000;

export async function getRetentionSettings(db: Db, orgId: string): Promise<RetentionSettings> {
  const parsed = RetentionSettingsSchema.safeParse((await findOrgSettings(db, orgId))?.retention);
  return parsed.success ? parsed.data : { rawTextDays: null };
}

export async function updateRetentionSettings(
  db: Db,
  orgId: string,
  settings: RetentionSettings,
): Promise<RetentionSettings> {
  await setOrgSetting(db, orgId, "retention", settings);
  return settings;
}

/** A copy of a stored analysis result without any `text` member, at any depth (evidence, terms). */
export function withoutTexts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTexts);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "text")
      .map(([key, v]) => [key, withoutTexts(v)]),
  );
}

/**
 * Deletes the words of messages older than the org's retention, keeping everything measured from
 * them: sentiment, signals with their offsets, satisfaction, rollups. Emptied: message text, email
 * originals, evidence snippets and sentiment terms in the analyses, conversation subjects.
 * Idempotent and resumable: removed messages are marked, and each batch commits on its own.
 */
export async function applyRetention(
  db: Db,
  orgId: string,
  rawTextDays: number,
  now = new Date(),
): Promise<{ messages: number; conversations: number }> {
  const cutoff = new Date(now.getTime() - rawTextDays * DAY_MS);
  const touched = new Set<string>();
  let messages = 0;
  for (;;) {
    const removed = await db.transaction(async (tx) => {
      const rows = await repo.removeMessageTexts(tx, orgId, cutoff, BATCH);
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      const conversationIds = [...new Set(rows.map((r) => r.conversation_id))];
      const strip = (list: { id: string; result: unknown }[]) =>
        list.map((r) => ({ id: r.id, result: withoutTexts(r.result) }));
      await repo.saveResults(
        tx,
        orgId,
        "message_analyses",
        strip(await repo.loadMessageResults(tx, orgId, ids)),
      );
      await repo.saveResults(
        tx,
        orgId,
        "conversation_analyses",
        strip(await repo.loadConversationResults(tx, orgId, conversationIds)),
      );
      await repo.clearSubjects(tx, orgId, conversationIds);
      conversationIds.forEach((id) => touched.add(id));
      return rows.length;
    });
    messages += removed;
    if (removed < BATCH) break;
  }
  return { messages, conversations: touched.size };
}

/** Applies every org's retention; the hourly job. */
export async function applyAllRetention(db: Db, now = new Date()) {
  const results: { orgId: string; messages: number; conversations: number }[] = [];
  for (const { orgId, rawTextDays } of await repo.listOrgRetention(db)) {
    if (rawTextDays === null) continue;
    results.push({ orgId, ...(await applyRetention(db, orgId, rawTextDays, now)) });
  }
  return results;
}

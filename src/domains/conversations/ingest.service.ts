import type { Db } from "../../db/client.ts";
import { chunks } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import {
  ANALYZE_BATCH,
  ANALYZE_JOB,
  buildAnalysisRows,
  storeAnalysisRows,
} from "./analysis.jobs.ts";
import { announceConversationsChanged } from "./events.ts";
import { findOrgSettings } from "../orgs/index.ts";
import * as repo from "./ingest.repo.ts";
import { convKey, prepareItems, validateItems } from "./ingest.prepare.ts";
import type { IngestResult } from "./ingest.schemas.ts";
import {
  addItemRows,
  emptyBatchRows,
  findStoredKeys,
  insertNewConversations,
  upsertSharedRows,
  type BatchRows,
} from "./ingest.write.ts";
import { RedactionSettingsSchema, type RedactionSettings } from "./redaction.ts";
import { retryOnConflict } from "../../db/retry.ts";

export interface IngestDeps {
  db: Db;
  queue: Queue;
}

/** The organization's redaction settings (`organizations.settings.redaction`), defaults filled in. */
export async function getRedactionSettings(db: Db, orgId: string): Promise<RedactionSettings> {
  const settings = await findOrgSettings(db, orgId);
  const parsed = RedactionSettingsSchema.safeParse(settings?.redaction ?? {});
  return parsed.success ? parsed.data : RedactionSettingsSchema.parse({});
}

/**
 * Stores a batch of conversations. Each item is validated on its own: a bad item is rejected with its
 * reason while the others are stored. Idempotent on (org, source, externalId): a re-sent item changes
 * nothing, and new messages of a known conversation are appended in timestamp order. Every accepted
 * item is committed, with its analysis job, in one transaction before this resolves.
 * Three steps: prepare (ingest.prepare.ts), write (ingest.write.ts) and analyse (below).
 */
export async function ingestConversations(
  deps: IngestDeps,
  orgId: string,
  items: unknown[],
): Promise<IngestResult[]> {
  const { results, valid } = validateItems(items);
  if (valid.length === 0) return results;
  const prepared = prepareItems(valid, await getRedactionSettings(deps.db, orgId));
  // Concurrent batches naming the same rows may deadlock; the aborted one runs again (db/retry.ts).
  const ids = await retryOnConflict(() => upsertSharedRows(deps.db, orgId, prepared));

  const queued = await retryOnConflict(() =>
    deps.db.transaction(async (tx) => {
      const { existing, newIds } = await insertNewConversations(tx, orgId, prepared, ids);
      const existingIds = prepared.flatMap(({ item }) => {
        const c = existing.get(convKey(item.source, item.externalId));
        return c ? [c.id] : [];
      });
      const storedKeys = await findStoredKeys(tx, orgId, existingIds);
      const rows = emptyBatchRows();
      for (const p of prepared) {
        const key = convKey(p.item.source, p.item.externalId);
        const prior = existing.get(key);
        const conversationId = prior?.id ?? newIds.get(key)!;
        const known = storedKeys.get(conversationId) ?? { keys: new Set<string>(), maxSeq: -1 };
        results[p.index] = addItemRows(rows, p, conversationId, prior, known, ids);
      }
      return writeAndAnalyse(deps, tx, orgId, rows);
    }),
  );
  // Enqueued inside the transaction; wake local workers now that the jobs are visible.
  if (queued > 0) deps.queue.wakeups.emit("job", ANALYZE_JOB);
  return results;
}

/**
 * Ingest, step 3 of 3 (analyse): writes the batch's rows and analyses its new conversations in the
 * same transaction; changed ones are queued for analysis. Answers how many were queued.
 */
async function writeAndAnalyse(
  deps: IngestDeps,
  tx: Db,
  orgId: string,
  rows: BatchRows,
): Promise<number> {
  // The engine runs while the database writes the messages (on PostgreSQL, another process).
  const inserting = repo.insertMessages(tx, orgId, rows.messageRows);
  const analysis = buildAnalysisRows(rows.toAnalyze);
  await inserting;
  await repo.refreshConversations(tx, orgId, rows.patches);
  await repo.insertParticipants(tx, orgId, rows.participants);
  await storeAnalysisRows(tx, orgId, analysis);
  // New conversations are analysed above; changed ones are announced by the analysis job.
  await announceConversationsChanged(
    deps.queue,
    tx,
    orgId,
    analysis.conversationRows.map((r) => r.conversation_id),
  );
  for (const conversationIds of chunks(rows.toQueue, ANALYZE_BATCH)) {
    await deps.queue.enqueue(ANALYZE_JOB, { orgId, conversationIds }, { orgId }, tx);
  }
  return rows.toQueue.length;
}

export { findConversationByMessageExternalId } from "./ingest.repo.ts";

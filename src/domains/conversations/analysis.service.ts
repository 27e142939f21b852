import { ENGINE_VERSION } from "../../analysis/index.ts";
import { chunks, type Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { ANALYZE_BATCH, ANALYZE_JOB } from "./analysis.jobs.ts";
import { findConversationsToAnalyze } from "./analysis.repo.ts";

const PAGE = 5000;

export interface AnalysisBatch {
  orgId: string;
  conversationIds: string[];
}

/**
 * Every conversation that needs analysis by the current engine (none yet, another engine version,
 * or messages added since), found by keyset over ids and cut into job-sized batches per org.
 * `all` takes every conversation, even those the current engine already analysed.
 */
export async function planAnalysis(
  db: Db,
  opts: { orgId?: string | undefined; since?: Date | undefined; all?: boolean },
): Promise<{ total: number; batches: AnalysisBatch[] }> {
  const byOrg = new Map<string, string[]>();
  let total = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await findConversationsToAnalyze(db, {
      orgId: opts.orgId,
      since: opts.since,
      version: ENGINE_VERSION,
      all: Boolean(opts.all),
      limit: PAGE,
      ...(afterId ? { afterId } : {}),
    });
    for (const row of page) {
      const ids = byOrg.get(row.org_id) ?? [];
      ids.push(row.id);
      byOrg.set(row.org_id, ids);
    }
    total += page.length;
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  const batches: AnalysisBatch[] = [];
  for (const [orgId, ids] of byOrg) {
    for (const conversationIds of chunks(ids, ANALYZE_BATCH))
      batches.push({ orgId, conversationIds });
  }
  return { total, batches };
}

/** Queues analysis, as a backfill, for every conversation of an org that has none from the current engine. */
export async function enqueueMissingAnalyses(
  deps: { db: Db; queue: Queue },
  orgId: string,
): Promise<number> {
  const { total, batches } = await planAnalysis(deps.db, { orgId });
  for (const batch of batches) {
    await deps.queue.enqueue(ANALYZE_JOB, batch, { orgId, background: true });
  }
  return total;
}

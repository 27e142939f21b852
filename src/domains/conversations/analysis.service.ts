import { ENGINE_VERSION } from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { ANALYZE_JOB } from "./analysis.jobs.ts";
import { findConversationsToAnalyze } from "./analysis.repo.ts";

const BATCH = 100;

/** Queues analysis for every conversation of an org that has none from the current engine. */
export async function enqueueMissingAnalyses(
  deps: { db: Db; queue: Queue },
  orgId: string,
): Promise<number> {
  let total = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await findConversationsToAnalyze(deps.db, {
      orgId,
      version: ENGINE_VERSION,
      all: false,
      limit: 5000,
      ...(afterId ? { afterId } : {}),
    });
    for (let i = 0; i < page.length; i += BATCH) {
      await deps.queue.enqueue(
        ANALYZE_JOB,
        { orgId, conversationIds: page.slice(i, i + BATCH).map((p) => p.id) },
        { orgId },
      );
    }
    total += page.length;
    if (page.length < 5000) return total;
    afterId = page[page.length - 1]!.id;
  }
}

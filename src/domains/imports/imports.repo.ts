import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { importRuns } from "../../db/schema/index.ts";

export type ImportRun = typeof importRuns.$inferSelect;

export interface RunCounters {
  position: number;
  imported: number;
  unchanged: number;
  rejected: number;
  stats: Record<string, unknown>;
}

/**
 * The run of this file (same org, format, source and content), created when there is none. A
 * direct API import passes a hash of what it reads (vendor, account, query) as `fileHash`.
 */
export async function findOrCreateRun(
  db: Db,
  orgId: string,
  format: string,
  source: string,
  fileHash: string,
  fileName: string,
): Promise<ImportRun> {
  await db
    .insert(importRuns)
    .values({ orgId, format, source, fileHash, fileName })
    .onConflictDoNothing();
  const rows = await db
    .select()
    .from(importRuns)
    .where(
      and(
        eq(importRuns.orgId, orgId),
        eq(importRuns.format, format),
        eq(importRuns.source, source),
        eq(importRuns.fileHash, fileHash),
      ),
    )
    .limit(1);
  return rows[0]!;
}

/** Starts a run over: nothing counted, not finished. */
export async function resetRun(
  db: Db,
  orgId: string,
  id: string,
  fileName: string,
): Promise<ImportRun> {
  const rows = await db
    .update(importRuns)
    .set({
      fileName,
      position: 0,
      imported: 0,
      unchanged: 0,
      rejected: 0,
      stats: {},
      finishedAt: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(importRuns.orgId, orgId), eq(importRuns.id, id)))
    .returning();
  return rows[0]!;
}

/** Records progress after a committed batch (call inside the batch's transaction). */
export async function advanceRun(
  db: Db,
  orgId: string,
  id: string,
  counters: RunCounters,
): Promise<void> {
  await db
    .update(importRuns)
    .set({ ...counters, updatedAt: sql`now()` })
    .where(and(eq(importRuns.orgId, orgId), eq(importRuns.id, id)));
}

export async function finishRun(db: Db, orgId: string, id: string): Promise<void> {
  await db
    .update(importRuns)
    .set({ finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(importRuns.orgId, orgId), eq(importRuns.id, id)));
}

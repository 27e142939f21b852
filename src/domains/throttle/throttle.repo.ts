import { and, eq, gt, like, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { throttles } from "../../db/schema/index.ts";

export async function findThrottle(db: Db, key: string) {
  const [row] = await db
    .select({ failures: throttles.failures, blockedUntil: throttles.blockedUntil })
    .from(throttles)
    .where(eq(throttles.key, key));
  return row ?? null;
}

/**
 * Counts one failure in a single atomic upsert, so concurrent processes never lose a count; a
 * count last touched before `forgetBefore` starts again at 1. Returns the new count.
 */
export async function addFailure(db: Db, key: string, now: Date, forgetBefore: Date) {
  const [row] = await db
    .insert(throttles)
    .values({ key, failures: 1, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        failures: sql`case when ${throttles.updatedAt} < ${forgetBefore.toISOString()}::timestamptz then 1 else ${throttles.failures} + 1 end`,
        blockedUntil: sql`case when ${throttles.updatedAt} < ${forgetBefore.toISOString()}::timestamptz then null else ${throttles.blockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ failures: throttles.failures });
  return row!.failures;
}

/** Extends a block, never shortens one another process set. */
export async function blockUntil(db: Db, key: string, until: Date): Promise<void> {
  await db
    .update(throttles)
    .set({
      blockedUntil: sql`greatest(coalesce(${throttles.blockedUntil}, ${until.toISOString()}::timestamptz), ${until.toISOString()}::timestamptz)`,
    })
    .where(eq(throttles.key, key));
}

export async function deleteThrottle(db: Db, key: string): Promise<void> {
  await db.delete(throttles).where(eq(throttles.key, key));
}

export async function deleteThrottlesBefore(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(throttles)
    .where(lt(throttles.updatedAt, before))
    .returning({ id: throttles.id });
  return rows.length;
}

/** Writes a block a process started (never shortening one another process set). */
export async function recordBlock(db: Db, key: string, failures: number, until: Date, now: Date) {
  await db
    .insert(throttles)
    .values({ key, failures, blockedUntil: until, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        failures: sql`greatest(${throttles.failures}, ${failures})`,
        blockedUntil: sql`greatest(coalesce(${throttles.blockedUntil}, ${until.toISOString()}::timestamptz), ${until.toISOString()}::timestamptz)`,
        updatedAt: now,
      },
    });
}

/** Blocks still running under keys starting with `prefix`, written since `since`. */
export async function findBlocksSince(db: Db, prefix: string, since: Date, now: Date) {
  const rows = await db
    .select({
      key: throttles.key,
      failures: throttles.failures,
      blockedUntil: throttles.blockedUntil,
    })
    .from(throttles)
    .where(
      and(
        gt(throttles.updatedAt, since),
        gt(throttles.blockedUntil, now),
        like(throttles.key, `${prefix}%`),
      ),
    );
  return rows.flatMap((r) => (r.blockedUntil ? [{ ...r, blockedUntil: r.blockedUntil }] : []));
}

import { and, asc, eq } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { sql } from "drizzle-orm";
import { rootCauses } from "../../db/schema/index.ts";

export type RootCauseRow = typeof rootCauses.$inferSelect;

export async function findRootCause(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(rootCauses)
    .where(and(eq(rootCauses.orgId, orgId), eq(rootCauses.id, id)));
  return row ?? null;
}

export async function findRootCauseByCode(db: Db, orgId: string, code: string) {
  const [row] = await db
    .select()
    .from(rootCauses)
    .where(and(eq(rootCauses.orgId, orgId), eq(rootCauses.code, code)));
  return row ?? null;
}

export async function listRootCauses(db: Db, orgId: string) {
  return db
    .select()
    .from(rootCauses)
    .where(eq(rootCauses.orgId, orgId))
    .orderBy(asc(rootCauses.code));
}

export async function insertRootCause(db: Db, values: typeof rootCauses.$inferInsert) {
  const [row] = await db.insert(rootCauses).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateRootCause(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof rootCauses.$inferInsert>,
) {
  const [row] = await db
    .update(rootCauses)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(rootCauses.orgId, orgId), eq(rootCauses.id, id)))
    .returning();
  return row ?? null;
}

/** Cases per root cause per ISO week (Monday, UTC) since `from`. */
export async function weeklyVolumeByRootCause(db: Db, orgId: string, from: Date) {
  return queryRows<{ root_cause_id: string; week: string; cases: number }>(
    db,
    sql`select root_cause_id, to_char(date_trunc('week', opened_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
               count(*)::int as cases
        from cases
        where org_id = ${orgId} and root_cause_id is not null and opened_at >= ${from}
        group by 1, 2 order by 2, 1`,
  );
}

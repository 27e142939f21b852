import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { caseNotifications, memberships, type RoleName } from "../../db/schema/index.ts";

/**
 * Insights alerts reuse the org's in-app notifications (the table cases created, where `case_id`
 * is null for notifications about no single case); its e-mail job sends them when SMTP is set.
 */
export async function insertNotifications(
  db: Db,
  rows: Array<Omit<typeof caseNotifications.$inferInsert, "caseId">>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(caseNotifications)
    .values(rows)
    .onConflictDoNothing()
    .returning();
  return inserted.length;
}

async function memberIds(db: Db, orgId: string, roles: RoleName[]): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, roles)));
  return rows.map((r) => r.userId);
}

export const findLeaderIds = (db: Db, orgId: string) => memberIds(db, orgId, ["leader", "admin"]);
export const findExecIds = (db: Db, orgId: string) => memberIds(db, orgId, ["exec"]);

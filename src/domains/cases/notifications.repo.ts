import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { caseNotifications, memberships, users, type RoleName } from "../../db/schema/index.ts";

export type NotificationRow = typeof caseNotifications.$inferSelect;

/** Members with one of these roles, optionally only those of a team. */
export async function findMembers(
  db: Db,
  orgId: string,
  roles: RoleName[],
  teamId?: string | null,
) {
  return db
    .select({ userId: memberships.userId, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.orgId, orgId),
        inArray(memberships.role, roles),
        teamId ? eq(memberships.teamId, teamId) : undefined,
      ),
    );
}

export async function findMemberRole(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ role: memberships.role, teamId: memberships.teamId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row ?? null;
}

/** Inserts notifications; one already made for the same event and user is left as it is. */
export async function insertNotifications(
  db: Db,
  rows: (typeof caseNotifications.$inferInsert)[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(caseNotifications)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: caseNotifications.id });
  return inserted.length;
}

export async function listNotifications(db: Db, orgId: string, userId: string, limit = 50) {
  return db
    .select()
    .from(caseNotifications)
    .where(and(eq(caseNotifications.orgId, orgId), eq(caseNotifications.userId, userId)))
    .orderBy(desc(caseNotifications.createdAt))
    .limit(limit);
}

/**
 * Claims up to `limit` notifications not yet emailed, marking them emailed in the same statement:
 * two runs of the email job never claim the same one. `releaseClaim` undoes a failed send.
 */
export async function claimUnsent(db: Db, limit: number) {
  return queryRows<{
    id: string;
    org_id: string;
    message: string;
    kind: string;
    email: string;
    case_id: string | null;
  }>(
    db,
    sql`update case_notifications n set emailed_at = now()
        from users u
        where u.id = n.user_id and (n.org_id, n.id) in (
          select org_id, id from case_notifications where emailed_at is null
          order by created_at limit ${limit} for update skip locked)
        returning n.id, n.org_id, n.message, n.kind, u.email, n.case_id`,
  );
}

export async function releaseClaim(db: Db, orgId: string, id: string) {
  await db
    .update(caseNotifications)
    .set({ emailedAt: null })
    .where(and(eq(caseNotifications.orgId, orgId), eq(caseNotifications.id, id)));
}

export async function countUnsent(db: Db, orgId: string) {
  const rows = await db
    .select({ id: caseNotifications.id })
    .from(caseNotifications)
    .where(and(eq(caseNotifications.orgId, orgId), isNull(caseNotifications.emailedAt)));
  return rows.length;
}

import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  auditLog,
  apiKeys,
  memberships,
  organizations,
  sessions,
  users,
  type ApiScope,
  type RoleName,
} from "../../db/schema/index.ts";

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: Db, id: string) {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

/** The user's organizations with their role in each, oldest membership first. */
export async function findMembershipsOfUser(db: Db, userId: string) {
  return db
    .select({
      orgId: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      role: memberships.role,
      teamId: memberships.teamId,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt);
}

export async function insertSession(
  db: Db,
  row: { id: string; userId: string; orgId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(row);
}

/** A live session joined with the member's current role, so a role change applies at once. */
export async function findLiveSession(db: Db, id: string) {
  const rows = await db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      orgId: sessions.orgId,
      csrfToken: sessions.csrfToken,
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(
      memberships,
      and(eq(memberships.orgId, sessions.orgId), eq(memberships.userId, sessions.userId)),
    )
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  return rows[0] ?? null;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteOtherSessions(db: Db, userId: string, keepId: string): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keepId}`));
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(sql`${sessions.expiresAt} <= now()`)
    .returning({ id: sessions.id });
  return rows.length;
}

export async function updatePasswordHash(
  db: Db,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function findActiveApiKeyByHash(db: Db, keyHash: string) {
  const rows = await db
    .select({
      orgId: apiKeys.orgId,
      id: apiKeys.id,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function touchApiKey(db: Db, orgId: string, id: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id)));
}

export type { ApiScope, RoleName };

/** An audit entry in each organization the user belongs to (no actor: nobody is signed in). */
export async function insertUserAudit(
  db: Db,
  userId: string,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  const orgs = await findMembershipsOfUser(db, userId);
  if (orgs.length === 0) return;
  await db
    .insert(auditLog)
    .values(
      orgs.map((o) => ({ orgId: o.orgId, action, targetType: "user", targetId: userId, details })),
    );
}

import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import {
  agents,
  apiKeys,
  auditLog,
  memberships,
  organizations,
  teams,
  users,
  type ApiScope,
  type RoleName,
} from "../../db/schema/index.ts";

export async function findOrgBySlug(db: Db, slug: string) {
  const rows = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return rows[0] ?? null;
}

export async function insertOrg(db: Db, slug: string, name: string) {
  const rows = await db.insert(organizations).values({ slug, name }).returning();
  return rows[0]!;
}

export async function listTeams(db: Db, orgId: string) {
  return db
    .select({ id: teams.id, name: teams.name, agentCount: count(agents.id) })
    .from(teams)
    .leftJoin(agents, and(eq(agents.orgId, teams.orgId), eq(agents.teamId, teams.id)))
    .where(eq(teams.orgId, orgId))
    .groupBy(teams.id, teams.name)
    .orderBy(asc(teams.name));
}

export async function findTeam(db: Db, orgId: string, id: string) {
  const rows = await db
    .select()
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findTeamByName(db: Db, orgId: string, name: string) {
  const rows = await db
    .select()
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.name, name)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertTeam(db: Db, orgId: string, name: string) {
  const rows = await db
    .insert(teams)
    .values({ orgId, name })
    .returning({ id: teams.id, name: teams.name });
  return rows[0]!;
}

/** Deletes a team; members and agents keep working, without a team. */
export async function deleteTeam(db: Db, orgId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(agents)
      .set({ teamId: null })
      .where(and(eq(agents.orgId, orgId), eq(agents.teamId, id)));
    await tx
      .update(memberships)
      .set({ teamId: null })
      .where(and(eq(memberships.orgId, orgId), eq(memberships.teamId, id)));
    await tx.execute(
      sql`update conversations set team_id = null where org_id = ${orgId} and team_id = ${id}`,
    );
    await tx.delete(teams).where(and(eq(teams.orgId, orgId), eq(teams.id, id)));
  });
}

export async function listAgents(db: Db, orgId: string, teamId?: string) {
  return db
    .select({
      id: agents.id,
      name: agents.name,
      email: agents.email,
      teamId: agents.teamId,
      externalId: agents.externalId,
    })
    .from(agents)
    .where(and(eq(agents.orgId, orgId), teamId ? eq(agents.teamId, teamId) : undefined))
    .orderBy(asc(agents.name));
}

const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  teamId: memberships.teamId,
};

export async function listMembers(db: Db, orgId: string) {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.name));
}

export async function findMember(db: Db, orgId: string, userId: string) {
  const rows = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findUserIdByEmail(db: Db, email: string): Promise<string | null> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0]?.id ?? null;
}

export async function insertMembership(
  db: Db,
  orgId: string,
  userId: string,
  m: { role: RoleName; teamId: string | null },
): Promise<void> {
  await db.insert(memberships).values({ orgId, userId, role: m.role, teamId: m.teamId });
}

export async function insertUserWithMembership(
  db: Db,
  orgId: string,
  user: {
    email: string;
    name: string;
    passwordHash: string;
    role: RoleName;
    teamId: string | null;
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({ email: user.email, name: user.name, passwordHash: user.passwordHash })
      .returning({ id: users.id });
    const userId = inserted[0]!.id;
    await tx.insert(memberships).values({ orgId, userId, role: user.role, teamId: user.teamId });
    return userId;
  });
}

export async function updateMembership(
  db: Db,
  orgId: string,
  userId: string,
  patch: { role?: RoleName; teamId?: string | null },
): Promise<void> {
  await db
    .update(memberships)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}

export async function countAdmins(db: Db, orgId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")));
  return rows[0]?.n ?? 0;
}

const apiKeyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export async function listApiKeys(db: Db, orgId: string) {
  return db
    .select(apiKeyColumns)
    .from(apiKeys)
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(asc(apiKeys.createdAt));
}

export async function insertApiKey(
  db: Db,
  orgId: string,
  row: {
    name: string;
    prefix: string;
    keyHash: string;
    scopes: ApiScope[];
    createdBy: string | null;
  },
) {
  const rows = await db
    .insert(apiKeys)
    .values({ orgId, ...row })
    .returning(apiKeyColumns);
  return rows[0]!;
}

/** Revokes a key; false when no live key with that id exists in the org. */
export async function revokeApiKey(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

export async function insertAudit(
  db: Db,
  row: {
    orgId: string;
    actorUserId?: string | null;
    actorApiKeyId?: string | null;
    action: string;
    targetType?: string;
    targetId?: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditLog).values(row);
}

export async function listAudit(db: Db, orgId: string, limit: number) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorUserId: auditLog.actorUserId,
      actorApiKeyId: auditLog.actorApiKeyId,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(eq(auditLog.orgId, orgId))
    .orderBy(sql`${auditLog.createdAt} desc`)
    .limit(limit);
}

/** The organization's settings document (`organizations.settings`), or null for no such org. */
export async function findOrgSettings(
  db: Db,
  orgId: string,
): Promise<Record<string, unknown> | null> {
  const rows = await queryRows<{ settings: Record<string, unknown> }>(
    db,
    sql`select settings from organizations where id = ${orgId}`,
  );
  return rows[0]?.settings ?? null;
}

/**
 * Merges `patch` into the object at one key of `organizations.settings` (a missing or non-object
 * value counts as {}), in one statement: two writers of different fields under the key both land.
 */
export async function mergeOrgSetting(
  db: Db,
  orgId: string,
  key: string,
  patch: Record<string, unknown>,
): Promise<void> {
  const current = sql`${organizations.settings} -> ${key}`;
  const base = sql`case when jsonb_typeof(${current}) = 'object' then ${current} else '{}'::jsonb end`;
  await db
    .update(organizations)
    .set({
      settings: sql`jsonb_set(${organizations.settings}, array[${key}]::text[], ${base} || ${JSON.stringify(patch)}::jsonb, true)`,
      updatedAt: new Date(),
    })
    .where(eq(organizations.id, orgId));
}

/** Sets one key of `organizations.settings` without touching the others (concurrent writers of other keys). */
export async function setOrgSetting(
  db: Db,
  orgId: string,
  key: string,
  value: unknown,
): Promise<void> {
  await db
    .update(organizations)
    .set({
      settings: sql`jsonb_set(${organizations.settings}, array[${key}]::text[], ${JSON.stringify(value)}::jsonb, true)`,
      updatedAt: new Date(),
    })
    .where(eq(organizations.id, orgId));
}

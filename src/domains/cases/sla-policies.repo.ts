import { and, asc, eq, max, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { organizations, slaPolicies } from "../../db/schema/index.ts";

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;
export type NewSlaPolicy = typeof slaPolicies.$inferInsert;

/** An org's policies in precedence order: the first that matches a case applies. */
export async function listPolicies(db: Db, orgId: string): Promise<SlaPolicyRow[]> {
  return db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.orgId, orgId))
    .orderBy(asc(slaPolicies.position));
}

export async function findPolicy(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.orgId, orgId), eq(slaPolicies.id, id)));
  return row ?? null;
}

export async function nextPosition(db: Db, orgId: string): Promise<number> {
  const [row] = await db
    .select({ last: max(slaPolicies.position) })
    .from(slaPolicies)
    .where(eq(slaPolicies.orgId, orgId));
  return (row?.last ?? 0) + 10;
}

export async function nameTaken(db: Db, orgId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: slaPolicies.id })
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.orgId, orgId),
        eq(slaPolicies.name, name),
        exceptId ? ne(slaPolicies.id, exceptId) : undefined,
      ),
    );
  return row !== undefined;
}

export async function insertPolicy(db: Db, values: NewSlaPolicy): Promise<SlaPolicyRow> {
  const [row] = await db.insert(slaPolicies).values(values).returning();
  return row!;
}

export async function updatePolicy(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<NewSlaPolicy>,
): Promise<SlaPolicyRow | null> {
  const [row] = await db
    .update(slaPolicies)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(slaPolicies.orgId, orgId), eq(slaPolicies.id, id)))
    .returning();
  return row ?? null;
}

/** Replaces only the calendar's `holidayFeeds` (a concurrent edit of the rest is kept). */
export async function setHolidayFeeds(db: Db, orgId: string, id: string, feeds: unknown[]) {
  await db
    .update(slaPolicies)
    .set({
      calendar: sql`jsonb_set(${slaPolicies.calendar}, '{holidayFeeds}', ${JSON.stringify(feeds)}::jsonb)`,
    })
    .where(and(eq(slaPolicies.orgId, orgId), eq(slaPolicies.id, id)));
}

export async function deletePolicy(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(slaPolicies)
    .where(and(eq(slaPolicies.orgId, orgId), eq(slaPolicies.id, id)))
    .returning({ id: slaPolicies.id });
  return rows.length > 0;
}

/** The installation's first organization: where the public form files a complaint without one. */
export async function findOldestOrg(db: Db) {
  const [row] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .orderBy(asc(organizations.createdAt))
    .limit(1);
  return row ?? null;
}

export async function findOrgById(db: Db, id: string) {
  const [row] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row ?? null;
}

export async function listOrgIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: organizations.id }).from(organizations);
  return rows.map((r) => r.id);
}

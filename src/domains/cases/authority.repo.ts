import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { authorityLimits } from "../../db/schema/index.ts";

export async function listLimits(db: Db, orgId: string) {
  return db
    .select()
    .from(authorityLimits)
    .where(eq(authorityLimits.orgId, orgId))
    .orderBy(asc(authorityLimits.role), asc(authorityLimits.option));
}

/** Replaces an organization's whole limit table in one transaction. */
export async function replaceLimits(
  db: Db,
  orgId: string,
  limits: { role: string; teamId: string | null; option: string; maxAmount: number }[],
) {
  await db.transaction(async (tx) => {
    await tx.delete(authorityLimits).where(eq(authorityLimits.orgId, orgId));
    if (limits.length > 0)
      await tx.insert(authorityLimits).values(limits.map((l) => ({ orgId, ...l })));
  });
}

export async function limitsFor(db: Db, orgId: string, role: string, option: string) {
  return db
    .select()
    .from(authorityLimits)
    .where(
      and(
        eq(authorityLimits.orgId, orgId),
        eq(authorityLimits.role, role),
        eq(authorityLimits.option, option),
      ),
    );
}

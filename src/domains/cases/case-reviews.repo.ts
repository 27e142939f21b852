import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { websearchQuery } from "../../db/search-query.ts";
import { caseReviews } from "../../db/schema/index.ts";

/** Lessons-learned reviews of cases: one per case, searchable by what happened and what will change. */
export async function findReview(db: Db, orgId: string, caseId: string) {
  const [row] = await db
    .select()
    .from(caseReviews)
    .where(and(eq(caseReviews.orgId, orgId), eq(caseReviews.caseId, caseId)));
  return row ?? null;
}

export async function upsertReview(db: Db, values: typeof caseReviews.$inferInsert) {
  const [row] = await db
    .insert(caseReviews)
    .values(values)
    .onConflictDoUpdate({
      target: [caseReviews.orgId, caseReviews.caseId],
      set: {
        whatHappened: values.whatHappened,
        rootCauseId: values.rootCauseId,
        whatWillChange: values.whatWillChange,
        ownerUserId: values.ownerUserId,
        authorUserId: values.authorUserId,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row!;
}

export async function searchReviews(db: Db, orgId: string, query: string | undefined, limit = 50) {
  return db
    .select()
    .from(caseReviews)
    .where(
      and(
        eq(caseReviews.orgId, orgId),
        query
          ? sql`to_tsvector('english', ${caseReviews.whatHappened} || ' ' || ${caseReviews.whatWillChange}) @@ ${websearchQuery(query)}`
          : undefined,
      ),
    )
    .orderBy(desc(caseReviews.createdAt))
    .limit(limit);
}

import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { surveyExclusions, surveys, surveySettings, teams } from "../../db/schema/index.ts";

export type SurveyRow = typeof surveys.$inferSelect;
export type SettingsRow = typeof surveySettings.$inferSelect;

export async function insertSurvey(db: Db, row: typeof surveys.$inferInsert) {
  const [created] = await db.insert(surveys).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function listSurveys(db: Db, orgId: string) {
  return db.select().from(surveys).where(eq(surveys.orgId, orgId)).orderBy(desc(surveys.createdAt));
}

export async function findSurvey(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.orgId, orgId), eq(surveys.id, id)));
  return row ?? null;
}

export async function updateSurvey(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<typeof surveys.$inferInsert>,
) {
  const [row] = await db
    .update(surveys)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(surveys.orgId, orgId), eq(surveys.id, id)))
    .returning();
  return row ?? null;
}

export async function findSettings(db: Db, orgId: string): Promise<SettingsRow | null> {
  const [row] = await db.select().from(surveySettings).where(eq(surveySettings.orgId, orgId));
  return row ?? null;
}

export async function upsertSettings(
  db: Db,
  orgId: string,
  values: Omit<typeof surveySettings.$inferInsert, "orgId">,
) {
  const [row] = await db
    .insert(surveySettings)
    .values({ orgId, ...values })
    .onConflictDoUpdate({
      target: surveySettings.orgId,
      set: { ...values, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

export async function setExclusion(
  db: Db,
  orgId: string,
  conversationId: string,
  excluded: boolean,
  userId: string | null,
) {
  if (excluded) {
    await db
      .insert(surveyExclusions)
      .values({ orgId, conversationId, excludedBy: userId })
      .onConflictDoNothing();
  } else {
    await db
      .delete(surveyExclusions)
      .where(
        and(eq(surveyExclusions.orgId, orgId), eq(surveyExclusions.conversationId, conversationId)),
      );
  }
}

export async function isExcluded(db: Db, orgId: string, conversationId: string) {
  const [row] = await db
    .select({ id: surveyExclusions.id })
    .from(surveyExclusions)
    .where(
      and(eq(surveyExclusions.orgId, orgId), eq(surveyExclusions.conversationId, conversationId)),
    );
  return row !== undefined;
}

export async function findTeamIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.select({ id: teams.id }).from(teams).where(eq(teams.orgId, orgId));
  return rows.map((r) => r.id);
}

/**
 * Serialises invitation decisions of one organization (transaction-scoped advisory lock), and
 * turns off JIT compilation for the transaction: with a batch's thousands of rows the planner's
 * estimates pass `jit_above_cost`, and compiling took 25–45 ms of each such query (a
 * customer batch's conversations), which runs once and gains nothing from it.
 */
export async function lockOrgDecisions(db: Db, orgId: string) {
  await db.execute(
    sql`select set_config('jit', 'off', true), pg_advisory_xact_lock(hashtext(${`surveys:${orgId}`}))`,
  );
}

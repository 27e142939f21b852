import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  memberships,
  pulseParticipants,
  pulseResponses,
  pulseSurveys,
  teams,
} from "../../db/schema/index.ts";

export type PulseRow = typeof pulseSurveys.$inferSelect;

export async function insertPulse(db: Db, row: typeof pulseSurveys.$inferInsert) {
  const [created] = await db.insert(pulseSurveys).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function listPulses(db: Db, orgId: string) {
  return db
    .select()
    .from(pulseSurveys)
    .where(eq(pulseSurveys.orgId, orgId))
    .orderBy(desc(pulseSurveys.createdAt));
}

export async function findPulse(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(pulseSurveys)
    .where(and(eq(pulseSurveys.orgId, orgId), eq(pulseSurveys.id, id)));
  return row ?? null;
}

export async function closePulse(db: Db, orgId: string, id: string, at: Date) {
  await db
    .update(pulseSurveys)
    .set({ closedAt: at, updatedAt: at })
    .where(
      and(eq(pulseSurveys.orgId, orgId), eq(pulseSurveys.id, id), isNull(pulseSurveys.closedAt)),
    );
}

/** How many members the audience has: everyone, or the members of these teams. */
export async function countAudience(db: Db, orgId: string, teamIds: readonly string[] | null) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(
      and(
        eq(memberships.orgId, orgId),
        teamIds ? inArray(memberships.teamId, [...teamIds]) : undefined,
      ),
    );
  return row?.n ?? 0;
}

export async function findMemberTeam(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ teamId: memberships.teamId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row ? row.teamId : undefined;
}

export async function listAnsweredBy(db: Db, orgId: string, userId: string) {
  const rows = await db
    .select({ id: pulseParticipants.pulseId })
    .from(pulseParticipants)
    .where(and(eq(pulseParticipants.orgId, orgId), eq(pulseParticipants.userId, userId)));
  return new Set(rows.map((r) => r.id));
}

/** Records that the user answered; false when they already had (nothing is written then). */
export async function claimParticipation(
  db: Db,
  row: typeof pulseParticipants.$inferInsert,
): Promise<boolean> {
  const inserted = await db
    .insert(pulseParticipants)
    .values(row)
    .onConflictDoNothing()
    .returning({ userId: pulseParticipants.userId });
  return inserted.length === 1;
}

export async function insertResponse(db: Db, row: typeof pulseResponses.$inferInsert) {
  await db.insert(pulseResponses).values(row);
}

export async function listAnswers(db: Db, orgId: string, pulseId: string) {
  return db
    .select({
      teamId: pulseResponses.teamId,
      score: pulseResponses.score,
      comment: pulseResponses.comment,
    })
    .from(pulseResponses)
    .where(and(eq(pulseResponses.orgId, orgId), eq(pulseResponses.pulseId, pulseId)));
}

export async function teamNames(db: Db, orgId: string) {
  const rows = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.orgId, orgId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

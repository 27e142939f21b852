import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { peopleCoachingSessions } from "../../db/schema/index.ts";

export type CoachingRow = typeof peopleCoachingSessions.$inferSelect;
export type NewCoaching = Omit<
  typeof peopleCoachingSessions.$inferInsert,
  "id" | "createdAt" | "updatedAt"
>;

export async function insertCoaching(db: Db, row: NewCoaching): Promise<CoachingRow> {
  const [out] = await db.insert(peopleCoachingSessions).values(row).returning();
  return out!;
}

export async function findCoaching(db: Db, orgId: string, id: string): Promise<CoachingRow | null> {
  const [row] = await db
    .select()
    .from(peopleCoachingSessions)
    .where(and(eq(peopleCoachingSessions.orgId, orgId), eq(peopleCoachingSessions.id, id)));
  return row ?? null;
}

export async function updateCoaching(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<Pick<CoachingRow, "notes" | "commitments" | "followUpOn">>,
): Promise<CoachingRow | null> {
  const [row] = await db
    .update(peopleCoachingSessions)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(peopleCoachingSessions.orgId, orgId), eq(peopleCoachingSessions.id, id)))
    .returning();
  return row ?? null;
}

/** Sessions, newest first: of these agents, by this coach, or all. */
export async function listCoaching(
  db: Db,
  orgId: string,
  f: { agentIds?: string[] | undefined; coachUserId?: string | undefined },
): Promise<CoachingRow[]> {
  if (f.agentIds && f.agentIds.length === 0) return [];
  return db
    .select()
    .from(peopleCoachingSessions)
    .where(
      and(
        eq(peopleCoachingSessions.orgId, orgId),
        f.agentIds ? inArray(peopleCoachingSessions.agentId, f.agentIds) : undefined,
        f.coachUserId ? eq(peopleCoachingSessions.coachUserId, f.coachUserId) : undefined,
      ),
    )
    .orderBy(desc(peopleCoachingSessions.heldOn), desc(peopleCoachingSessions.createdAt))
    .limit(200);
}

export interface QaCoachingNote {
  id: string;
  evaluationId: string;
  goal: string;
  note: string;
  followUpOn: string | null;
  createdAt: string;
}

/** The agent's coaching notes from QA evaluations (the QA domain owns them; linked, not copied). */
export async function findQaCoachingNotes(
  db: Db,
  orgId: string,
  agentId: string,
): Promise<QaCoachingNote[]> {
  return queryRows<QaCoachingNote>(
    db,
    sql`select id, evaluation_id as "evaluationId", goal, note,
               to_char(follow_up_on, 'YYYY-MM-DD') as "followUpOn",
               to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
        from qa_coaching_notes where org_id = ${orgId}::uuid and agent_id = ${agentId}::uuid
        order by created_at desc limit 20`,
  );
}

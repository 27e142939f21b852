import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { peopleGoals } from "../../db/schema/index.ts";

export type GoalRow = typeof peopleGoals.$inferSelect;
export type NewGoal = Omit<typeof peopleGoals.$inferInsert, "id" | "createdAt" | "updatedAt">;

export async function insertGoal(db: Db, goal: NewGoal): Promise<GoalRow> {
  const [row] = await db.insert(peopleGoals).values(goal).returning();
  return row!;
}

export async function deleteGoal(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(peopleGoals)
    .where(and(eq(peopleGoals.orgId, orgId), eq(peopleGoals.id, id)))
    .returning({ id: peopleGoals.id });
  return rows.length > 0;
}

/** Goals of these subjects (agents and teams) and the org's own; no filter: every goal. */
export async function listGoals(
  db: Db,
  orgId: string,
  subjects?: { agentIds: string[]; teamIds: string[] },
): Promise<GoalRow[]> {
  const parts: SQL[] = [];
  if (subjects) {
    parts.push(eq(peopleGoals.scope, "org"));
    if (subjects.agentIds.length > 0)
      parts.push(
        and(eq(peopleGoals.scope, "agent"), inArray(peopleGoals.subjectId, subjects.agentIds))!,
      );
    if (subjects.teamIds.length > 0)
      parts.push(
        and(eq(peopleGoals.scope, "team"), inArray(peopleGoals.subjectId, subjects.teamIds))!,
      );
  }
  return db
    .select()
    .from(peopleGoals)
    .where(and(eq(peopleGoals.orgId, orgId), subjects ? or(...parts) : undefined))
    .orderBy(sql`${peopleGoals.dueOn}`, peopleGoals.id)
    .limit(500);
}

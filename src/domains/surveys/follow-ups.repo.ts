import { and, asc, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { keysetAt } from "../../lib/cursor.ts";
import {
  customers,
  followUps,
  memberships,
  surveyResponses,
  surveys,
  teams,
  users,
} from "../../db/schema/index.ts";

export async function findResponseOfInvitation(db: Db, orgId: string, invitationId: string) {
  const [row] = await db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.orgId, orgId), eq(surveyResponses.invitationId, invitationId)));
  return row ?? null;
}

/** The first leader of a team (by membership age), who owns its follow-ups. */
export async function findTeamLead(db: Db, orgId: string, teamId: string) {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.orgId, orgId),
        eq(memberships.teamId, teamId),
        eq(memberships.role, "leader"),
      ),
    )
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row?.userId ?? null;
}

/** Opens the response's follow-up unless it has one; returns the new id or null. */
export async function insertFollowUp(db: Db, row: typeof followUps.$inferInsert) {
  const [created] = await db
    .insert(followUps)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: followUps.id });
  return created?.id ?? null;
}

/** The time a row is ordered by (due when open, closed when closed), to the microsecond. */
const orderAt = keysetAt(sql`(case when ${followUps.status} = 'open' then ${followUps.dueAt}
  else ${followUps.closedAt} end)`);

const followUpColumns = {
  followUp: followUps,
  teamName: teams.name,
  ownerName: users.name,
  ownerEmail: users.email,
  surveyName: surveys.name,
  score: surveyResponses.score,
  comment: surveyResponses.comment,
  customerEmail: customers.email,
  orderAt,
};

function followUpQuery(db: Db) {
  return db
    .select(followUpColumns)
    .from(followUps)
    .innerJoin(
      surveyResponses,
      and(eq(surveyResponses.orgId, followUps.orgId), eq(surveyResponses.id, followUps.responseId)),
    )
    .innerJoin(
      surveys,
      and(eq(surveys.orgId, surveyResponses.orgId), eq(surveys.id, surveyResponses.surveyId)),
    )
    .leftJoin(teams, and(eq(teams.orgId, followUps.orgId), eq(teams.id, followUps.teamId)))
    .leftJoin(users, eq(users.id, followUps.ownerUserId))
    .leftJoin(
      customers,
      and(eq(customers.orgId, followUps.orgId), eq(customers.id, followUps.customerId)),
    );
}
export type FollowUpDetail = Awaited<ReturnType<typeof findFollowUp>> & object;

/** Where a page of follow-ups starts: after this row of the open part, or of the closed part. */
export interface FollowUpAfter {
  status: "open" | "closed";
  /** The row's due time (open) or close time (closed), ISO to the microsecond. */
  at: string;
  id: string;
}

function afterRow(after: FollowUpAfter | undefined) {
  if (!after) return undefined;
  const at = sql`${after.at}::timestamptz`;
  return after.status === "open"
    ? or(
        and(
          eq(followUps.status, "open"),
          sql`(${followUps.dueAt}, ${followUps.id}) > (${at}, ${after.id}::uuid)`,
        ),
        eq(followUps.status, "closed"),
      )
    : and(
        eq(followUps.status, "closed"),
        sql`(${followUps.closedAt}, ${followUps.id}) < (${at}, ${after.id}::uuid)`,
      );
}

/**
 * Follow-ups, open before closed: open ones by urgency (due soonest first), closed ones most
 * recent first; a page of `limit` after `after`.
 */
export async function listFollowUps(
  db: Db,
  orgId: string,
  filter: {
    conversationId?: string | undefined;
    status?: "open" | "closed" | undefined;
    after?: FollowUpAfter | undefined;
    limit: number;
  },
) {
  const open = sql`${followUps.status} = 'open'`;
  return (
    followUpQuery(db)
      .where(
        and(
          eq(followUps.orgId, orgId),
          filter.conversationId ? eq(followUps.conversationId, filter.conversationId) : undefined,
          filter.status ? eq(followUps.status, filter.status) : undefined,
          afterRow(filter.after),
        ),
      )
      // The enum sorts in its declared order: open before closed.
      .orderBy(
        asc(followUps.status),
        sql`case when ${open} then ${followUps.dueAt} end`,
        sql`case when ${open} then ${followUps.id} end`,
        desc(followUps.closedAt),
        desc(followUps.id),
      )
      .limit(filter.limit)
  );
}

export async function findFollowUp(db: Db, orgId: string, id: string) {
  const [row] = await followUpQuery(db).where(
    and(eq(followUps.orgId, orgId), eq(followUps.id, id)),
  );
  return row ?? null;
}

/** Closes an open follow-up; false when it was not open (closed concurrently). */
export async function closeFollowUp(
  db: Db,
  orgId: string,
  id: string,
  set: { action: string; outcome: string; closedBy: string | null; notifyCustomer: boolean },
) {
  const now = new Date();
  const rows = await db
    .update(followUps)
    .set({ ...set, status: "closed", closedAt: now, updatedAt: now })
    .where(and(eq(followUps.orgId, orgId), eq(followUps.id, id), eq(followUps.status, "open")))
    .returning({ id: followUps.id });
  return rows.length > 0;
}

export async function markCustomerNotified(db: Db, orgId: string, id: string, at: Date) {
  await db
    .update(followUps)
    .set({ customerNotifiedAt: at, updatedAt: at })
    .where(and(eq(followUps.orgId, orgId), eq(followUps.id, id)));
}

/** Open follow-ups due before `before` and not yet escalated, across organizations. */
export async function claimEscalations(db: Db, before: Date, now: Date) {
  return db
    .update(followUps)
    .set({ escalatedAt: now, updatedAt: now })
    .where(
      and(
        eq(followUps.status, "open"),
        isNull(followUps.escalatedAt),
        sql`${followUps.dueAt} <= ${before.toISOString()}::timestamptz`,
      ),
    )
    .returning({ orgId: followUps.orgId, id: followUps.id });
}

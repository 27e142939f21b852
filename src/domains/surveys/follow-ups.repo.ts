import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import {
  customers,
  followUps,
  memberships,
  surveyResponses,
  surveys,
  teams,
  users,
} from "../../db/schema/index.ts";

/** What the response endpoint answers with: returned by the upsert itself (one round trip). */
export interface UpsertedResponse {
  id: string;
  invitationId: string;
  score: number | null;
  comment: string | null;
}

/** When the response's score is one of `lowScores`, a follow-up opens in the same statement. */
export interface FollowUpRule {
  lowScores: readonly number[];
  /** The conversation's team, unless the organization's settings name one. */
  teamId: string | null;
  defaultDueHours: number;
  now: Date;
}

/**
 * One response per invitation: the first submission inserts, later ones update the same row
 * (a score or comment left out keeps the earlier one; answers merge). `inserted` tells which.
 * A low score (this submission's or an earlier one) opens the response's one follow-up, owned by
 * the team's first leader: all in one statement, so both commit together or neither does, in one
 * round trip (the transaction it replaces took six).
 */
export async function upsertResponse(
  db: Db,
  row: typeof surveyResponses.$inferInsert,
  rule: FollowUpRule,
): Promise<{ response: UpsertedResponse; inserted: boolean; followUpId: string | null }> {
  const orgId = row.orgId;
  const [result] = await queryRows<{
    id: string;
    invitation_id: string;
    score: number | null;
    comment: string | null;
    inserted: boolean;
    follow_up_id: string | null;
  }>(
    db,
    sql`with resp as (
          insert into survey_responses (org_id, invitation_id, survey_id, conversation_id,
            customer_id, agent_id, team_id, channel, score, answers, comment, analysis, sentiment_score)
          values (${orgId}, ${row.invitationId}, ${row.surveyId}, ${row.conversationId},
            ${row.customerId ?? null}, ${row.agentId ?? null}, ${row.teamId ?? null}, ${row.channel},
            ${row.score ?? null}, ${JSON.stringify(row.answers ?? {})}::jsonb, ${row.comment ?? null},
            ${row.analysis ? JSON.stringify(row.analysis) : null}::jsonb, ${row.sentimentScore ?? null})
          on conflict (org_id, invitation_id) do update set
            score = coalesce(excluded.score, survey_responses.score),
            comment = coalesce(excluded.comment, survey_responses.comment),
            analysis = coalesce(excluded.analysis, survey_responses.analysis),
            sentiment_score = coalesce(excluded.sentiment_score, survey_responses.sentiment_score),
            answers = survey_responses.answers || excluded.answers,
            submissions = survey_responses.submissions + 1,
            updated_at = now()
          returning id, invitation_id, conversation_id, customer_id, score, comment,
            (xmax = 0) as inserted),
        settings as (
          select follow_up_team_id, follow_up_due_hours from survey_settings where org_id = ${orgId}),
        owner as (
          select coalesce((select follow_up_team_id from settings), ${rule.teamId}::uuid) as team_id),
        fu as (
          insert into follow_ups (org_id, conversation_id, response_id, customer_id, team_id,
            owner_user_id, due_at)
          select ${orgId}, resp.conversation_id, resp.id, resp.customer_id, owner.team_id,
            (select m.user_id from memberships m
              where m.org_id = ${orgId} and m.team_id = owner.team_id and m.role = 'leader'
              order by m.created_at limit 1),
            ${rule.now.toISOString()}::timestamptz + make_interval(hours =>
              coalesce((select follow_up_due_hours from settings), ${rule.defaultDueHours}))
          from resp, owner
          where resp.score = any(${sql.param([...rule.lowScores])}::int[])
          on conflict do nothing
          returning id)
        select resp.id, resp.invitation_id, resp.score, resp.comment, resp.inserted,
          (select id from fu) as follow_up_id
        from resp`,
  );
  const r = result!;
  return {
    response: { id: r.id, invitationId: r.invitation_id, score: r.score, comment: r.comment },
    inserted: Boolean(r.inserted),
    followUpId: r.follow_up_id,
  };
}

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

const followUpColumns = {
  followUp: followUps,
  teamName: teams.name,
  ownerName: users.name,
  ownerEmail: users.email,
  surveyName: surveys.name,
  score: surveyResponses.score,
  comment: surveyResponses.comment,
  customerEmail: customers.email,
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

export async function listFollowUps(
  db: Db,
  orgId: string,
  filter: { conversationId?: string | undefined; status?: "open" | "closed" | undefined },
) {
  return followUpQuery(db)
    .where(
      and(
        eq(followUps.orgId, orgId),
        filter.conversationId ? eq(followUps.conversationId, filter.conversationId) : undefined,
        filter.status ? eq(followUps.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(followUps.status), asc(followUps.dueAt))
    .limit(500);
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

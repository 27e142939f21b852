import { and, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import {
  conversations,
  customers,
  followUps,
  surveyDecisions,
  surveyExclusions,
  surveyInvitations,
  surveyResponses,
  surveys,
} from "../../db/schema/index.ts";

export type InvitationRow = typeof surveyInvitations.$inferSelect;
/**
 * `column in (select unnest($1::uuid[]))`: one parameter for any number of ids. Not
 * `= any($1)`: with a 1,000-id array PostgreSQL chose a sequential scan that compared every row
 * with every id (70–80 ms a batch against 8 ms through the index for this form).
 */
const anyOf = (column: SQL | typeof conversations.id, ids: readonly string[]) =>
  sql`${column} in (select unnest(${uuids(ids)}))`;

/** The surveys that already decided the conversation `id`, from the invitations' conversation key. */
const decidedSurveysOf = (orgId: string, id: SQL) =>
  sql`array(select i.survey_id from survey_invitations i
    where i.org_id = ${orgId} and i.conversation_id = ${id})`;

/**
 * Conversations as the budget reads them (customer email, exclusion, and `d.decided`: the surveys
 * that already decided them), by `filter`.
 */
function candidateConversations(db: Db, orgId: string, filter: SQL | undefined) {
  return (
    db
      .select({
        id: conversations.id,
        channel: conversations.channel,
        teamId: conversations.teamId,
        agentId: conversations.agentId,
        customerId: conversations.customerId,
        email: customers.email,
        metadata: conversations.metadata,
        updatedAt: conversations.updatedAt,
        excluded: sql<boolean>`${surveyExclusions.id} is not null`,
        decidedSurveyIds: sql<string[]>`d.decided`,
      })
      .from(conversations)
      // `offset 0` keeps the array a column computed once per conversation; written inline,
      // PostgreSQL computed it twice for each one kept (in the filter and in the result).
      .crossJoinLateral(
        sql`(select ${decidedSurveysOf(orgId, sql`${conversations.id}`)} as decided offset 0) as d`,
      )
      .leftJoin(
        customers,
        and(eq(customers.orgId, conversations.orgId), eq(customers.id, conversations.customerId)),
      )
      .leftJoin(
        surveyExclusions,
        and(
          eq(surveyExclusions.orgId, conversations.orgId),
          eq(surveyExclusions.conversationId, conversations.id),
        ),
      )
      .where(and(eq(conversations.orgId, orgId), filter))
  );
}

/**
 * Whether one of `surveyIds` is missing from `decided`. A correlated array, not `not exists`:
 * PostgreSQL turned that into one hashed scan of every invitation of every organization per
 * batch; this probes the conversation's index entries.
 */
const undecided = (surveyIds: readonly string[], decided: SQL) =>
  sql`not (${uuids(surveyIds)} <@ ${decided})`;

/**
 * Resolved conversations among `ids` not yet decided by one of `surveyIds`, with what the budget
 * and delivery need. The ids are checked against the invitations first, so a batch whose
 * conversations are all decided (most of the listener's, once a customer's earlier resolutions
 * were decided together) stops at the invitations' index without reading a conversation (10
 * batches of 1,000: 50 ms of PostgreSQL's CPU against 80–90 ms).
 */
export async function findResolvedConversations(
  db: Db,
  orgId: string,
  ids: readonly string[],
  surveyIds: readonly string[],
) {
  if (ids.length === 0 || surveyIds.length === 0) return [];
  const pending = sql`${conversations.id} in (select k.id from (select k.id,
      ${decidedSurveysOf(orgId, sql`k.id`)} as decided
      from unnest(${uuids(ids)}) as k(id) offset 0) as k
    where ${undecided(surveyIds, sql`k.decided`)})`;
  return candidateConversations(db, orgId, and(pending, eq(conversations.status, "resolved")));
}

/**
 * Every resolved conversation of these customers written since `since` not yet decided by one of
 * `surveyIds`: deciding them together, oldest first, makes the outcome independent of the order
 * in which their events are handled.
 */
export async function findResolvedOfCustomers(
  db: Db,
  orgId: string,
  customerIds: readonly string[],
  surveyIds: readonly string[],
  since: Date,
) {
  if (customerIds.length === 0 || surveyIds.length === 0) return [];
  return candidateConversations(
    db,
    orgId,
    and(
      anyOf(sql`${conversations.customerId}`, customerIds),
      gte(conversations.updatedAt, since),
      eq(conversations.status, "resolved"),
      undecided(surveyIds, sql`d.decided`),
    ),
  ).limit(20_000);
}

/** Latest invitation (queued or sent) per customer and per survey and customer, since `since`. */
export async function findInvitationHistory(
  db: Db,
  orgId: string,
  customerIds: readonly string[],
  since: Date,
) {
  if (customerIds.length === 0) return [];
  return queryRows<{ survey_id: string; customer_id: string; last: Date | string }>(
    db,
    sql`select survey_id, customer_id, max(created_at) as last from survey_invitations
        where org_id = ${orgId} and status <> 'suppressed' and created_at >= ${since.toISOString()}::timestamptz
          and ${anyOf(sql`customer_id`, customerIds)}
        group by survey_id, customer_id`,
  );
}

export async function findOpenFollowUpCustomers(
  db: Db,
  orgId: string,
  customerIds: readonly string[],
) {
  if (customerIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: followUps.customerId })
    .from(followUps)
    .where(
      and(
        eq(followUps.orgId, orgId),
        eq(followUps.status, "open"),
        anyOf(sql`${followUps.customerId}`, customerIds),
      ),
    );
  return rows.flatMap((r) => (r.id ? [r.id] : []));
}

/** One decision to store: its invitation row and the reason logged for it. */
export interface DecisionRow {
  id: string;
  surveyId: string;
  conversationId: string;
  customerId: string | null;
  channel: string;
  status: "queued" | "sent" | "suppressed";
  reason: string | null;
  tokenHash: string | null;
  locale: string;
  sendAt: Date | null;
  expiresAt: Date;
  at: Date;
}

/**
 * Stores decisions in one set-based statement: one array per column, `unnest`ed (row-by-row
 * inserts from JavaScript were 90 % of a 100,000-conversation run; a JSON recordset, used next,
 * took PostgreSQL 2–5 times as long to unpack as arrays). The invitation row is the decision
 * record (status, and the suppressing rule as `reason`); a separate log row per decision doubled
 * the cost of a run. Every row must be new: the writers of invitations hold the organization's
 * decision lock and leave out the pairs they read as decided, so a duplicate is a bug and fails
 * on the unique key. Not `on conflict do nothing … returning id`: the speculative insertion and
 * the ids sent back were a quarter of PostgreSQL's CPU for the statement (10,000 rows: 190–220 ms
 * against 140–160 ms).
 */
export async function insertDecisions(
  db: Db,
  orgId: string,
  rows: readonly DecisionRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(pick: (r: DecisionRow) => T) => sql.param(rows.map(pick));
  await db.execute(
    sql`insert into survey_invitations (org_id, id, survey_id, conversation_id, customer_id,
            channel, status, reason, token_hash, locale, send_at, expires_at, created_at, updated_at)
          select ${orgId}::uuid, id, survey_id, conversation_id, customer_id, channel,
            status::survey_invitation_status, reason, token_hash, locale, send_at, expires_at, at, at
          from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.surveyId)}::uuid[],
            ${col((r) => r.conversationId)}::uuid[], ${col((r) => r.customerId)}::uuid[],
            ${col((r) => r.channel)}::text[], ${col((r) => r.status)}::text[],
            ${col((r) => r.reason)}::text[], ${col((r) => r.tokenHash)}::text[],
            ${col((r) => r.locale)}::text[], ${col((r) => r.sendAt?.toISOString() ?? null)}::timestamptz[],
            ${col((r) => r.expiresAt.toISOString())}::timestamptz[],
            ${col((r) => r.at.toISOString())}::timestamptz[])
            as t(id, survey_id, conversation_id, customer_id, channel, status, reason, token_hash,
              locale, send_at, expires_at, at)`,
  );
}

export async function listInvitationsOf(db: Db, orgId: string, conversationId: string) {
  return db
    .select({
      invitation: surveyInvitations,
      surveyName: surveys.name,
      surveyType: surveys.type,
      score: surveyResponses.score,
      comment: surveyResponses.comment,
      responseId: surveyResponses.id,
    })
    .from(surveyInvitations)
    .innerJoin(
      surveys,
      and(eq(surveys.orgId, surveyInvitations.orgId), eq(surveys.id, surveyInvitations.surveyId)),
    )
    .leftJoin(
      surveyResponses,
      and(
        eq(surveyResponses.orgId, surveyInvitations.orgId),
        eq(surveyResponses.invitationId, surveyInvitations.id),
      ),
    )
    .where(
      and(eq(surveyInvitations.orgId, orgId), eq(surveyInvitations.conversationId, conversationId)),
    )
    .orderBy(desc(surveyInvitations.createdAt));
}

/** Queued invitations due now, with the customer's address, for delivery. */
export async function findDeliverable(db: Db, orgId: string, ids: readonly string[], now: Date) {
  if (ids.length === 0) return [];
  return db
    .select({ invitation: surveyInvitations, survey: surveys, email: customers.email })
    .from(surveyInvitations)
    .innerJoin(
      surveys,
      and(eq(surveys.orgId, surveyInvitations.orgId), eq(surveys.id, surveyInvitations.surveyId)),
    )
    .leftJoin(
      customers,
      and(
        eq(customers.orgId, surveyInvitations.orgId),
        eq(customers.id, surveyInvitations.customerId),
      ),
    )
    .where(
      and(
        eq(surveyInvitations.orgId, orgId),
        inArray(surveyInvitations.id, [...ids]),
        eq(surveyInvitations.status, "queued"),
        sql`${surveyInvitations.sendAt} <= ${now.toISOString()}::timestamptz`,
      ),
    );
}

export async function markSent(db: Db, orgId: string, id: string, at: Date) {
  await db
    .update(surveyInvitations)
    .set({ status: "sent", sentAt: at, updatedAt: at })
    .where(and(eq(surveyInvitations.orgId, orgId), eq(surveyInvitations.id, id)));
}

/** A manual re-request: a fresh link (new expiry and hash), queued now. */
export async function requeueInvitation(
  db: Db,
  orgId: string,
  id: string,
  set: { tokenHash: string; expiresAt: Date; sendAt: Date },
) {
  await db
    .update(surveyInvitations)
    .set({ ...set, status: "queued", reason: null, sentAt: null, updatedAt: new Date() })
    .where(and(eq(surveyInvitations.orgId, orgId), eq(surveyInvitations.id, id)));
}

export async function insertDecision(db: Db, row: typeof surveyDecisions.$inferInsert) {
  await db.insert(surveyDecisions).values(row);
}

/** The conversation's channel and customer address, for a manual send. */
export async function findConversationContact(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({
      id: conversations.id,
      channel: conversations.channel,
      customerId: conversations.customerId,
      email: customers.email,
    })
    .from(conversations)
    .leftJoin(
      customers,
      and(eq(customers.orgId, conversations.orgId), eq(customers.id, conversations.customerId)),
    )
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, id)));
  return row ?? null;
}

/** Excluding a conversation also withdraws its invitations not yet sent. */
export async function suppressQueuedOf(db: Db, orgId: string, conversationId: string) {
  await db
    .update(surveyInvitations)
    .set({ status: "suppressed", reason: "excluded", updatedAt: new Date() })
    .where(
      and(
        eq(surveyInvitations.orgId, orgId),
        eq(surveyInvitations.conversationId, conversationId),
        eq(surveyInvitations.status, "queued"),
      ),
    );
}

/** Active surveys of every organization with this trigger event (schedule, case_closed). */
export async function listActiveSurveysOn(db: Db, event: "schedule" | "case_closed") {
  return db
    .select()
    .from(surveys)
    .where(and(eq(surveys.active, true), sql`${surveys.trigger}->>'event' = ${event}`));
}

/** These conversations (any status), with what the budget and delivery need. */
export async function findCandidateConversations(db: Db, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return candidateConversations(db, orgId, anyOf(conversations.id, ids));
}

/**
 * Customers with an email address and no invitation of this survey since `since`, each with their
 * latest conversation (any status), oldest contact first.
 */
export async function findRelationshipCandidates(
  db: Db,
  orgId: string,
  surveyId: string,
  since: Date,
  limit: number,
) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct on (c.customer_id) c.id from conversations c
        join customers cu on cu.org_id = c.org_id and cu.id = c.customer_id
        where c.org_id = ${orgId} and cu.email is not null
          and not exists (select 1 from survey_invitations i
            where i.org_id = c.org_id and i.survey_id = ${surveyId}
              and i.customer_id = c.customer_id and i.created_at >= ${since.toISOString()}::timestamptz)
        order by c.customer_id, c.started_at desc
        limit ${limit}`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  return candidateConversations(db, orgId, anyOf(conversations.id, ids)).orderBy(
    conversations.updatedAt,
  );
}

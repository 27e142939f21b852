import { uuids } from "../../db/client.ts";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { PgDialect, type PreparedQueryConfig } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.ts";
import { perObject } from "../../lib/per-object.ts";
import { conversations, surveyInvitations, surveys } from "../../db/schema/index.ts";

/**
 * Invitations with their survey's id and row version and their conversation's agent and team, for
 * a batch of respondent links (one query for all of them). Keyed by `orgId:invitationId`. Only the
 * columns an answer needs: decoding every column of the invitation and the survey's whole
 * definition (its questions as JSON) per answer was a share of the endpoint's CPU; the definition
 * comes from `findSurveys`, cached by its row version. The keys drive the query (`unnest` joined
 * on the primary key): with `org_id = any(…) and id = any(…)` the planner, on statistics taken
 * before a bulk of invitations arrived, scanned every invitation of the organization (80 ms a
 * batch in the benchmark).
 */
export async function findInvitations(db: Db, keys: readonly { orgId: string; id: string }[]) {
  const query = findInvitationsQueries(db);
  const rows = await query.execute({
    orgIds: keys.map((x) => x.orgId),
    ids: keys.map((x) => x.id),
  });
  return new Map(rows.map((r) => [`${r.invitation.orgId}:${r.invitation.id}`, r]));
}

function buildFindInvitations(db: Db) {
  const keys = sql`unnest(${sql.placeholder("orgIds")}::uuid[], ${sql.placeholder("ids")}::uuid[])
    as k(org_id, id)`;
  const i = surveyInvitations;
  return db
    .select({
      invitation: {
        orgId: i.orgId,
        id: i.id,
        surveyId: i.surveyId,
        conversationId: i.conversationId,
        customerId: i.customerId,
        channel: i.channel,
        locale: i.locale,
        tokenHash: i.tokenHash,
      },
      surveyVersion: sql<string>`${surveys}.xmin::text`,
      agentId: conversations.agentId,
      teamId: conversations.teamId,
    })
    .from(keys)
    .innerJoin(i, and(eq(i.orgId, sql`k.org_id`), eq(i.id, sql`k.id`)))
    .innerJoin(surveys, and(eq(surveys.orgId, i.orgId), eq(surveys.id, i.surveyId)))
    .innerJoin(
      conversations,
      and(eq(conversations.orgId, i.orgId), eq(conversations.id, i.conversationId)),
    )
    .prepare("surveys_find_invitations");
}
// Prepared on each connection: planning this join took longer than running it on a busy machine.
const findInvitationsQueries = perObject(buildFindInvitations);

export type FoundInvitation = NonNullable<
  ReturnType<Awaited<ReturnType<typeof findInvitations>>["get"]>
>;

/**
 * Survey definitions with their row version (`xmin`, new with every update of the row), keyed by
 * `orgId:id`.
 */
export async function findSurveys(db: Db, keys: readonly { orgId: string; id: string }[]) {
  const rows = await db
    .select({ survey: surveys, version: sql<string>`${surveys}.xmin::text` })
    .from(surveys)
    .where(
      sql`(${surveys.orgId}, ${surveys.id}) in (select * from unnest(
        ${uuids(keys.map((k) => k.orgId))}, ${uuids(keys.map((k) => k.id))}))`,
    );
  return new Map(rows.map((r) => [`${r.survey.orgId}:${r.survey.id}`, r]));
}

/** Every survey definition of these organizations, with its row version. */
export async function findSurveysOfOrgs(db: Db, orgIds: readonly string[]) {
  return db
    .select({ survey: surveys, version: sql<string>`${surveys}.xmin::text` })
    .from(surveys)
    .where(sql`${surveys.orgId} = any(${uuids(orgIds)})`);
}

/** A submission checked against its survey: what it stores besides the invitation's columns. */
export interface CheckedAnswer {
  score: number | null;
  answers: Record<string, unknown>;
  comment: string | null;
  analysis: Record<string, unknown> | null;
  sentimentScore: number | null;
  /** Scores that open a follow-up for this survey's scale. */
  lowScores: readonly number[];
  /** Follow-up due hours when the organization has no settings. */
  defaultDueHours: number;
  now: Date;
}

/** One submission to store: the response's columns and the rule for its follow-up. */
export interface ResponseWrite extends CheckedAnswer {
  orgId: string;
  invitationId: string;
  surveyId: string;
  conversationId: string;
  customerId: string | null;
  agentId: string | null;
  teamId: string | null;
  channel: string;
}

/** A submission checked against one survey definition, before its invitation is read. */
export interface CheckedSubmission extends CheckedAnswer {
  orgId: string;
  invitationId: string;
  tokenHash: string;
  surveyId: string;
  /** The survey's row version (`xmin`) the answer was checked against. */
  surveyVersion: string;
}

/** What the response endpoint answers with, from the statement itself. */
export interface WrittenResponse {
  id: string;
  invitationId: string;
  score: number | null;
  comment: string | null;
  inserted: boolean;
  followUpId: string | null;
}

type WrittenRow = {
  org_id: string;
  id: string;
  invitation_id: string;
  score: number | null;
  comment: string | null;
  inserted: boolean;
  follow_up_id: string | null;
};

/**
 * The write after `input` (one row per submission with every column of the response): the
 * response inserted or updated, and its follow-up for a low score, in one statement. A repeated
 * submission answers with the follow-up an earlier one opened (the statement's snapshot holds it).
 */
const WRITE_FROM_INPUT = sql`
        resp as (
          insert into survey_responses (org_id, invitation_id, survey_id, conversation_id,
            customer_id, agent_id, team_id, channel, score, answers, comment, analysis, sentiment_score)
          select org_id, invitation_id, survey_id, conversation_id, customer_id, agent_id, team_id,
            channel, score, answers::jsonb, comment, analysis::jsonb, sentiment_score
          from input
          on conflict (org_id, invitation_id) do update set
            score = coalesce(excluded.score, survey_responses.score),
            comment = coalesce(excluded.comment, survey_responses.comment),
            analysis = coalesce(excluded.analysis, survey_responses.analysis),
            sentiment_score = coalesce(excluded.sentiment_score, survey_responses.sentiment_score),
            answers = survey_responses.answers || excluded.answers,
            submissions = survey_responses.submissions + 1,
            updated_at = now()
          returning org_id, id, invitation_id, conversation_id, customer_id, score, comment,
            (xmax = 0) as inserted),
        fu as (
          insert into follow_ups (org_id, conversation_id, response_id, customer_id, team_id,
            owner_user_id, due_at)
          select resp.org_id, resp.conversation_id, resp.id, resp.customer_id, owner.team_id,
            (select m.user_id from memberships m
              where m.org_id = resp.org_id and m.team_id = owner.team_id and m.role = 'leader'
              order by m.created_at limit 1),
            input.at + make_interval(hours => coalesce(st.follow_up_due_hours, input.due_hours))
          from resp
          join input on input.org_id = resp.org_id and input.invitation_id = resp.invitation_id
          left join survey_settings st on st.org_id = resp.org_id
          cross join lateral (select coalesce(st.follow_up_team_id, input.team_id) as team_id) owner
          where resp.score = any(string_to_array(input.low_scores, ',')::int[])
          on conflict do nothing
          returning org_id, response_id, id)
        select resp.org_id, resp.id, resp.invitation_id, resp.score, resp.comment, resp.inserted,
          coalesce(fu.id, (select f.id from follow_ups f
            where f.org_id = resp.org_id and f.response_id = resp.id)) as follow_up_id
        from resp left join fu on fu.org_id = resp.org_id and fu.response_id = resp.id`;

const p = (name: string) => sql.placeholder(name);

/** The submission's own columns, one array each (the text stays the same whatever the batch size). */
const ANSWER_ARRAYS = sql`${p("scores")}::int[], ${p("answers")}::text[], ${p("comments")}::text[],
            ${p("analyses")}::text[], ${p("sentimentScores")}::float8[], ${p("lowScores")}::text[],
            ${p("dueHours")}::int[], ${p("ats")}::timestamptz[]`;
const ANSWER_COLUMNS = sql.raw(
  "score, answers, comment, analysis, sentiment_score, low_scores, due_hours, at",
);

/**
 * Prepared once per database handle (and by PostgreSQL once per connection): planning these
 * statements was part of PostgreSQL's CPU on every batch.
 */
function prepareWrite(db: Db, name: string, input: SQL) {
  const query = new PgDialect().sqlToQuery(sql`with ${input}, ${WRITE_FROM_INPUT}`);
  return db._.session.prepareQuery<PreparedQueryConfig & { execute: { rows: WrittenRow[] } }>(
    query,
    undefined,
    name,
    false,
  );
}

/** The write of submissions whose invitation was read before (`findInvitations`). */
function buildUpsertResponses(db: Db) {
  return prepareWrite(
    db,
    "surveys_upsert_responses",
    sql`input as (
          select * from unnest(
            ${p("orgIds")}::uuid[], ${p("invitationIds")}::uuid[],
            ${p("surveyIds")}::uuid[], ${p("conversationIds")}::uuid[],
            ${p("customerIds")}::uuid[], ${p("agentIds")}::uuid[],
            ${p("teamIds")}::uuid[], ${p("channels")}::text[], ${ANSWER_ARRAYS})
          as t(org_id, invitation_id, survey_id, conversation_id, customer_id, agent_id, team_id,
            channel, ${ANSWER_COLUMNS}))`,
  );
}

/**
 * The lookup and the write in one statement: each submission comes checked against a survey
 * definition (`surveyId` at row version `surveyVersion`), and only those whose invitation has
 * that survey at that version and the link's token hash are written; the others return no row.
 */
function buildAnswerResponses(db: Db) {
  return prepareWrite(
    db,
    "surveys_answer_responses",
    sql`checked as (
          select * from unnest(
            ${p("orgIds")}::uuid[], ${p("invitationIds")}::uuid[], ${p("tokenHashes")}::text[],
            ${p("surveyIds")}::uuid[], ${p("surveyVersions")}::text[], ${ANSWER_ARRAYS})
          as t(org_id, invitation_id, token_hash, survey_id, survey_version, ${ANSWER_COLUMNS})),
        input as (
          select t.org_id, t.invitation_id, t.survey_id, i.conversation_id, i.customer_id,
            c.agent_id, c.team_id, i.channel, t.score, t.answers, t.comment, t.analysis,
            t.sentiment_score, t.low_scores, t.due_hours, t.at
          from checked t
          join survey_invitations i on i.org_id = t.org_id and i.id = t.invitation_id
            and i.survey_id = t.survey_id and i.token_hash = t.token_hash
          join surveys s on s.org_id = i.org_id and s.id = i.survey_id
            and s.xmin::text = t.survey_version
          join conversations c on c.org_id = i.org_id and c.id = i.conversation_id)`,
  );
}
const upsertResponsesQueries = perObject(buildUpsertResponses);

/**
 * Stores a batch of submissions, each for a different invitation, in one statement (so one
 * commit): one response per invitation, the first submission inserting and later ones updating
 * the same row (a score or comment left out keeps the earlier one; answers merge); a low score
 * (this submission's or an earlier one) opens the response's one follow-up, owned by the team's
 * first leader (the organization's follow-up team, or else the conversation's). Everything in the
 * batch commits together or nothing does. Results come back in the order of `items`.
 */
export async function upsertResponses(
  db: Db,
  items: readonly ResponseWrite[],
): Promise<WrittenResponse[]> {
  if (items.length === 0) return [];
  const query = upsertResponsesQueries(db);
  const { rows } = await query.execute({
    orgIds: items.map((w) => w.orgId),
    invitationIds: items.map((w) => w.invitationId),
    surveyIds: items.map((w) => w.surveyId),
    conversationIds: items.map((w) => w.conversationId),
    customerIds: items.map((w) => w.customerId),
    agentIds: items.map((w) => w.agentId),
    teamIds: items.map((w) => w.teamId),
    channels: items.map((w) => w.channel),
    ...answerArrays(items),
  });
  return writtenInOrder(items, rows).map((r, k) => {
    if (!r) throw new Error(`response of invitation ${items[k]!.invitationId} not returned`);
    return r;
  });
}

const answerResponsesQueries = perObject(buildAnswerResponses);

/**
 * As `upsertResponses`, with the invitations read by the same statement (one round trip for the
 * batch): an item is written only if its link's invitation has that token hash and that survey at
 * that row version. `items` may hold several definitions for one invitation (at most one can
 * match); each item's result is its response, or undefined when it was not written.
 */
export async function answerResponses(
  db: Db,
  items: readonly CheckedSubmission[],
): Promise<(WrittenResponse | undefined)[]> {
  if (items.length === 0) return [];
  const query = answerResponsesQueries(db);
  const { rows } = await query.execute({
    orgIds: items.map((w) => w.orgId),
    invitationIds: items.map((w) => w.invitationId),
    tokenHashes: items.map((w) => w.tokenHash),
    surveyIds: items.map((w) => w.surveyId),
    surveyVersions: items.map((w) => w.surveyVersion),
    ...answerArrays(items),
  });
  return writtenInOrder(items, rows);
}

/** The parameters `ANSWER_ARRAYS` names. */
function answerArrays(items: readonly CheckedAnswer[]) {
  return {
    scores: items.map((w) => w.score),
    answers: items.map((w) => JSON.stringify(w.answers)),
    comments: items.map((w) => w.comment),
    analyses: items.map((w) => (w.analysis ? JSON.stringify(w.analysis) : null)),
    sentimentScores: items.map((w) => w.sentimentScore),
    lowScores: items.map((w) => w.lowScores.join(",")),
    dueHours: items.map((w) => w.defaultDueHours),
    ats: items.map((w) => w.now.toISOString()),
  };
}

/** The statement's rows in the order of `items` (by invitation), undefined where none came back. */
function writtenInOrder(
  items: readonly { orgId: string; invitationId: string }[],
  rows: readonly WrittenRow[],
): (WrittenResponse | undefined)[] {
  const byKey = new Map(rows.map((r) => [`${r.org_id}:${r.invitation_id}`, r]));
  return items.map((w) => {
    const r = byKey.get(`${w.orgId}:${w.invitationId}`);
    return (
      r && {
        id: r.id,
        invitationId: r.invitation_id,
        score: r.score,
        comment: r.comment,
        inserted: Boolean(r.inserted),
        followUpId: r.follow_up_id,
      }
    );
  });
}

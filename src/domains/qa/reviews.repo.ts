import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import type { Answer } from "./score.ts";
import { isoMs } from "../../lib/cursor.ts";

export interface HumanEvaluationInsert {
  conversationId: string;
  scorecardId: string;
  versionId: string;
  version: number;
  reviewerUserId: string | null;
  calibrationSessionId: string | null;
  agentId: string | null;
  teamId: string | null;
  customerId: string | null;
  channel: string;
  week: string;
  score: number | null;
  answers: Answer[];
  comments: { messageId: string; text: string }[];
}

/** Inserts a human evaluation; null when this reviewer already submitted one (the unique keys). */
export async function insertHumanEvaluation(
  db: Db,
  orgId: string,
  e: HumanEvaluationInsert,
): Promise<string | null> {
  const conflict = e.calibrationSessionId
    ? sql`(org_id, calibration_session_id, conversation_id, reviewer_user_id) where calibration_session_id is not null`
    : sql`(org_id, conversation_id, version_id, reviewer_user_id) where kind = 'human' and calibration_session_id is null`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into qa_evaluations (org_id, conversation_id, scorecard_id, version_id, version, kind,
          reviewer_user_id, calibration_session_id, agent_id, team_id, customer_id, channel, week, score,
          answers, comments)
        values (${orgId}, ${e.conversationId}, ${e.scorecardId}, ${e.versionId}, ${e.version}, 'human',
          ${e.reviewerUserId}, ${e.calibrationSessionId}, ${e.agentId}, ${e.teamId}, ${e.customerId},
          ${e.channel}::channel, ${e.week}::date, ${e.score}, ${JSON.stringify(e.answers)}::jsonb,
          ${JSON.stringify(e.comments)}::jsonb)
        on conflict ${conflict} do nothing
        returning id`,
  );
  return rows[0]?.id ?? null;
}

export async function updateEvaluationAnswers(
  db: Db,
  orgId: string,
  id: string,
  answers: Answer[],
  score: number | null,
): Promise<void> {
  await db.execute(
    sql`update qa_evaluations set answers = ${JSON.stringify(answers)}::jsonb, score = ${score},
          updated_at = now()
        where org_id = ${orgId} and id = ${id}`,
  );
}

export async function acknowledgeEvaluation(db: Db, orgId: string, id: string): Promise<void> {
  await db.execute(
    sql`update qa_evaluations set acknowledged_at = coalesce(acknowledged_at, now()), updated_at = now()
        where org_id = ${orgId} and id = ${id}`,
  );
}

export async function messageIdsOf(db: Db, orgId: string, conversationId: string) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from messages where org_id = ${orgId} and conversation_id = ${conversationId}`,
  );
  return new Set(rows.map((r) => r.id));
}

export interface DisputeRow {
  id: string;
  evaluation_id: string;
  conversation_id: string;
  agent_id: string;
  criterion_keys: string[];
  reason: string;
  status: "open" | "upheld" | "partly" | "overturned";
  due_at: string;
  resolved_by: string | null;
  resolution: string | null;
}

const DISPUTE_COLUMNS = sql`d.id, d.evaluation_id, e.conversation_id, d.agent_id, d.criterion_keys, d.reason,
  d.status, ${isoMs(sql`d.due_at`)} as due_at,
  d.resolved_by, d.resolution`;

export async function insertDispute(
  db: Db,
  orgId: string,
  d: { evaluationId: string; agentId: string; raisedBy: string; keys: string[]; reason: string },
): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into qa_disputes (org_id, evaluation_id, agent_id, raised_by, criterion_keys, reason, due_at)
        values (${orgId}, ${d.evaluationId}, ${d.agentId}, ${d.raisedBy},
          array(select jsonb_array_elements_text(${JSON.stringify(d.keys)}::jsonb)), ${d.reason},
          now() + interval '7 days')
        returning id`,
  );
  return rows[0]!.id;
}

export function listDisputes(
  db: Db,
  orgId: string,
  f: {
    agentIds?: string[] | undefined;
    teamId?: string | undefined;
    evaluationId?: string;
    id?: string;
  },
): Promise<DisputeRow[]> {
  return queryRows<DisputeRow>(
    db,
    sql`select ${DISPUTE_COLUMNS} from qa_disputes d
        join qa_evaluations e on e.org_id = d.org_id and e.id = d.evaluation_id
        where d.org_id = ${orgId}
          ${f.agentIds ? sql`and d.agent_id::text in (select jsonb_array_elements_text(${JSON.stringify(f.agentIds)}::jsonb))` : sql``}
          ${f.teamId ? sql`and e.team_id = ${f.teamId}` : sql``}
          ${f.evaluationId ? sql`and d.evaluation_id = ${f.evaluationId}` : sql``}
          ${f.id ? sql`and d.id = ${f.id}` : sql``}
        order by d.status = 'open' desc, d.due_at`,
  );
}

export async function resolveDispute(
  db: Db,
  orgId: string,
  id: string,
  r: { status: string; resolvedBy: string | null; resolution: string },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update qa_disputes set status = ${r.status}, resolved_by = ${r.resolvedBy},
          resolution = ${r.resolution}, resolved_at = now(), updated_at = now()
        where org_id = ${orgId} and id = ${id} and status = 'open' returning id`,
  );
  return rows.length > 0;
}

export async function completeAssignment(
  db: Db,
  orgId: string,
  conversationId: string,
  evaluationId: string,
): Promise<void> {
  await db.execute(
    sql`update qa_review_assignments set status = 'done', evaluation_id = ${evaluationId}, updated_at = now()
        where org_id = ${orgId} and conversation_id = ${conversationId} and status = 'open'`,
  );
}

export interface AssignmentInsert {
  conversation_id: string;
  reason: string;
  agent_id: string | null;
  team_id: string | null;
}

/** A human review (not a calibration's) of the conversation exists: it needs no place in the queue. */
export const reviewed = (assignment: SQL) =>
  sql`exists (select 1 from qa_evaluations e where e.org_id = ${assignment}.org_id
        and e.conversation_id = ${assignment}.conversation_id and e.kind = 'human'
        and e.calibration_session_id is null)`;

/**
 * Queues conversations for review; one entry per conversation (the first reason found wins), none
 * for a conversation someone has already reviewed.
 */
export async function insertAssignments(db: Db, orgId: string, rows: AssignmentInsert[]) {
  if (rows.length === 0) return;
  await db.execute(
    sql`insert into qa_review_assignments (org_id, conversation_id, reason, agent_id, team_id, auto_score)
        select r.org_id, r.conversation_id, r.reason, r.agent_id, r.team_id,
          (select min(e.score) from qa_evaluations e where e.org_id = r.org_id
             and e.conversation_id = r.conversation_id and e.kind = 'auto')
        from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ ...r, org_id: orgId })))}::jsonb)
          as r(org_id uuid, conversation_id uuid, reason text, agent_id uuid, team_id uuid)
        where not ${reviewed(sql`r`)}
        on conflict (org_id, conversation_id) do nothing`,
  );
}

/** Random-sample assignments already made per agent for the given weeks. */
export async function countWeeklySamples(
  db: Db,
  orgId: string,
  agentIds: string[],
  weeks: string[],
) {
  const rows = await queryRows<{ agent_id: string; week: string; n: number }>(
    db,
    // The week by a LATERAL lookup per assignment: an index probe however few rows the planner
    // expects (with the statistics of a new org it scanned every evaluation per assignment).
    sql`select a.agent_id, w.week::text as week, count(*)::int as n
        from qa_review_assignments a
        cross join lateral (select e.week from qa_evaluations e
          where e.org_id = a.org_id and e.conversation_id = a.conversation_id and e.kind = 'auto'
          limit 1) w
        where a.org_id = ${orgId} and a.reason = 'random_weekly'
          and a.agent_id = any(${uuids(agentIds)})
          and w.week = any(${sql.param(weeks)}::date[])
        group by a.agent_id, w.week`,
  );
  return new Map(rows.map((r) => [`${r.agent_id}:${r.week}`, r.n]));
}

/** Agents whose disputes were accepted (partly or overturned) in the last 30 days. */
export async function agentsWithAcceptedDisputes(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await queryRows<{ agent_id: string }>(
    db,
    sql`select distinct agent_id from qa_disputes where org_id = ${orgId}
          and status in ('partly', 'overturned') and resolved_at > now() - interval '30 days'`,
  );
  return new Set(rows.map((r) => r.agent_id));
}

/** The team a member belongs to, if any. */
export async function findMemberTeam(
  db: Db,
  orgId: string,
  userId: string,
): Promise<string | null> {
  const rows = await queryRows<{ team_id: string | null }>(
    db,
    sql`select team_id from memberships where org_id = ${orgId} and user_id = ${userId}`,
  );
  return rows[0]?.team_id ?? null;
}

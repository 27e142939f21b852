import { sql } from "drizzle-orm";
import { analysisOf } from "../conversations/index.ts";
import { eachChunk, queryRows, type Db, uuids } from "../../db/client.ts";
import type { FactMessage, StoredSignal } from "./rules.ts";
import type { Answer } from "./score.ts";
import { isoMs } from "../../lib/cursor.ts";

export interface ConversationKeys {
  id: string;
  channel: string;
  agent_id: string | null;
  team_id: string | null;
  customer_id: string | null;
  /** Monday (UTC) of the week the conversation started. */
  week: string;
  satisfaction: number | null;
  signal_names: string[] | null;
}

/**
 * Rules quote a message's text only for facts such as the first reply (its first 120 characters);
 * signals carry their own evidence. Reading only the start keeps the scoring query light.
 */
const FACT_TEXT_CHARS = 120;

export function loadConversationKeys(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<ConversationKeys[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows<ConversationKeys>(
    db,
    sql`select c.id, c.channel, c.agent_id, c.team_id, c.customer_id,
          to_char(date_trunc('week', c.started_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
          a.satisfaction, a.signal_names
        from conversations c
        left join conversation_analyses a on a.org_id = c.org_id and a.conversation_id = c.id
        where c.org_id = ${orgId} and c.id = any(${uuids(ids)})`,
  );
}

/** Every message of the conversations in order, with the signals the engine stored for it. */
export async function loadFactMessages(
  db: Db,
  orgId: string,
  ids: readonly string[],
  opts: { fullText?: boolean } = {},
): Promise<Map<string, FactMessage[]>> {
  const byConversation = new Map<string, FactMessage[]>();
  if (ids.length === 0) return byConversation;
  const rows = await queryRows<{
    conversation_id: string;
    id: string;
    role: FactMessage["role"];
    agent_id: string | null;
    ts: string;
    text: string;
    signals: StoredSignal[] | null;
  }>(
    db,
    sql`select m.conversation_id, m.id, m.role, m.agent_id,
          ${isoMs(sql`m.ts`)} as ts,
          ${opts.fullText ? sql`m.text` : sql`left(m.text, ${FACT_TEXT_CHARS})`} as text,
          -- Most messages carry no signal: skip reading (and de-TOASTing) their stored result.
          case when cardinality(a.signal_names) > 0 then a.result -> 'signals' end as signals
        from messages m
        left join lateral ${analysisOf(sql`m`, sql`a.signal_names, a.result`)} a on true
        where m.org_id = ${orgId} and m.conversation_id = any(${uuids(ids)})
        order by m.conversation_id, m.seq`,
  );
  for (const r of rows) {
    const m: FactMessage = {
      id: r.id,
      role: r.role,
      agentId: r.agent_id,
      ts: r.ts,
      text: r.text,
      signals: Array.isArray(r.signals) ? r.signals : [],
    };
    const list = byConversation.get(r.conversation_id);
    if (list) list.push(m);
    else byConversation.set(r.conversation_id, [m]);
  }
  return byConversation;
}

export interface AutoEvaluationRow {
  conversation_id: string;
  scorecard_id: string;
  version_id: string;
  version: number;
  agent_id: string | null;
  team_id: string | null;
  customer_id: string | null;
  channel: string;
  week: string;
  score: number | null;
  answers: Answer[];
}

/** Writes automatic evaluations, replacing the previous result for the same conversation and version. */
export async function upsertAutoEvaluations(db: Db, orgId: string, rows: AutoEvaluationRow[]) {
  await eachChunk(
    db,
    rows,
    1000,
    (json) => sql`
    insert into qa_evaluations (org_id, conversation_id, scorecard_id, version_id, version, kind, agent_id,
      team_id, customer_id, channel, week, score, answers)
    select ${orgId}::uuid, r.conversation_id, r.scorecard_id, r.version_id, r.version, 'auto', r.agent_id,
      r.team_id, r.customer_id, r.channel::channel, r.week::date, r.score, r.answers
    from jsonb_to_recordset(${json}::jsonb) as r(conversation_id uuid, scorecard_id uuid, version_id uuid,
      version int, agent_id uuid, team_id uuid, customer_id uuid, channel text, week text, score float8,
      answers jsonb)
    on conflict (org_id, conversation_id, version_id) where kind = 'auto' do update set
      agent_id = excluded.agent_id, team_id = excluded.team_id, customer_id = excluded.customer_id,
      channel = excluded.channel, week = excluded.week, score = excluded.score, answers = excluded.answers,
      updated_at = now()
    -- An evaluation with an answer overturned in a dispute keeps it: the rule no longer rewrites it.
    where not jsonb_path_exists(qa_evaluations.answers, '$[*].original')
      and (qa_evaluations.answers is distinct from excluded.answers
      or qa_evaluations.score is distinct from excluded.score
      or qa_evaluations.agent_id is distinct from excluded.agent_id
      or qa_evaluations.team_id is distinct from excluded.team_id)`,
  );
}

/** The next page of an org's conversations on the given channels, by id. */
export async function pageConversationIds(
  db: Db,
  orgId: string,
  channels: readonly string[],
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from conversations
        where org_id = ${orgId}
          and channel::text in (select jsonb_array_elements_text(${JSON.stringify(channels)}::jsonb))
          ${afterId ? sql`and id > ${afterId}::uuid` : sql``}
        order by id limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

export async function countConversations(db: Db, orgId: string, channels: readonly string[]) {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from conversations where org_id = ${orgId}
          and channel::text in (select jsonb_array_elements_text(${JSON.stringify(channels)}::jsonb))`,
  );
  return rows[0]?.n ?? 0;
}

export interface EvaluationRow {
  id: string;
  conversation_id: string;
  scorecard_id: string;
  version_id: string;
  version: number;
  kind: "auto" | "human";
  reviewer_user_id: string | null;
  calibration_session_id: string | null;
  agent_id: string | null;
  team_id: string | null;
  channel: string;
  week: string;
  score: number | null;
  answers: Answer[];
  comments: { messageId: string; text: string }[];
  acknowledged_at: string | null;
  created_at: string;
}

const EVALUATION_COLUMNS = sql`e.id, e.conversation_id, e.scorecard_id, e.version_id, e.version, e.kind,
  e.reviewer_user_id, e.calibration_session_id, e.agent_id, e.team_id, e.channel, e.week::text as week,
  e.score, e.answers, e.comments,
  ${isoMs(sql`e.acknowledged_at`)} as acknowledged_at,
  ${isoMs(sql`e.created_at`)} as created_at`;

/** A conversation's evaluations outside calibration sessions: automatic first, then human. */
export function listConversationEvaluations(
  db: Db,
  orgId: string,
  conversationId: string,
): Promise<EvaluationRow[]> {
  return queryRows<EvaluationRow>(
    db,
    sql`select ${EVALUATION_COLUMNS} from qa_evaluations e
        where e.org_id = ${orgId} and e.conversation_id = ${conversationId}
          and e.calibration_session_id is null
        order by e.kind, e.created_at`,
  );
}

export async function findEvaluation(
  db: Db,
  orgId: string,
  id: string,
): Promise<EvaluationRow | null> {
  const rows = await queryRows<EvaluationRow>(
    db,
    sql`select ${EVALUATION_COLUMNS} from qa_evaluations e where e.org_id = ${orgId} and e.id = ${id}`,
  );
  return rows[0] ?? null;
}

export function listEvaluationsOfSession(db: Db, orgId: string, sessionId: string) {
  return queryRows<EvaluationRow>(
    db,
    sql`select ${EVALUATION_COLUMNS} from qa_evaluations e
        where e.org_id = ${orgId} and e.calibration_session_id = ${sessionId}`,
  );
}

/** The latest human answers per reviewed conversation of a scorecard: the backtest's frozen sample. */
export function listReviewedSample(db: Db, orgId: string, scorecardId: string, limit: number) {
  return queryRows<{ conversation_id: string; answers: Answer[] }>(
    db,
    sql`select distinct on (conversation_id) conversation_id, answers from qa_evaluations
        where org_id = ${orgId} and scorecard_id = ${scorecardId} and kind = 'human'
          and calibration_session_id is null
        order by conversation_id, created_at desc
        limit ${limit}`,
  );
}

/** Human answers (outside calibration) of one scorecard version, newest first: rule agreement's evidence. */
export async function listHumanAnswers(db: Db, orgId: string, versionId: string, limit = 5000) {
  const rows = await queryRows<{ answers: Answer[] }>(
    db,
    sql`select answers from qa_evaluations where org_id = ${orgId} and version_id = ${versionId}
          and kind = 'human' and calibration_session_id is null
        order by created_at desc limit ${limit}`,
  );
  return rows.map((r) => r.answers);
}

/** The org's agreement threshold (settings.qa.agreementThreshold), if it set one. */
export async function findAgreementThreshold(db: Db, orgId: string): Promise<number | null> {
  const rows = await queryRows<{ t: number | null }>(
    db,
    sql`select case when jsonb_typeof(settings -> 'qa' -> 'agreementThreshold') = 'number'
          then (settings -> 'qa' ->> 'agreementThreshold')::float8 end as t
        from organizations where id = ${orgId}`,
  );
  const t = rows[0]?.t;
  return typeof t === "number" && t >= -1 && t <= 1 ? t : null;
}

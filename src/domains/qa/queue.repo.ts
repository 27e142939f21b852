import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import { isoMs, keysetAt, pastKeyset } from "../../lib/cursor.ts";
import { conversationPreview, hasContactReason } from "../conversations/index.ts";
import { reviewed } from "./reviews.repo.ts";

export interface QueueRow {
  id: string;
  conversation_id: string;
  reason: string;
  agent_id: string | null;
  agent_name: string | null;
  team_id: string | null;
  channel: string;
  started_at: string;
  /** started_at to the microsecond, for the next page's cursor. */
  cursor_at: string;
  subject: string | null;
  preview: string | null;
  auto_score: number | null;
  assignee_user_id: string | null;
  /** Null when the claimant's account is gone. */
  assignee_name: string | null;
  claimed_at: string | null;
  claim_kind: ClaimKind | null;
}

/** How the holder got an assignment: took it themselves (lapses), or handed it (does not). */
export type ClaimKind = "claimed" | "assigned";

/**
 * Which part of the queue: a team's, one agent's, conversations of one contact reason (insights),
 * those claimed by one reviewer (`assignee` a user id) or by nobody (`assignee: null`).
 */
export interface QueueScope {
  teamId?: string | undefined;
  agentId?: string | undefined;
  contactReasonId?: string | undefined;
  assignee?: string | null | undefined;
}

/**
 * The queue's orders: newest conversations first, or lowest automatic score first (those with no
 * score last); ties newest first, then by assignment id.
 */
export type QueueSort = "newest" | "score";

/** Which open assignments a queue page shows: a scope's, one review reason's, after a cursor. */
export interface QueueFilter extends QueueScope {
  reason?: string | undefined;
  sort?: QueueSort | undefined;
  /** The last row of the previous page: its start, its id and, sorted by score, its score. */
  before?: { at: string; id: string; score?: number | null | undefined } | undefined;
}

/** Rows after the previous page's last row, in the page's order. */
function afterRow(f: QueueFilter): SQL {
  if (!f.before) return sql``;
  const past = pastKeyset(sql`c.started_at`, sql`a.id`, f.before);
  if (f.sort !== "score") return sql`and ${past}`;
  const score = f.before.score ?? null;
  return score === null
    ? sql`and a.auto_score is null and ${past}`
    : sql`and (a.auto_score > ${score} or a.auto_score is null
            or (a.auto_score = ${score} and ${past}))`;
}

/** Open assignments nobody has reviewed yet, narrowed by the scope's parts that are given. */
const openInScope = (orgId: string, f: QueueScope) =>
  sql`a.org_id = ${orgId} and a.status = 'open' and not ${reviewed(sql`a`)}
      ${f.teamId ? sql`and a.team_id = ${f.teamId}` : sql``}
      ${f.agentId ? sql`and a.agent_id = ${f.agentId}` : sql``}
      ${f.assignee === null ? sql`and a.assignee_user_id is null` : sql``}
      ${f.assignee ? sql`and a.assignee_user_id = ${f.assignee}` : sql``}
      ${f.contactReasonId ? sql`and ${hasContactReason(sql`a.org_id`, sql`a.conversation_id`, f.contactReasonId)}` : sql``}`;

export function listQueue(
  db: Db,
  orgId: string,
  f: QueueFilter & { limit: number },
): Promise<QueueRow[]> {
  // The assignment keeps its conversation's lowest automatic score (a trigger on qa_evaluations),
  // so lowest first walks qa_review_assignments_open_score_idx.
  const byScore = f.sort === "score";
  return queryRows<QueueRow>(
    db,
    sql`select a.id, a.conversation_id, a.reason, a.agent_id, ag.name as agent_name, a.team_id, c.channel,
          ${isoMs(sql`c.started_at`)} as started_at,
          ${keysetAt(sql`c.started_at`)} as cursor_at, c.subject,
          ${conversationPreview(sql`c.org_id`, sql`c.id`)} as preview,
          a.auto_score, a.assignee_user_id, u.name as assignee_name,
          ${isoMs(sql`a.claimed_at`)} as claimed_at, a.claim_kind
        from qa_review_assignments a
        join conversations c on c.org_id = a.org_id and c.id = a.conversation_id
        left join agents ag on ag.org_id = a.org_id and ag.id = a.agent_id
        left join users u on u.id = a.assignee_user_id
        where ${openInScope(orgId, f)}
          ${f.reason ? sql`and a.reason = ${f.reason}` : sql``}
          ${afterRow(f)}
        order by ${byScore ? sql`a.auto_score asc nulls last,` : sql``} c.started_at desc, a.id desc
        limit ${f.limit}`,
  );
}

/** How many conversations wait for review, per reason, in the scope. */
export function countQueue(
  db: Db,
  orgId: string,
  scope: QueueScope,
): Promise<{ reason: string; count: number }[]> {
  return queryRows(
    db,
    sql`select a.reason, count(*)::int as count from qa_review_assignments a
        where ${openInScope(orgId, scope)}
        group by a.reason order by count desc, a.reason`,
  );
}

/** An assignment as a claim sees it: why it was queued, whether it still waits, who holds it. */
export interface ClaimState {
  id: string;
  conversation_id: string;
  reason: string;
  team_id: string | null;
  waiting: boolean;
  assignee_user_id: string | null;
  assignee_name: string | null;
  claimed_at: string | null;
  claim_kind: ClaimKind | null;
}

const claimStateColumns = sql`a.id, a.conversation_id, a.reason, a.team_id,
  (a.status = 'open' and not ${reviewed(sql`a`)}) as waiting,
  a.assignee_user_id, u.name as assignee_name, ${isoMs(sql`a.claimed_at`)} as claimed_at, a.claim_kind`;

/**
 * The organization's assignment with this id, or of this conversation, as a claim sees it;
 * undefined when there is none.
 */
export async function findClaimState(
  db: Db,
  orgId: string,
  key: { id: string } | { conversationId: string },
): Promise<ClaimState | undefined> {
  const [row] = await queryRows<ClaimState>(
    db,
    sql`select ${claimStateColumns}
        from qa_review_assignments a left join users u on u.id = a.assignee_user_id
        where a.org_id = ${orgId}
          and ${"id" in key ? sql`a.id = ${key.id}` : sql`a.conversation_id = ${key.conversationId}`}`,
  );
  return row;
}

/** The organization's assignments with these ids, as a claim sees them (missing ids left out). */
export function findClaimStates(db: Db, orgId: string, ids: readonly string[]) {
  return queryRows<ClaimState>(
    db,
    sql`select ${claimStateColumns}
        from qa_review_assignments a left join users u on u.id = a.assignee_user_id
        where a.org_id = ${orgId} and a.id = any(${uuids(ids)})`,
  );
}

/** How many waiting conversations each of these users holds (those holding none left out). */
export async function countHeld(
  db: Db,
  orgId: string,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await queryRows<{ user_id: string; n: number }>(
    db,
    sql`select a.assignee_user_id as user_id, count(*)::int as n from qa_review_assignments a
        where a.org_id = ${orgId} and a.status = 'open' and not ${reviewed(sql`a`)}
          and a.assignee_user_id = any(${uuids(userIds)})
        group by a.assignee_user_id`,
  );
  return new Map(rows.map((r) => [r.user_id, r.n]));
}

/** A claim's lapse when the org set none (settings.qa.claimLapseHours absent). */
export const DEFAULT_CLAIM_LAPSE_HOURS = 24;

/** settings.qa.claimLapseHours of `o` (an organizations row): the default when absent, null when null. */
const lapseHours = (o: SQL) => sql`case jsonb_typeof(${o}.settings -> 'qa' -> 'claimLapseHours')
  when 'number' then (${o}.settings -> 'qa' ->> 'claimLapseHours')::float8
  when 'null' then null else ${DEFAULT_CLAIM_LAPSE_HOURS} end`;

/** The org's settings.qa.claimLapseHours as it applies: the default when absent, null when null. */
export async function findClaimLapseSetting(db: Db, orgId: string): Promise<number | null> {
  const [row] = await queryRows<{ hours: number | null }>(
    db,
    sql`select ${lapseHours(sql`o`)}::float8 as hours from organizations o where o.id = ${orgId}`,
  );
  return row?.hours ?? null;
}

/** The hours a claim of the org lasts; null when claims never lapse (0 or null). */
export async function findClaimLapseHours(db: Db, orgId: string): Promise<number | null> {
  const hours = await findClaimLapseSetting(db, orgId);
  return hours !== null && hours > 0 ? hours : null;
}

/** A claim the lapse gave back to the queue: who held it and since when. */
export interface LapsedClaim {
  org_id: string;
  id: string;
  assignee_user_id: string;
  claimed_at: string;
}

/**
 * Gives back to the queue up to `limit` claims, of any org, that reviewers took themselves longer
 * ago than their org's settings.qa.claimLapseHours and have not reviewed, oldest first. Rows another
 * transaction holds are skipped (the next run takes them), and a row claimed again meanwhile no
 * longer matches: the conditions are read under the row lock.
 */
export function releaseLapsedClaims(db: Db, limit: number): Promise<LapsedClaim[]> {
  return queryRows<LapsedClaim>(
    db,
    sql`with due as (
          select a.org_id, a.id, a.assignee_user_id, a.claimed_at
          from qa_review_assignments a join organizations o on o.id = a.org_id
          where a.claim_kind = 'claimed' and a.status = 'open' and not ${reviewed(sql`a`)}
            and ${lapseHours(sql`o`)} > 0
            and a.claimed_at <= now() - make_interval(secs => ${lapseHours(sql`o`)} * 3600)
          order by a.claimed_at, a.id
          limit ${limit}
          for update of a skip locked
        )
        update qa_review_assignments a
        set assignee_user_id = null, claimed_at = null, claim_kind = null, updated_at = now()
        from due where a.org_id = due.org_id and a.id = due.id
        returning a.org_id, a.id, due.assignee_user_id, ${isoMs(sql`due.claimed_at`)} as claimed_at`,
  );
}

/**
 * Sets (a user id) or clears (null) who holds the assignment; `claimed_at` is when the present
 * holder got it and `claim_kind` how (both kept while they keep it). With `ifHeldBy` the change happens
 * only while it is held by that user or by nobody (a claim never takes one from someone else, even
 * when two reviewers click at once). The row is locked first, so the answer is who held it just
 * before this change, whatever the caller read earlier: `{ from }`, or null when no open assignment
 * matched.
 */
export async function setAssignee(
  db: Db,
  orgId: string,
  id: string,
  userId: string | null,
  kind: ClaimKind,
  ifHeldBy?: string,
): Promise<{ from: string | null } | null> {
  const kept = (column: SQL, fresh: SQL) =>
    userId
      ? sql`case when q.assignee_user_id = ${userId} then ${column} else ${fresh} end`
      : sql`null`;
  const rows = await queryRows<{ from: string | null }>(
    db,
    sql`update qa_review_assignments q
        set assignee_user_id = ${userId},
          claimed_at = ${kept(sql`q.claimed_at`, sql`now()`)},
          claim_kind = ${kept(sql`q.claim_kind`, sql`${kind}`)},
          updated_at = now()
        from (
          select id, assignee_user_id from qa_review_assignments
          where org_id = ${orgId} and id = ${id} and status = 'open'
            ${ifHeldBy ? sql`and (assignee_user_id is null or assignee_user_id = ${ifHeldBy})` : sql``}
          for update
        ) before
        where q.id = before.id
        returning before.assignee_user_id as "from"`,
  );
  return rows[0] ?? null;
}

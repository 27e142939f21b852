import type { Db } from "../../db/client.ts";
import { decodeKeysetCursor, encodeKeysetCursor } from "../../lib/cursor.ts";
import { AppError } from "../../lib/errors.ts";
import { groupBy } from "../../lib/group-by.ts";
import type { Principal } from "../../lib/principal.ts";
import type { Queue } from "../../jobs/queue.ts";
import { findMember, recordAudit } from "../orgs/index.ts";
import { NOTIFY_ASSIGNMENT_JOB } from "./notify.jobs.ts";
import type { AutoEvaluationRow, ConversationKeys } from "./evaluations.repo.ts";
import { teamScope } from "./evaluations.service.ts";
import * as queue from "./queue.repo.ts";
import * as reviews from "./reviews.repo.ts";

/** Random conversations sampled per agent and week for review. */
export const WEEKLY_SAMPLE = 2;
/**
 * An automatic answer below this confidence asks for a human look: a weak detection by the engine
 * (its signal scores start at 0.5). Answers resting on a signal's absence (0.6) stay above it, or
 * every conversation would qualify.
 */
export const LOW_CONFIDENCE = 0.55;
/** Automatic score (0–100 mapped onto 1–5) this far from predicted satisfaction is a disagreement. */
export const DISAGREEMENT_POINTS = 2;

/**
 * Why a conversation should be reviewed, by the assignment rules, strongest first; null when none
 * applies. Pure, so the rules are tested without a database.
 */
export function reviewReason(
  conv: Pick<ConversationKeys, "satisfaction" | "signal_names" | "agent_id">,
  auto: readonly Pick<AutoEvaluationRow, "score" | "answers">[],
  disputedAgents: ReadonlySet<string>,
): string | null {
  if (conv.satisfaction !== null && conv.satisfaction <= 2) return "low_satisfaction";
  if (conv.signal_names?.includes("complaint")) return "complaint";
  const confidences = auto.flatMap((e) =>
    e.answers
      .filter((a) => a.answer !== "na" && a.confidence !== undefined)
      .map((a) => a.confidence!),
  );
  if (confidences.some((c) => c < LOW_CONFIDENCE)) return "low_confidence";
  const score = auto.find((e) => e.score !== null)?.score;
  if (
    score !== undefined &&
    score !== null &&
    conv.satisfaction !== null &&
    Math.abs(1 + (score / 100) * 4 - conv.satisfaction) >= DISAGREEMENT_POINTS
  )
    return "disagreement";
  if (conv.agent_id && disputedAgents.has(conv.agent_id)) return "disputed_agent";
  return null;
}

/**
 * Re-runs the assignment rules for freshly scored conversations and queues those that match, plus
 * a random sample of up to WEEKLY_SAMPLE per agent and week (a hash of the id decides, so re-runs
 * pick the same ones). Idempotent: a conversation is queued once.
 */
export async function assignReviews(
  db: Db,
  orgId: string,
  keys: readonly ConversationKeys[],
  rows: readonly AutoEvaluationRow[],
): Promise<void> {
  const disputed = await reviews.agentsWithAcceptedDisputes(db, orgId);
  const byConv = groupBy(rows, (r) => r.conversation_id);
  const agents = [...new Set(keys.map((k) => k.agent_id).filter((a): a is string => a !== null))];
  const samples = await reviews.countWeeklySamples(db, orgId, agents, [
    ...new Set(keys.map((k) => k.week)),
  ]);
  const out: reviews.AssignmentInsert[] = [];
  for (const k of keys) {
    let reason = reviewReason(k, byConv.get(k.id) ?? [], disputed);
    const slot = `${k.agent_id}:${k.week}`;
    if (!reason && k.agent_id && (samples.get(slot) ?? 0) < WEEKLY_SAMPLE && sampled(k.id)) {
      reason = "random_weekly";
      samples.set(slot, (samples.get(slot) ?? 0) + 1);
    }
    if (reason)
      out.push({ conversation_id: k.id, reason, agent_id: k.agent_id, team_id: k.team_id });
  }
  await reviews.insertAssignments(db, orgId, out);
}

/** One conversation in four is eligible for the random sample, decided by its id. */
function sampled(id: string): boolean {
  return parseInt(id.slice(-2), 16) % 4 === 0;
}

/** What a queue page asks for (validated at the route). */
export interface QueueQuery {
  teamId?: string | undefined;
  agentId?: string | undefined;
  reason?: string | undefined;
  contactReasonId?: string | undefined;
  /** Only the caller's claims ("me") or those nobody has claimed ("unclaimed"). */
  assignee?: "me" | "unclaimed" | undefined;
  sort?: queue.QueueSort | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A score-sorted page's cursor tag: the last row's automatic score ("none" when it had none). */
const SCORE_TAG = /^score:(none|\d{1,3}(?:\.\d+)?(?:e-?\d+)?)$/;
const isScoreTag = (tag: string): tag is `score:${string}` =>
  SCORE_TAG.test(tag) && (tag === "score:none" || Number(tag.slice(6)) <= 100);

/** The previous page's last row from a cursor of this order (another order's cursor is a 400). */
function queueCursor(q: QueueQuery) {
  if (!q.cursor) return undefined;
  if (q.sort !== "score") return decodeKeysetCursor(q.cursor);
  const { at, id, tag } = decodeKeysetCursor(q.cursor, isScoreTag);
  const raw = tag!.slice(6);
  return { at, id, score: raw === "none" ? null : Number(raw) };
}

/** Who holds an assignment, as the API shows it. */
function presentClaim(
  r: Pick<queue.QueueRow, "assignee_user_id" | "assignee_name" | "claimed_at">,
) {
  return {
    assignee: r.assignee_user_id ? { id: r.assignee_user_id, name: r.assignee_name } : null,
    claimedAt: r.claimed_at,
  };
}

/**
 * Open review assignments, newest conversations first, a page at a time; leaders and QA analysts
 * with a team see their team's. `waiting` counts the whole queue per reason (not only this page),
 * in the same scope (team, agent, contact reason, claims).
 */
export async function listReviewQueue(db: Db, principal: Principal, q: QueueQuery) {
  const scope: queue.QueueScope = {
    teamId: (await teamScope(db, principal)) ?? q.teamId,
    agentId: q.agentId,
    contactReasonId: q.contactReasonId,
    assignee:
      q.assignee === "unclaimed" ? null : q.assignee === "me" ? ownUserId(principal) : undefined,
  };
  const [rows, waiting] = await Promise.all([
    queue.listQueue(db, principal.orgId, {
      ...scope,
      reason: q.reason,
      sort: q.sort,
      before: queueCursor(q),
      limit: q.limit,
    }),
    queue.countQueue(db, principal.orgId, scope),
  ]);
  const last = rows.at(-1);
  return {
    items: rows.map((r) => ({
      id: r.id,
      conversationId: r.conversation_id,
      reason: r.reason,
      agent: r.agent_id ? { id: r.agent_id, name: r.agent_name ?? "" } : null,
      teamId: r.team_id,
      channel: r.channel,
      startedAt: r.started_at,
      subject: r.subject,
      preview: r.preview,
      autoScore: r.auto_score,
      ...presentClaim(r),
    })),
    nextCursor:
      rows.length === q.limit && last
        ? encodeKeysetCursor(
            last.cursor_at,
            last.id,
            q.sort === "score" ? `score:${last.auto_score ?? "none"}` : undefined,
          )
        : null,
    waiting,
  };
}

/** "Mine" needs a person: an API key has no claims. */
function ownUserId(principal: Principal): string {
  if (principal.kind !== "session")
    throw new AppError("VALIDATION_FAILED", {
      message: "query.assignee: 'me' needs a signed-in user, not an API key",
    });
  return principal.userId;
}

/** The assignment if it is in the caller's scope (a leader's or QA analyst's team), else 404. */
async function requireAssignment(db: Db, principal: Principal, id: string) {
  const row = await queue.findClaimState(db, principal.orgId, { id });
  const team = await teamScope(db, principal);
  if (!row || (team !== undefined && row.team_id !== team))
    throw new AppError("NOT_FOUND", { message: "No such review assignment" });
  if (!row.waiting)
    throw new AppError("CONFLICT", { message: "This conversation has already been reviewed" });
  return row;
}

/**
 * The signed-in reviewer takes an assignment, so that nobody else reviews the same conversation;
 * claiming one's own claim again changes nothing. 409 when someone else holds it.
 */
export async function claimReview(db: Db, principal: Principal, id: string) {
  const userId = ownUserId(principal);
  await requireAssignment(db, principal, id);
  const claimed = await queue.setAssignee(db, principal.orgId, id, userId, userId);
  const after = (await queue.findClaimState(db, principal.orgId, { id }))!;
  if (!claimed)
    throw new AppError("CONFLICT", {
      message: `Already claimed by ${after.assignee_name ?? "a former member"}`,
    });
  return { id, ...presentClaim(after) };
}

/**
 * Gives an assignment back to the queue: the reviewer who holds it, or an admin or leader (for a
 * colleague who is away). Releasing an unclaimed assignment changes nothing.
 */
export async function releaseReview(db: Db, principal: Principal, id: string) {
  const userId = ownUserId(principal);
  const row = await requireAssignment(db, principal, id);
  const mayTakeBack = principal.kind === "session" && ["admin", "leader"].includes(principal.role);
  if (row.assignee_user_id && row.assignee_user_id !== userId && !mayTakeBack)
    throw new AppError("FORBIDDEN", {
      message: `Claimed by ${row.assignee_name ?? "a former member"}: only they, a leader or an admin can release it`,
    });
  await queue.setAssignee(db, principal.orgId, id, null);
  return { id, assignee: null, claimedAt: null };
}

/** The roles that review conversations. */
const REVIEWER_ROLES: readonly string[] = ["admin", "leader", "qa"];

/**
 * Whether a member may review a conversation of `teamId` (null: of no team): as `teamScope` scopes
 * them, admins anywhere, a leader or QA analyst without a team anywhere, one with a team only there.
 */
export function mayReview(m: { role: string; teamId: string | null }, teamId: string | null) {
  return (
    REVIEWER_ROLES.includes(m.role) &&
    (m.role === "admin" || m.teamId === null || m.teamId === teamId)
  );
}

/**
 * An admin or leader hands an assignment to a named reviewer (`userId`), taking it from whoever held
 * it, or back to the queue (null). The reviewer must be a member who may review the conversation's
 * team (400 otherwise; 404 for nobody of this organization). Recorded in the audit log; a reviewer
 * handed it by someone else is emailed (NOTIFY_ASSIGNMENT_JOB, queued with the change).
 */
export async function assignReview(
  deps: { db: Db; queue: Queue },
  principal: Principal,
  id: string,
  userId: string | null,
) {
  const { db } = deps;
  const row = await requireAssignment(db, principal, id);
  let by = "An integration (API key)";
  if (userId !== null) {
    const member = await findMember(db, principal.orgId, userId);
    if (!member)
      throw new AppError("NOT_FOUND", { message: "No such member of this organization" });
    if (!mayReview(member, row.team_id))
      throw new AppError("VALIDATION_FAILED", {
        message: `body.userId: ${member.name} cannot review this conversation (${
          REVIEWER_ROLES.includes(member.role) ? "another team's reviewer" : `role ${member.role}`
        })`,
      });
    if (principal.kind === "session")
      by = (await findMember(db, principal.orgId, principal.userId))?.name ?? "A colleague";
  }
  if (row.assignee_user_id !== userId)
    await db.transaction(async (tx) => {
      await queue.setAssignee(tx, principal.orgId, id, userId);
      await recordAudit(
        tx,
        principal.orgId,
        principal,
        "qa.review.assigned",
        { type: "qa_review_assignment", id },
        { from: row.assignee_user_id, to: userId },
      );
      const self = principal.kind === "session" && principal.userId === userId;
      if (userId !== null && !self)
        await deps.queue.enqueue(
          NOTIFY_ASSIGNMENT_JOB,
          { orgId: principal.orgId, assignmentId: id, userId, by },
          { orgId: principal.orgId },
          tx,
        );
    });
  const after = (await queue.findClaimState(db, principal.orgId, { id }))!;
  return { id, ...presentClaim(after) };
}

/**
 * The conversation's place in the review queue for a reviewer (admins, leaders, QA analysts and API
 * keys; a team-scoped reviewer only within their team): why it waits, who holds it and the team it
 * is queued for (who may be handed it). Null when it does not wait, and for agents and executives.
 */
export async function queuedReview(db: Db, principal: Principal, conversationId: string) {
  if (principal.kind === "session" && !REVIEWER_ROLES.includes(principal.role)) return null;
  const row = await queue.findClaimState(db, principal.orgId, { conversationId });
  const team = await teamScope(db, principal);
  if (!row?.waiting || (team !== undefined && row.team_id !== team)) return null;
  return { id: row.id, reason: row.reason, teamId: row.team_id, ...presentClaim(row) };
}

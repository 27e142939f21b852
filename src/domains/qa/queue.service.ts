import type { Db } from "../../db/client.ts";
import { decodeKeysetCursor, encodeKeysetCursor } from "../../lib/cursor.ts";
import { groupBy } from "../../lib/group-by.ts";
import type { Principal } from "../../lib/principal.ts";
import { ownUserId, presentClaim, REVIEWER_ROLES } from "./claim-state.ts";
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
  const [rows, waiting, lapseHours] = await Promise.all([
    queue.listQueue(db, principal.orgId, {
      ...scope,
      reason: q.reason,
      sort: q.sort,
      before: queueCursor(q),
      limit: q.limit,
    }),
    queue.countQueue(db, principal.orgId, scope),
    queue.findClaimLapseHours(db, principal.orgId),
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
      ...presentClaim(r, lapseHours),
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
  const lapseHours = await queue.findClaimLapseHours(db, principal.orgId);
  return { id: row.id, reason: row.reason, teamId: row.team_id, ...presentClaim(row, lapseHours) };
}

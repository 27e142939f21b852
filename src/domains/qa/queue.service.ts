import type { Db } from "../../db/client.ts";
import { decodeKeysetCursor, encodeKeysetCursor } from "../../lib/cursor.ts";
import type { Principal } from "../../lib/principal.ts";
import type { AutoEvaluationRow, ConversationKeys } from "./evaluations.repo.ts";
import { teamScope } from "./evaluations.service.ts";
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
  const byConv = new Map<string, AutoEvaluationRow[]>();
  for (const r of rows)
    byConv.set(r.conversation_id, [...(byConv.get(r.conversation_id) ?? []), r]);
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
  reason?: string | undefined;
  contactReasonId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Open review assignments, newest conversations first, a page at a time; leaders and QA analysts
 * with a team see their team's. `waiting` counts the whole queue per reason (not only this page).
 */
export async function listReviewQueue(db: Db, principal: Principal, q: QueueQuery) {
  const scope = await teamScope(db, principal);
  const teamId = scope ?? q.teamId;
  const [rows, waiting] = await Promise.all([
    reviews.listQueue(db, principal.orgId, {
      teamId,
      contactReasonId: q.contactReasonId,
      reason: q.reason,
      before: q.cursor ? decodeKeysetCursor(q.cursor) : undefined,
      limit: q.limit,
    }),
    reviews.countQueue(db, principal.orgId, { teamId, contactReasonId: q.contactReasonId }),
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
    })),
    nextCursor:
      rows.length === q.limit && last ? encodeKeysetCursor(last.cursor_at, last.id) : null,
    waiting,
  };
}

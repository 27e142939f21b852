import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { findAgentIdsOfUser } from "../conversations/index.ts";
import { criteriaOf, type Definition } from "./definition.ts";
import * as evaluations from "./evaluations.repo.ts";
import { agentFacing } from "./gating.service.ts";
import type { Evaluation, SubmitReviewBody } from "./qa.schemas.ts";
import * as reviews from "./reviews.repo.ts";
import { autoAnswers, scoreAnswers, type Answer } from "./score.ts";
import * as scorecards from "./scorecards.repo.ts";

/** The agent ids a principal is limited to: an agent's own; undefined for everyone else. */
export async function ownAgentIds(db: Db, principal: Principal): Promise<string[] | undefined> {
  if (principal.kind === "session" && principal.role === "agent")
    return findAgentIdsOfUser(db, principal.orgId, principal.userId);
  return undefined;
}

/**
 * The team a leader or QA analyst with a team is limited to in queues, disputes and reports ("QA and
 * leaders see their teams"); undefined for admins, executives, API keys and members without a team.
 */
export async function teamScope(db: Db, principal: Principal): Promise<string | undefined> {
  if (principal.kind !== "session" || (principal.role !== "leader" && principal.role !== "qa"))
    return undefined;
  return (await reviews.findMemberTeam(db, principal.orgId, principal.userId)) ?? undefined;
}

/** The conversation's keys if the principal may see it (agents: their own), else 404. */
export async function requireVisibleConversation(db: Db, principal: Principal, id: string) {
  const [conv] = await evaluations.loadConversationKeys(db, principal.orgId, [id]);
  const own = await ownAgentIds(db, principal);
  if (!conv || (own && (!conv.agent_id || !own.includes(conv.agent_id))))
    throw new AppError("CONVERSATION_NOT_FOUND", { message: "No such conversation" });
  return conv;
}

export function presentEvaluation(e: evaluations.EvaluationRow): Evaluation {
  return {
    id: e.id,
    conversationId: e.conversation_id,
    scorecardId: e.scorecard_id,
    version: e.version,
    kind: e.kind,
    score: e.score,
    criteria: e.answers,
    reviewerUserId: e.reviewer_user_id,
    agentId: e.agent_id,
    comments: e.comments,
    acknowledgedAt: e.acknowledged_at,
    createdAt: e.created_at,
  };
}

/** A conversation's automatic and human evaluations (the verification contract's shape). */
export async function getConversationQa(db: Db, principal: Principal, conversationId: string) {
  await requireVisibleConversation(db, principal, conversationId);
  const rows = await evaluations.listConversationEvaluations(db, principal.orgId, conversationId);
  const items = rows.map(presentEvaluation);
  const isAgent = principal.kind === "session" && principal.role === "agent";
  return { items: isAgent ? await agentFacing(db, principal.orgId, items) : items };
}

/** An evaluation the principal may see (agents: their own), else 404. */
export async function requireVisibleEvaluation(db: Db, principal: Principal, id: string) {
  const e = await evaluations.findEvaluation(db, principal.orgId, id);
  const own = await ownAgentIds(db, principal);
  if (
    !e ||
    (own && (!e.agent_id || !own.includes(e.agent_id))) ||
    (own && e.calibration_session_id)
  )
    throw new AppError("EVALUATION_NOT_FOUND", { message: "No such evaluation" });
  return e;
}

/**
 * Merges a reviewer's answers over the automatic ones: a given answer that differs from the rule's
 * keeps the rule's as `original` (a correction); a criterion left out keeps the rule's answer; a
 * criterion no rule answered must be answered.
 */
export function mergeHumanAnswers(
  definition: Definition,
  auto: readonly Answer[],
  given: SubmitReviewBody["answers"],
  agentId: string | null,
): Answer[] {
  const criteria = criteriaOf(definition);
  const known = new Set(criteria.map((c) => c.key));
  const unknown = given.find((g) => !known.has(g.key));
  if (unknown) throw invalid(`answers: no criterion ${unknown.key} in this scorecard`);
  const byKey = new Map(given.map((g) => [g.key, g]));
  const autoByKey = new Map(auto.map((a) => [a.key, a]));
  return criteria.map((c) => {
    const g = byKey.get(c.key);
    const a = autoByKey.get(c.key);
    const base = { key: c.key, evidence: a?.evidence ?? [], agentId: a?.agentId ?? agentId };
    if (!g) {
      if (!a || a.answer === "pending") throw invalid(`answers: ${c.key} needs an answer`);
      return { ...a };
    }
    let answer: Answer["answer"];
    if (c.scale === "five_point") {
      if (g.answer === "na") answer = "na";
      else if (g.value === undefined) throw invalid(`answers: ${c.key} needs a value 1–5 or na`);
      else answer = g.value >= 3 ? "pass" : "fail";
    } else {
      if (!g.answer) throw invalid(`answers: ${c.key} needs pass, fail or na`);
      answer = g.answer;
    }
    const corrected =
      a && a.answer !== "pending" && a.answer !== answer
        ? {
            original: {
              answer: a.answer,
              ...(a.confidence === undefined ? {} : { confidence: a.confidence }),
            },
          }
        : {};
    return {
      ...base,
      answer,
      ...(c.scale === "five_point" && g.value !== undefined && answer !== "na"
        ? { value: g.value }
        : {}),
      ...corrected,
      ...(g.note ? { note: g.note } : {}),
    };
  });
}

const invalid = (message: string) => new AppError("VALIDATION_FAILED", { message });

/**
 * A reviewer's evaluation of a conversation, submitted once: the automatic answers corrected where
 * the reviewer disagrees (the original kept), comments on specific messages.
 */
export async function submitReview(
  db: Db,
  principal: Principal,
  conversationId: string,
  body: SubmitReviewBody,
  calibrationSessionId: string | null = null,
): Promise<Evaluation> {
  const conv = await requireVisibleConversation(db, principal, conversationId);
  const v = await scorecards.findVersion(
    db,
    principal.orgId,
    body.scorecardId,
    body.version ?? "published",
  );
  if (!v || v.status === "draft")
    throw new AppError("SCORECARD_NOT_FOUND", { message: "No such published scorecard version" });
  const messages = await evaluations.loadFactMessages(db, principal.orgId, [conversationId]);
  const auto = autoAnswers(v.definition, {
    messages: messages.get(conversationId) ?? [],
    agentId: conv.agent_id,
  });
  const answers = mergeHumanAnswers(v.definition, auto, body.answers, conv.agent_id);
  const ids = new Set((messages.get(conversationId) ?? []).map((m) => m.id));
  const foreign = body.comments.find((c) => !ids.has(c.messageId));
  if (foreign) throw invalid(`comments: message ${foreign.messageId} is not in this conversation`);
  const id = await reviews.insertHumanEvaluation(db, principal.orgId, {
    conversationId,
    scorecardId: v.scorecard_id,
    versionId: v.id,
    version: v.version,
    reviewerUserId: principal.kind === "session" ? principal.userId : null,
    calibrationSessionId,
    agentId: conv.agent_id,
    teamId: conv.team_id,
    customerId: conv.customer_id,
    channel: conv.channel,
    week: conv.week,
    score: scoreAnswers(v.definition, answers),
    answers,
    comments: body.comments,
  });
  if (!id)
    throw new AppError("REVIEW_ALREADY_SUBMITTED", {
      message: "you already submitted a review of this conversation with this scorecard version",
    });
  await reviews.completeAssignment(db, principal.orgId, conversationId, id);
  return presentEvaluation((await evaluations.findEvaluation(db, principal.orgId, id))!);
}

/** The evaluated agent confirms having read the evaluation. */
export async function acknowledge(db: Db, principal: Principal, id: string): Promise<Evaluation> {
  const e = await requireVisibleEvaluation(db, principal, id);
  const own = (await ownAgentIds(db, principal)) ?? [];
  if (!e.agent_id || !own.includes(e.agent_id))
    throw new AppError("FORBIDDEN", { message: "only the evaluated agent acknowledges" });
  await reviews.acknowledgeEvaluation(db, principal.orgId, id);
  return presentEvaluation((await evaluations.findEvaluation(db, principal.orgId, id))!);
}

import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { recordAudit } from "../orgs/index.ts";
import { ownAgentIds, requireVisibleEvaluation, teamScope } from "./evaluations.service.ts";
import * as evaluations from "./evaluations.repo.ts";
import type { DisputeBodySchema, ResolveDisputeBodySchema } from "./qa.schemas.ts";
import * as reviews from "./reviews.repo.ts";
import { scoreAnswers, type Answer } from "./score.ts";
import * as scorecards from "./scorecards.repo.ts";

function present(d: reviews.DisputeRow) {
  return {
    id: d.id,
    evaluationId: d.evaluation_id,
    conversationId: d.conversation_id,
    agentId: d.agent_id,
    criterionKeys: d.criterion_keys,
    reason: d.reason,
    status: d.status,
    dueAt: d.due_at,
    resolvedBy: d.resolved_by,
    resolution: d.resolution,
  };
}

/** The evaluated agent disputes a whole evaluation or some of its answers, with a reason. */
export async function raiseDispute(
  db: Db,
  principal: Principal,
  evaluationId: string,
  body: z.infer<typeof DisputeBodySchema>,
) {
  const e = await requireVisibleEvaluation(db, principal, evaluationId);
  const own = (await ownAgentIds(db, principal)) ?? [];
  if (principal.kind !== "session" || !e.agent_id || !own.includes(e.agent_id))
    throw new AppError("DISPUTE_NOT_ALLOWED", {
      message: "only the evaluated agent may dispute an evaluation",
    });
  const keys = new Set(e.answers.map((a) => a.key));
  const unknown = body.criterionKeys.find((k) => !keys.has(k));
  if (unknown)
    throw new AppError("VALIDATION_FAILED", {
      message: `criterionKeys: no answer ${unknown} in this evaluation`,
    });
  const open = await reviews.listDisputes(db, principal.orgId, { evaluationId });
  if (open.some((d) => d.status === "open"))
    throw new AppError("CONFLICT", { message: "this evaluation already has an open dispute" });
  const id = await db.transaction(async (tx) => {
    const created = await reviews.insertDispute(tx, principal.orgId, {
      evaluationId,
      agentId: e.agent_id!,
      raisedBy: principal.userId,
      keys: body.criterionKeys,
      reason: body.reason,
    });
    await recordAudit(tx, principal.orgId, principal, "qa.dispute.raised", {
      type: "qa_dispute",
      id: created,
    });
    return created;
  });
  return present((await reviews.listDisputes(db, principal.orgId, { id }))[0]!);
}

export async function listDisputes(db: Db, principal: Principal) {
  const own = await ownAgentIds(db, principal);
  const teamId = await teamScope(db, principal);
  return {
    items: (await reviews.listDisputes(db, principal.orgId, { agentIds: own, teamId })).map(
      present,
    ),
  };
}

/** Turns the accepted answers (a fail becomes a pass), keeping what they were as `original`. */
function overturn(answers: Answer[], keys: ReadonlySet<string>): Answer[] {
  return answers.map((a) => {
    if (!keys.has(a.key) || a.answer !== "fail") return a;
    const original = a.original ?? {
      answer: a.answer,
      ...(a.confidence === undefined ? {} : { confidence: a.confidence }),
    };
    return { ...a, answer: "pass", original };
  });
}

/**
 * A leader who did not write the evaluation resolves a dispute: upheld (nothing changes), partly
 * (the listed answers are overturned) or overturned (every disputed answer, or every failed one when
 * the whole evaluation was disputed). The score is recomputed; the change is audited.
 */
export async function resolveDispute(
  db: Db,
  principal: Principal,
  id: string,
  body: z.infer<typeof ResolveDisputeBodySchema>,
) {
  const [d] = await reviews.listDisputes(db, principal.orgId, { id });
  if (!d) throw new AppError("DISPUTE_NOT_FOUND", { message: "No such dispute" });
  if (d.status !== "open")
    throw new AppError("DISPUTE_ALREADY_RESOLVED", { message: `already ${d.status}` });
  const e = (await evaluations.findEvaluation(db, principal.orgId, d.evaluation_id))!;
  const userId = principal.kind === "session" ? principal.userId : null;
  if (userId && e.reviewer_user_id === userId)
    throw new AppError("DISPUTE_NOT_ALLOWED", {
      message: "the original reviewer may not resolve a dispute of their own evaluation",
    });
  const disputed = new Set(
    d.criterion_keys.length > 0 ? d.criterion_keys : e.answers.map((a) => a.key),
  );
  const outside = body.criterionKeys.find((k) => !disputed.has(k));
  if (outside)
    throw new AppError("VALIDATION_FAILED", {
      message: `criterionKeys: ${outside} was not disputed`,
    });
  if (body.outcome === "partly" && body.criterionKeys.length === 0)
    throw new AppError("VALIDATION_FAILED", {
      message: "criterionKeys: name the answers accepted when a dispute is partly accepted",
    });
  const accepted =
    body.outcome === "upheld"
      ? new Set<string>()
      : body.outcome === "partly"
        ? new Set(body.criterionKeys)
        : disputed;
  const version = (await scorecards.findVersionById(db, principal.orgId, e.version_id))!;
  const answers = overturn(e.answers, accepted);
  await db.transaction(async (tx) => {
    if (
      !(await reviews.resolveDispute(tx, principal.orgId, id, {
        status: body.outcome,
        resolvedBy: userId,
        resolution: body.note,
      }))
    )
      throw new AppError("DISPUTE_ALREADY_RESOLVED", { message: "already resolved" });
    if (accepted.size > 0)
      await reviews.updateEvaluationAnswers(
        tx,
        principal.orgId,
        e.id,
        answers,
        scoreAnswers(version.definition, answers),
      );
    await recordAudit(
      tx,
      principal.orgId,
      principal,
      "qa.dispute.resolved",
      { type: "qa_dispute", id },
      {
        outcome: body.outcome,
        overturned: [...accepted],
      },
    );
  });
  return present((await reviews.listDisputes(db, principal.orgId, { id }))[0]!);
}

import type { z } from "zod";
import type {
  CreateCalibrationBodySchema,
  ListCalibrationsQuerySchema,
  SubmitReviewBody,
} from "./qa.schemas.ts";
import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { decodeKeysetCursor, encodeKeysetCursor } from "../../lib/cursor.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { recordAudit } from "../orgs/index.ts";
import { computeAgreement } from "./agreement.ts";
import * as repo from "./calibration.repo.ts";
import * as evaluations from "./evaluations.repo.ts";
import { presentEvaluation, submitReview } from "./evaluations.service.ts";
import { NOTIFY_CALIBRATION_JOB, REMINDER_AFTER_MS } from "./notify.jobs.ts";
import { autoAnswers } from "./score.ts";
import * as scorecards from "./scorecards.repo.ts";

const invalid = (message: string) => new AppError("VALIDATION_FAILED", { message });

function userIdOf(principal: Principal): string | null {
  return principal.kind === "session" ? principal.userId : null;
}

/** Puts the same conversations blind to several reviewers against the scorecard's published version. */
export async function createCalibration(
  deps: { db: Db; queue: Queue },
  principal: Principal,
  body: z.infer<typeof CreateCalibrationBodySchema>,
) {
  const { db, queue } = deps;
  const v = await scorecards.findVersion(db, principal.orgId, body.scorecardId, "published");
  if (!v)
    throw new AppError("SCORECARD_NOT_FOUND", { message: "No published scorecard with that id" });
  const conversationIds = [...new Set(body.conversationIds)];
  const reviewerUserIds = [...new Set(body.reviewerUserIds)];
  if (reviewerUserIds.length < 2)
    throw invalid("reviewerUserIds: at least two different reviewers");
  const found = await repo.existingConversations(db, principal.orgId, conversationIds);
  const missing = conversationIds.find((id) => !found.has(id));
  if (missing) throw invalid(`conversationIds: no conversation ${missing} in this organization`);
  const reviewers = await repo.findReviewers(db, principal.orgId, reviewerUserIds);
  const notReviewer = reviewerUserIds.find((id) => !reviewers.has(id));
  if (notReviewer)
    throw invalid(`reviewerUserIds: ${notReviewer} is not a QA analyst, leader or admin here`);
  const id = await db.transaction(async (tx) => {
    const created = await repo.insertSession(tx, principal.orgId, {
      name: body.name,
      versionId: v.id,
      conversationIds,
      reviewerUserIds,
      createdBy: userIdOf(principal) ?? reviewerUserIds[0]!,
      dueAt: body.dueAt ?? null,
    });
    await recordAudit(tx, principal.orgId, principal, "qa.calibration.created", {
      type: "qa_calibration",
      id: created,
    });
    // Reviewers are invited at once and reminded a day before the due date (or after two days).
    const payload = { orgId: principal.orgId, sessionId: created };
    const remindAt = body.dueAt
      ? new Date(Math.max(Date.now(), Date.parse(body.dueAt) - 86_400_000))
      : new Date(Date.now() + REMINDER_AFTER_MS);
    await queue.enqueue(
      NOTIFY_CALIBRATION_JOB,
      { ...payload, kind: "invitation" },
      { orgId: principal.orgId },
      tx,
    );
    await queue.enqueue(
      NOTIFY_CALIBRATION_JOB,
      { ...payload, kind: "reminder" },
      { orgId: principal.orgId, runAt: remindAt },
      tx,
    );
    return created;
  });
  return getCalibration(db, principal, id);
}

/**
 * A page of sessions, newest first, with each reviewer's progress; `awaitingMe` marks (and with
 * `awaitingMe=true` keeps only) what the caller still has to answer.
 */
export async function listCalibrations(
  db: Db,
  principal: Principal,
  q: z.output<typeof ListCalibrationsQuerySchema>,
) {
  const me = userIdOf(principal);
  // An API key reviews nothing, so nothing awaits it.
  if (q.awaitingMe === "true" && me === null) return { items: [], nextCursor: null };
  const sessions = await repo.listSessions(db, principal.orgId, {
    limit: q.limit,
    before: q.cursor ? decodeKeysetCursor(q.cursor) : undefined,
    awaitingUserId: q.awaitingMe === "true" ? (me ?? undefined) : undefined,
  });
  const submitted = await repo.countSubmitted(
    db,
    principal.orgId,
    sessions.map((s) => s.id),
  );
  const last = sessions.length === q.limit ? sessions.at(-1) : undefined;
  return {
    items: sessions.map((s) => {
      const done = (u: string) => submitted.get(`${s.id}:${u}`) ?? 0;
      return {
        id: s.id,
        name: s.name,
        conversations: s.conversation_ids.length,
        reviewers: s.reviewer_user_ids.map((u) => ({ userId: u, submitted: done(u) })),
        complete: s.reviewer_user_ids.every((u) => done(u) >= s.conversation_ids.length),
        awaitingMe:
          me !== null && s.reviewer_user_ids.includes(me) && done(me) < s.conversation_ids.length,
        dueAt: s.due_at,
        createdAt: s.created_at,
      };
    }),
    nextCursor: last ? encodeKeysetCursor(last.cursor_at, last.id) : null,
  };
}

/**
 * A session. Blind: a reviewer sees the others' answers and the agreement only once they have
 * submitted every conversation; someone outside the session sees them once everyone has.
 */
export async function getCalibration(db: Db, principal: Principal, id: string) {
  const s = await repo.findSession(db, principal.orgId, id);
  if (!s) throw new AppError("CALIBRATION_NOT_FOUND", { message: "No such calibration session" });
  const version = (await scorecards.findVersionById(db, principal.orgId, s.version_id))!;
  const all = await evaluations.listEvaluationsOfSession(db, principal.orgId, id);
  const me = userIdOf(principal);
  const mine = all.filter((e) => e.reviewer_user_id === me);
  const total = s.conversation_ids.length;
  const everyone = s.reviewer_user_ids.every(
    (u) => all.filter((e) => e.reviewer_user_id === u).length >= total,
  );
  const isReviewer = me !== null && s.reviewer_user_ids.includes(me);
  const revealed = isReviewer ? mine.length >= total : everyone;
  let agreement = null;
  if (revealed) {
    const facts = await evaluations.loadFactMessages(db, principal.orgId, s.conversation_ids);
    const keys = await evaluations.loadConversationKeys(db, principal.orgId, s.conversation_ids);
    const auto = new Map(
      keys.map((k) => [
        k.id,
        autoAnswers(version.definition, { messages: facts.get(k.id) ?? [], agentId: k.agent_id }),
      ]),
    );
    agreement = computeAgreement(
      version.definition,
      all.map((e) => ({
        reviewerUserId: e.reviewer_user_id!,
        conversationId: e.conversation_id,
        answers: e.answers,
      })),
      auto,
    );
  }
  return {
    id: s.id,
    name: s.name,
    scorecardId: version.scorecard_id,
    version: version.version,
    conversationIds: s.conversation_ids,
    reviewerUserIds: s.reviewer_user_ids,
    dueAt: s.due_at,
    complete: everyone,
    revealed,
    evaluations: (revealed ? all : mine).map(presentEvaluation),
    agreement,
  };
}

/** A reviewer's blind answers for one conversation of the session, submitted once. */
export async function submitCalibrationReview(
  db: Db,
  principal: Principal,
  id: string,
  body: {
    conversationId: string;
    answers: SubmitReviewBody["answers"];
    comments?: SubmitReviewBody["comments"];
  },
) {
  const s = await repo.findSession(db, principal.orgId, id);
  if (!s) throw new AppError("CALIBRATION_NOT_FOUND", { message: "No such calibration session" });
  const me = userIdOf(principal);
  if (!me || !s.reviewer_user_ids.includes(me))
    throw new AppError("FORBIDDEN", {
      message: "you are not a reviewer of this calibration session",
    });
  if (!s.conversation_ids.includes(body.conversationId))
    throw invalid("conversationId: not a conversation of this calibration session");
  const version = (await scorecards.findVersionById(db, principal.orgId, s.version_id))!;
  return submitReview(
    db,
    principal,
    body.conversationId,
    {
      scorecardId: version.scorecard_id,
      version: version.version,
      answers: body.answers,
      comments: body.comments ?? [],
    },
    id,
  );
}

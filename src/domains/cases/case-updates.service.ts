import type { Db } from "../../db/client.ts";
import type { EscalationLevel } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import { clockJson, computeClocks } from "./case-clocks.ts";
import { allowedTransitions, reviewRequired, statusChangeAllowed } from "./case-workflow.ts";
import * as repo from "./cases.repo.ts";
import * as history from "./case-history.repo.ts";
import * as reviews from "./case-reviews.repo.ts";
import type { PatchCaseBody, ReviewBody } from "./cases.schemas.ts";
import {
  checkCaseRefs,
  levelRank,
  refreshClocks,
  requireCase,
  toCaseView,
} from "./cases.service.ts";
import { notifyEscalation } from "./notifications.service.ts";
import { findMemberRole } from "./notifications.repo.ts";
import { findRootCause } from "./root-causes.repo.ts";
import type { ClockPolicy } from "./sla.ts";

/** Changes to a case: each under the case's row lock, each appending to its history. */

export async function getCaseDetail(db: Db, orgId: string, id: string, now = Date.now()) {
  const row = await requireCase(db, orgId, id);
  const events = await history.listEvents(db, orgId, id);
  const { clocks } = computeClocks(row.clockPolicy as unknown as ClockPolicy, events, now);
  const review = await reviews.findReview(db, orgId, id);
  return {
    case: toCaseView(row),
    clocks: clocks.map(clockJson),
    events: events.map((e) => ({
      id: e.id,
      seq: e.seq,
      type: e.type,
      at: e.at.toISOString(),
      actorUserId: e.actorUserId,
      data: e.data,
    })),
    conversationIds: await history.listLinkedConversations(db, orgId, id),
    review: review
      ? {
          whatHappened: review.whatHappened,
          rootCauseId: review.rootCauseId,
          whatWillChange: review.whatWillChange,
          ownerUserId: review.ownerUserId,
          createdAt: review.createdAt.toISOString(),
        }
      : null,
    reviewRequired: reviewRequired(row) && review === null,
    allowedTransitions: [...allowedTransitions(row.status)],
  };
}

/** Locks the case, checks the version the caller read, runs `change`, refreshes the clocks. */
async function withCase<T>(
  db: Db,
  orgId: string,
  id: string,
  version: number | undefined,
  change: (tx: Db, row: repo.CaseRow) => Promise<T>,
) {
  return db.transaction(async (tx) => {
    const row = await repo.lockCase(tx, orgId, id);
    if (!row) throw new AppError("CASE_NOT_FOUND", { message: "No such case" });
    if (version !== undefined && row.version !== version)
      throw new AppError("CASE_VERSION_CONFLICT", {
        message: `the case changed since you read it (version ${version}, now ${row.version}): reload it`,
        details: { currentVersion: row.version },
      });
    const result = await change(tx, row);
    const fresh = (await repo.findCase(tx, orgId, id))!;
    const { row: refreshed } = await refreshClocks(tx, fresh);
    return { case: refreshed, result };
  });
}

async function checkRefs(db: Db, orgId: string, body: PatchCaseBody) {
  await checkCaseRefs(db, orgId, body);
  if (body.rootCauseId && !(await findRootCause(db, orgId, body.rootCauseId)))
    throw new AppError("ROOT_CAUSE_NOT_FOUND", { message: "body.rootCauseId: no such root cause" });
}

/** PATCH: a stale `version` is 409 and changes nothing; an invalid transition is 409 too. */
export async function updateCase(
  db: Db,
  orgId: string,
  actorUserId: string | null,
  id: string,
  body: PatchCaseBody,
  now = new Date(),
) {
  await checkRefs(db, orgId, body);
  const { case: row } = await withCase(db, orgId, id, body.version, async (tx, current) => {
    const events: history.NewCaseEvent[] = [];
    const patch: Partial<repo.NewCase> = {};
    const ev = (type: string, data: Record<string, unknown>) =>
      events.push({ type, at: now, actorUserId, data: { ...data, reason: body.reason } });
    if (body.status !== undefined && body.status !== current.status) {
      if (!statusChangeAllowed(current.status, body.status))
        throw new AppError("CASE_TRANSITION_INVALID", {
          message: `a ${current.status} case cannot become ${body.status}; allowed: ${allowedTransitions(current.status).join(", ")}`,
        });
      if (body.status === "closed" && reviewRequired(current)) {
        if (!(await reviews.findReview(tx, orgId, id)))
          throw new AppError("CASE_REVIEW_REQUIRED", {
            message: "closing a severe or breached case needs its lessons-learned review first",
          });
      }
      patch.status = body.status;
      if (body.status === "resolved") patch.resolvedAt = now;
      if (body.status === "closed") patch.closedAt = now;
      if (body.status === "reopened") Object.assign(patch, { resolvedAt: null, closedAt: null });
      ev("status_changed", { from: current.status, to: body.status });
    }
    if (body.severity !== undefined && body.severity !== current.severity) {
      patch.severity = body.severity;
      ev("severity_changed", { from: current.severity, to: body.severity });
    }
    if (body.escalationLevel !== undefined && body.escalationLevel !== current.escalationLevel) {
      patch.escalationLevel = body.escalationLevel;
      ev("escalated", {
        from: current.escalationLevel,
        to: body.escalationLevel,
        trigger: "manual",
      });
    }
    for (const key of ["title", "category", "rootCauseId", "ownerUserId", "teamId"] as const) {
      const value = body[key];
      if (value !== undefined && value !== current[key]) {
        Object.assign(patch, { [key]: value });
        ev(`${key === "ownerUserId" || key === "teamId" ? "assigned" : "updated"}`, {
          field: key,
          from: current[key],
          to: value,
        });
      }
    }
    if (events.length === 0) return;
    await repo.updateCaseVersioned(tx, orgId, id, current.version, patch);
    const written = await history.appendEvents(tx, orgId, id, events);
    const updated = (await repo.findCase(tx, orgId, id))!;
    for (const e of written.filter((w) => w.type === "escalated"))
      await notifyEscalation(tx, updated, e);
  });
  return toCaseView(row);
}

/** Appends one event (note, response, milestone) and bumps the version. */
async function appendOne(
  db: Db,
  orgId: string,
  id: string,
  event: history.NewCaseEvent,
): Promise<ReturnType<typeof toCaseView>> {
  const { case: row } = await withCase(db, orgId, id, undefined, async (tx, current) => {
    await repo.updateCaseVersioned(tx, orgId, id, current.version, {});
    await history.appendEvents(tx, orgId, id, [event]);
  });
  return toCaseView(row);
}

export async function addNote(
  db: Db,
  orgId: string,
  actor: string | null,
  id: string,
  text: string,
) {
  return appendOne(db, orgId, id, {
    type: "note",
    at: new Date(),
    actorUserId: actor,
    data: { text },
  });
}

/** Records a response to the customer: stops the first-response clock. */
export async function recordResponse(
  db: Db,
  orgId: string,
  actor: string | null,
  id: string,
  at = new Date(),
) {
  return appendOne(db, orgId, id, { type: "responded", at, actorUserId: actor, data: {} });
}

/** Records a regulatory milestone (acknowledgement, summary resolution, holding reply, final response). */
export async function recordMilestone(
  db: Db,
  orgId: string,
  actor: string | null,
  id: string,
  milestone: string,
  at = new Date(),
) {
  return appendOne(db, orgId, id, {
    type: "milestone",
    at,
    actorUserId: actor,
    data: { milestone },
  });
}

/** Escalates a case to `level` when that is higher than where it is; null when it is not. */
export async function escalateCase(
  db: Db,
  c: repo.CaseRow,
  level: EscalationLevel,
  trigger: string,
  at = new Date(),
) {
  if (levelRank(level) <= levelRank(c.escalationLevel)) return null;
  await repo.updateCaseVersioned(db, c.orgId, c.id, c.version, { escalationLevel: level });
  const [event] = await history.appendEvents(db, c.orgId, c.id, [
    { type: "escalated", at, data: { from: c.escalationLevel, to: level, trigger } },
  ]);
  const updated = (await repo.findCase(db, c.orgId, c.id))!;
  await notifyEscalation(db, updated, event!);
  return updated;
}

export async function recordReview(
  db: Db,
  orgId: string,
  actor: string | null,
  id: string,
  body: ReviewBody,
) {
  if (body.rootCauseId && !(await findRootCause(db, orgId, body.rootCauseId)))
    throw new AppError("ROOT_CAUSE_NOT_FOUND", { message: "body.rootCauseId: no such root cause" });
  if (body.ownerUserId && !(await findMemberRole(db, orgId, body.ownerUserId)))
    throw new AppError("USER_NOT_FOUND", { message: "body.ownerUserId: no such member" });
  await withCase(db, orgId, id, undefined, async (tx, current) => {
    await reviews.upsertReview(tx, {
      orgId,
      caseId: id,
      whatHappened: body.whatHappened,
      rootCauseId: body.rootCauseId ?? null,
      whatWillChange: body.whatWillChange,
      ownerUserId: body.ownerUserId ?? null,
      authorUserId: actor,
    });
    const patch = body.rootCauseId ? { rootCauseId: body.rootCauseId } : {};
    await repo.updateCaseVersioned(tx, orgId, id, current.version, patch);
    await history.appendEvents(tx, orgId, id, [
      { type: "review_recorded", at: new Date(), actorUserId: actor, data: { ...body } },
    ]);
  });
  return getCaseDetail(db, orgId, id);
}

import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { findMember, recordAudit } from "../orgs/index.ts";
import {
  inTeamScope,
  mayReview,
  presentClaim,
  requireAssignment,
  REVIEWER_ROLES,
} from "./claim-state.ts";
import { teamScope } from "./evaluations.service.ts";
import { NOTIFY_ASSIGNMENT_JOB, NOTIFY_ASSIGNMENTS_JOB } from "./notify.jobs.ts";
import type { BulkAssignBody } from "./qa.schemas.ts";
import * as queue from "./queue.repo.ts";

type Deps = { db: Db; queue: Queue };
type Member = NonNullable<Awaited<ReturnType<typeof findMember>>>;
/** One hand-out: the assignment as read before, and who gets it (null: back to the queue). */
interface HandOut {
  row: queue.ClaimState;
  userId: string | null;
}

/** The member a hand-out names, 404 for nobody of this organization (`field` names the input). */
async function requireMember(db: Db, orgId: string, userId: string, field: string) {
  const member = await findMember(db, orgId, userId);
  if (!member)
    throw new AppError("NOT_FOUND", { message: `${field}: no such member of this organization` });
  return member;
}

/** Why a member may not review a conversation of `teamId`, or null when they may. */
function whyNot(member: Member, teamId: string | null): string | null {
  if (mayReview(member, teamId)) return null;
  return REVIEWER_ROLES.includes(member.role) ? "another team's reviewer" : `role ${member.role}`;
}

/** Who handed the work out, as the reviewer's email names them. */
async function handerName(db: Db, principal: Principal) {
  if (principal.kind !== "session") return "An integration (API key)";
  return (await findMember(db, principal.orgId, principal.userId))?.name ?? "A colleague";
}

/**
 * Writes hand-outs in one transaction: each change in the audit log (`qa.review.assigned`, from and
 * to), and each reviewer other than the caller emailed once, listing all theirs. A hand-out to the
 * caller themselves is their own claim (it lapses); one to someone else does not. Returns the ids
 * that changed (an assignment reviewed and closed meanwhile does not).
 */
async function applyHandOuts(deps: Deps, principal: Principal, list: readonly HandOut[]) {
  const self = (userId: string) => principal.kind === "session" && principal.userId === userId;
  const todo = list.filter((h) => h.row.assignee_user_id !== h.userId);
  const changed = new Set<string>();
  if (todo.length === 0) return changed;
  const by = await handerName(deps.db, principal);
  await deps.db.transaction(async (tx) => {
    const notify = new Map<string, string[]>();
    for (const { row, userId } of todo) {
      const kind = userId !== null && self(userId) ? "claimed" : "assigned";
      // Who held it as the row was locked: `row` was read before the transaction, and a claim or
      // hand-out may have come in between.
      const before = await queue.setAssignee(tx, principal.orgId, row.id, userId, kind);
      if (before === null || before.from === userId) continue;
      changed.add(row.id);
      const target = { type: "qa_review_assignment", id: row.id };
      const details = { from: before.from, to: userId };
      await recordAudit(tx, principal.orgId, principal, "qa.review.assigned", target, details);
      if (userId !== null && !self(userId))
        notify.set(userId, [...(notify.get(userId) ?? []), row.id]);
    }
    const orgId = principal.orgId;
    for (const [userId, ids] of notify)
      await (ids.length === 1
        ? deps.queue.enqueue(
            NOTIFY_ASSIGNMENT_JOB,
            { orgId, assignmentId: ids[0], userId, by },
            { orgId },
            tx,
          )
        : deps.queue.enqueue(
            NOTIFY_ASSIGNMENTS_JOB,
            { orgId, assignmentIds: ids, userId, by },
            { orgId },
            tx,
          ));
  });
  return changed;
}

/**
 * An admin or leader hands an assignment to a named reviewer (`userId`), taking it from whoever held
 * it, or back to the queue (null). The reviewer must be a member who may review the conversation's
 * team (400 otherwise; 404 for nobody of this organization). Recorded in the audit log; a reviewer
 * handed it by someone else is emailed (NOTIFY_ASSIGNMENT_JOB, queued with the change).
 */
export async function assignReview(
  deps: Deps,
  principal: Principal,
  id: string,
  userId: string | null,
) {
  const { db } = deps;
  const row = await requireAssignment(db, principal, id);
  if (userId !== null) {
    const member = await requireMember(db, principal.orgId, userId, "body.userId");
    const why = whyNot(member, row.team_id);
    if (why)
      throw new AppError("VALIDATION_FAILED", {
        message: `body.userId: ${member.name} cannot review this conversation (${why})`,
      });
  }
  await applyHandOuts(deps, principal, [{ row, userId }]);
  const after = (await queue.findClaimState(db, principal.orgId, { id }))!;
  return { id, ...presentClaim(after, await queue.findClaimLapseHours(db, principal.orgId)) };
}

/**
 * Deals the waiting assignments among reviewers: to the eligible one holding the fewest (ties in
 * the order given); one already held by an eligible reviewer of the list stays with them. 400 when
 * nobody of the list may review one of them.
 */
function deal(rows: readonly queue.ClaimState[], reviewers: Member[], held: Map<string, number>) {
  const out: HandOut[] = [];
  for (const row of rows) {
    const eligible = reviewers.filter((m) => mayReview(m, row.team_id));
    if (eligible.length === 0)
      throw new AppError("VALIDATION_FAILED", {
        message: `body.spread: none of them may review assignment ${row.id} (${reviewers
          .map((m) => `${m.name}: ${whyNot(m, row.team_id)}`)
          .join("; ")})`,
      });
    const holder = eligible.find((m) => m.id === row.assignee_user_id);
    const pick =
      holder ?? eligible.reduce((a, b) => ((held.get(b.id) ?? 0) < (held.get(a.id) ?? 0) ? b : a));
    if (!holder) held.set(pick.id, (held.get(pick.id) ?? 0) + 1);
    out.push({ row, userId: pick.id });
  }
  return out;
}

/**
 * Hands out up to 200 assignments at once (`POST /qa/queue/assignments`): to one reviewer
 * (`userId`, null: back to the queue) or dealt evenly among several (`spread`). The reviewers are
 * checked first, all or nothing, as for a single hand-out (404 for nobody of this organization; 400
 * naming who and why when one may not review one of the conversations); then each id has its own
 * outcome, so one unknown, out-of-scope or reviewed id costs nothing else. One email per reviewer.
 */
export async function assignReviewsInBulk(deps: Deps, principal: Principal, body: BulkAssignBody) {
  const { db } = deps;
  const { orgId } = principal;
  const team = await teamScope(db, principal);
  const found = new Map(
    (await queue.findClaimStates(db, orgId, body.ids))
      .filter((r) => inTeamScope(team, r.team_id))
      .map((r) => [r.id, r]),
  );
  const waiting = body.ids
    .map((id) => found.get(id))
    .filter((r): r is queue.ClaimState => r?.waiting === true);
  let list: HandOut[];
  if (body.spread) {
    const reviewers: Member[] = [];
    for (const [i, userId] of body.spread.entries()) {
      const member = await requireMember(db, orgId, userId, `body.spread[${i}]`);
      if (!REVIEWER_ROLES.includes(member.role))
        throw new AppError("VALIDATION_FAILED", {
          message: `body.spread[${i}]: ${member.name} cannot review conversations (role ${member.role})`,
        });
      reviewers.push(member);
    }
    list = deal(waiting, reviewers, await queue.countHeld(db, orgId, body.spread));
  } else {
    const userId = body.userId ?? null;
    if (userId !== null) {
      const member = await requireMember(db, orgId, userId, "body.userId");
      for (const row of waiting) {
        const why = whyNot(member, row.team_id);
        if (why)
          throw new AppError("VALIDATION_FAILED", {
            message: `body.userId: ${member.name} cannot review assignment ${row.id} (${why})`,
          });
      }
    }
    list = waiting.map((row) => ({ row, userId }));
  }
  const changed = await applyHandOuts(deps, principal, list);
  const hours = await queue.findClaimLapseHours(db, orgId);
  const after = new Map(
    (
      await queue.findClaimStates(
        db,
        orgId,
        waiting.map((r) => r.id),
      )
    ).map((r) => [r.id, r]),
  );
  const none = { assignee: null, claimedAt: null, claimLapsesAt: null };
  return {
    items: body.ids.map((id) => {
      const row = after.get(id);
      if (!found.has(id)) return { id, outcome: "not_found" as const, ...none };
      if (!row?.waiting) return { id, outcome: "reviewed" as const, ...none };
      const outcome = changed.has(id) ? ("assigned" as const) : ("unchanged" as const);
      return { id, outcome, ...presentClaim(row, hours) };
    }),
  };
}

import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { recordAudit } from "../orgs/index.ts";
import { ownUserId, presentClaim, requireAssignment } from "./claim-state.ts";
import * as queue from "./queue.repo.ts";

/**
 * The signed-in reviewer takes an assignment, so that nobody else reviews the same conversation;
 * claiming one's own claim again changes nothing. 409 when someone else holds it. The claim lapses
 * after the org's settings.qa.claimLapseHours (RELEASE_LAPSED_CLAIMS_JOB gives it back).
 */
export async function claimReview(db: Db, principal: Principal, id: string) {
  const userId = ownUserId(principal);
  await requireAssignment(db, principal, id);
  const claimed = await queue.setAssignee(db, principal.orgId, id, userId, "claimed", userId);
  const after = (await queue.findClaimState(db, principal.orgId, { id }))!;
  if (claimed === null)
    throw new AppError("CONFLICT", {
      message: `Already claimed by ${after.assignee_name ?? "a former member"}`,
    });
  return { id, ...presentClaim(after, await queue.findClaimLapseHours(db, principal.orgId)) };
}

/**
 * Gives an assignment back to the queue: the reviewer who holds it, or an admin or leader (for a
 * colleague who is away). Releasing an unclaimed assignment changes nothing; 409 when a leader
 * handed it to someone else since the reviewer's release was checked. A release is written to the
 * audit log (`qa.review.released`: reason "released" by the holder, "taken_back" by another).
 */
export async function releaseReview(db: Db, principal: Principal, id: string) {
  const userId = ownUserId(principal);
  const row = await requireAssignment(db, principal, id);
  const mayTakeBack = principal.kind === "session" && ["admin", "leader"].includes(principal.role);
  if (row.assignee_user_id && row.assignee_user_id !== userId && !mayTakeBack)
    throw new AppError("FORBIDDEN", {
      message: `Claimed by ${row.assignee_name ?? "a former member"}: only they, a leader or an admin can release it`,
    });
  // A reviewer releases only while they (or nobody) hold it: a hand-out after `row` was read stays.
  const ifHeldBy = mayTakeBack ? undefined : userId;
  const released = await queue.setAssignee(db, principal.orgId, id, null, "claimed", ifHeldBy);
  if (released?.from)
    await recordAudit(
      db,
      principal.orgId,
      principal,
      "qa.review.released",
      { type: "qa_review_assignment", id },
      { reason: released.from === userId ? "released" : "taken_back", from: released.from },
    );
  if (released === null && ifHeldBy !== undefined) {
    const now = (await queue.findClaimState(db, principal.orgId, { id }))!;
    if (now.waiting && now.assignee_user_id !== null)
      throw new AppError("CONFLICT", {
        message: `Meanwhile handed to ${now.assignee_name ?? "a former member"}: not released`,
      });
  }
  return { id, assignee: null, claimedAt: null, claimLapsesAt: null };
}

export const RELEASE_LAPSED_CLAIMS_JOB = "qa.release-lapsed-claims";
/** Lapsed claims released per transaction: a backlog (a long outage) commits in small steps. */
export const LAPSE_BATCH = 500;

/**
 * Gives every organization's lapsed claims back to the queue (claims reviewers took themselves and
 * left unreviewed past settings.qa.claimLapseHours), a batch per transaction, each release in the
 * audit log as `qa.review.released` with reason "lapsed". Idempotent: a released claim no longer
 * matches. Returns how many it released.
 */
export async function releaseLapsedClaims(db: Db, batch = LAPSE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const released = await db.transaction(async (tx) => {
      const rows = await queue.releaseLapsedClaims(tx, batch);
      for (const r of rows)
        await recordAudit(
          tx,
          r.org_id,
          { kind: "job", job: RELEASE_LAPSED_CLAIMS_JOB },
          "qa.review.released",
          { type: "qa_review_assignment", id: r.id },
          { reason: "lapsed", from: r.assignee_user_id, claimedAt: r.claimed_at },
        );
      return rows.length;
    });
    total += released;
    if (released < batch) return total;
  }
}

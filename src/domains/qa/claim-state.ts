import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { teamScope } from "./evaluations.service.ts";
import * as queue from "./queue.repo.ts";

/** The roles that review conversations. */
export const REVIEWER_ROLES: readonly string[] = ["admin", "leader", "qa"];

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
 * Who holds an assignment, as the API shows it. A claim the reviewer took themselves lapses
 * `lapseHours` after they took it (null: claims never lapse); one handed to them does not.
 */
export function presentClaim(
  r: Pick<queue.QueueRow, "assignee_user_id" | "assignee_name" | "claimed_at" | "claim_kind">,
  lapseHours: number | null,
) {
  const lapses = r.claimed_at !== null && r.claim_kind === "claimed" && lapseHours !== null;
  return {
    assignee: r.assignee_user_id ? { id: r.assignee_user_id, name: r.assignee_name } : null,
    claimedAt: r.claimed_at,
    claimLapsesAt: lapses
      ? new Date(Date.parse(r.claimed_at!) + lapseHours * 3_600_000).toISOString()
      : null,
  };
}

/** "Mine" needs a person: an API key has no claims. */
export function ownUserId(principal: Principal): string {
  if (principal.kind !== "session")
    throw new AppError("VALIDATION_FAILED", {
      message: "query.assignee: 'me' needs a signed-in user, not an API key",
    });
  return principal.userId;
}

/** Whether the caller's team scope (undefined: none) covers an assignment of `teamId`. */
export const inTeamScope = (team: string | undefined, teamId: string | null) =>
  team === undefined || teamId === team;

/** The assignment if it is in the caller's scope (a leader's or QA analyst's team), else 404. */
export async function requireAssignment(db: Db, principal: Principal, id: string) {
  const row = await queue.findClaimState(db, principal.orgId, { id });
  if (!row || !inTeamScope(await teamScope(db, principal), row.team_id))
    throw new AppError("NOT_FOUND", { message: "No such review assignment" });
  if (!row.waiting)
    throw new AppError("CONFLICT", { message: "This conversation has already been reviewed" });
  return row;
}

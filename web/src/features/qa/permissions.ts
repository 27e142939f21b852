import type { Role, User } from "../../lib/types";

/** Reviewing, the review queue and calibration: QA analysts, team leaders and admins. */
export const CAN_REVIEW: readonly Role[] = ["admin", "leader", "qa"];
/** Building and publishing scorecards. */
export const CAN_BUILD_SCORECARDS: readonly Role[] = ["admin", "qa"];
/** Resolving disputes: leaders and admins. */
export const CAN_RESOLVE_DISPUTES: readonly Role[] = ["admin", "leader"];
/** Handing queued conversations to a named reviewer: leaders and admins. */
export const CAN_ASSIGN_REVIEWS: readonly Role[] = ["admin", "leader"];

/**
 * Whether a member may review a conversation of `teamId`, as the server decides (`mayReview` in
 * src/domains/qa/queue.service.ts): admins anywhere; a leader or QA analyst without a team anywhere,
 * one with a team only there.
 */
export function mayReview(user: Pick<User, "role" | "teamId">, teamId: string | null): boolean {
  if (!CAN_REVIEW.includes(user.role)) return false;
  return user.role === "admin" || user.teamId === null || user.teamId === teamId;
}

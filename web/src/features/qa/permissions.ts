import type { Role } from "../../lib/types";

/** Reviewing, the review queue and calibration: QA analysts, team leaders and admins. */
export const CAN_REVIEW: readonly Role[] = ["admin", "leader", "qa"];
/** Building and publishing scorecards. */
export const CAN_BUILD_SCORECARDS: readonly Role[] = ["admin", "qa"];
/** Resolving disputes: leaders and admins. */
export const CAN_RESOLVE_DISPUTES: readonly Role[] = ["admin", "leader"];

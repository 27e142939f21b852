/** Quality assurance: scorecards, automatic QA on every conversation, reviews, disputes, calibration. */
export {
  scoreConversationsJob,
  backfillJob,
  compactQaRollupsJob,
  releaseLapsedClaimsJob,
  RELEASE_LAPSED_EVERY_MS,
  SCORE_JOB,
  BACKFILL_JOB,
} from "./qa.jobs.ts";
export { scoreConversations, runBackfill } from "./auto.service.ts";
export { ensureStarterScorecards, listScorecards } from "./scorecards.service.ts";
export { scorecardsRoutes } from "./scorecards.routes.ts";
export { queueRoutes } from "./queue.routes.ts";
export { reviewsRoutes } from "./reviews.routes.ts";
export { krippendorffAlpha } from "./krippendorff.ts";
export { STARTER_SCORECARDS } from "./starter.ts";
export { seedDemoQa } from "./demo.ts";
export { qaReport } from "./insights.service.ts";
export { notifyAssignmentJob, notifyAssignmentsJob, notifyCalibrationJob } from "./notify.jobs.ts";

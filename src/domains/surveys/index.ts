/** Voice of the customer: surveys under one contact-pressure budget, respondent pages, the closed loop. */
export { surveysRoutes } from "./surveys.routes.ts";
export { surveyPageRoutes } from "./pages.routes.ts";
export {
  CASE_CLOSED_EVERY_MS,
  deliverInvitationsJob,
  escalateFollowUpsJob,
  ESCALATE_EVERY_MS,
  inviteOnClosedCasesJob,
  inviteOnResolvedJob,
  notifyCustomerJob,
  runSchedulesJob,
  SCHEDULE_EVERY_MS,
} from "./surveys.jobs.ts";
export { decideInvitations, type DecideOptions } from "./invitations.service.ts";
export { setDeliveryConfig } from "./delivery.ts";
export { seedSurveyDemo } from "./demo.ts";
export { inviteOnClosedCases } from "./case-closed.service.ts";
export { pulseRoutes } from "./pulse.routes.ts";
/** The latest survey score of one customer (live assist rules). */
export { findLastSurveyScore } from "./customer-history.repo.ts";
export { createSurveyThrottles } from "./pages.routes.ts";
export { surveyAnswerRoute } from "./bare-answer.routes.ts";

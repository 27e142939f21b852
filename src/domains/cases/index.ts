/**
 * Cases: complaints and requests with replayable SLA and regulatory clocks, the escalation matrix,
 * the public escalation page, frontline authority, lessons-learned reviews and root causes.
 */
export { openCase, type OpenCaseInput } from "./cases.service.ts";
/** Customers with an open case: surveys invite none of them (issue 9, contact pressure). */
export { findCustomersWithOpenCases } from "./cases.repo.ts";
/** Cases resolved or closed since a time, with their conversation: "case closed" surveys read them. */
export { findCasesFinishedSince } from "./cases.repo.ts";
export { openCaseFromFollowUp, type SurveyFollowUpFacts } from "./from-survey.service.ts";
/** Opens complaint cases for analysed conversations; idempotent (the cases listener's work). */
export { openCasesForConversations } from "./complaints.service.ts";
export { casesRoutes } from "./cases.routes.ts";
export { casesAdminRoutes } from "./cases-admin.routes.ts";
export { slaPoliciesRoutes } from "./sla-policies.routes.ts";
export { escalationPages, publicEscalationRoutes } from "./public.routes.ts";
export {
  DIGEST_EVERY_MS,
  HOLIDAY_FEEDS_EVERY_MS,
  refreshHolidayFeedsJob,
  emailCaseNotificationsJob,
  ESCALATE_EVERY_MS,
  escalateCasesJob,
  openComplaintCasesJob,
  weeklyDigestJob,
} from "./cases.jobs.ts";
export { seedDemoCases } from "./demo-cases.ts";
export { recomputeOpenClocks } from "./recompute.service.ts";
export { complianceReport } from "./case-reports.service.ts";
export { getCaseDetail } from "./case-updates.service.ts";
/** Open cases and past complaints of one customer (live assist rules). */
export { findCustomerCaseHistory, type CustomerCaseHistory } from "./customer-history.repo.ts";

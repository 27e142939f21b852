/**
 * People: fair holistic scorecards per agent, team and org (observed, expected for the case mix,
 * adjusted, with n and 95 % intervals), goals with measured progress and drop alerts, coaching
 * sessions with a measured effect, and each agent's own home page.
 */
export { peopleRoutes } from "./people.routes.ts";
export {
  CATCH_UP_EVERY_MS,
  catchUpFactsJob,
  rebaseJob,
  REBASE_EVERY_MS,
  refreshFactsJob,
} from "./people.jobs.ts";
export { catchUp, rebaseOrg, refreshConversations } from "./refresh.service.ts";
export { getAgentScorecard, getTeamScorecards, getOrgScorecards } from "./people.service.ts";
export { seedDemoPeople } from "./demo.ts";
export { METRIC_KEYS, type MetricKey } from "./metrics.ts";

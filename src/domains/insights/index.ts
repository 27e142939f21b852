/**
 * Insights: contact reasons found without labels (with leaders' edits, incremental assignment,
 * weekly trends and spike alerts), the fix registry with measured impact, and the executives'
 * weekly digest. Other domains join `conversation_reasons` (org_id, conversation_id → reason_id)
 * and `fix_conversations` (org_id, fix_id, conversation_id, started_at: a fix's saved-search matches).
 */
export { insightsRoutes } from "./insights.routes.ts";
export {
  assignReasonsJob,
  fillFixConversationsJob,
  INSIGHTS_EVERY_MS,
  insightsHourlyJob,
  matchFixSearchesJob,
  reclusterReasonsJob,
} from "./insights.jobs.ts";
export { assignReasons, reclusterReasons } from "./reasons.service.ts";
export { seedDemoInsights } from "./demo.ts";
export { fixImpact, getFix, listFixes, type FixImpact } from "./fixes.service.ts";

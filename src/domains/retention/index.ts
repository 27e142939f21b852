/** Retention: message text deleted after a period each org sets, the measurements kept. */
export { retentionRoutes } from "./retention.routes.ts";
export { APPLY_RETENTION_EVERY_MS, applyRetentionJob } from "./retention.jobs.ts";
export { applyRetention, getRetentionSettings } from "./retention.service.ts";

/** Reports: rollups kept current by triggers, read by every report endpoint. */
export { compactRollups, overview, rebuildRollups, volumeByDay } from "./reports.service.ts";
export { COMPACT_ROLLUPS_EVERY_MS, compactRollupsJob } from "./reports.jobs.ts";
export { reportsRoutes } from "./reports.routes.ts";

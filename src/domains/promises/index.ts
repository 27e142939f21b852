/** Promised versus actual: promises the engine detects, tracked to kept or broken, and stated response times. */
export { promisesRoutes } from "./promises.routes.ts";
export { trackPromisesJob, settleDuePromisesJob, SETTLE_EVERY_MS } from "./promises.jobs.ts";
export { trackPromises, settleOverduePromises } from "./tracking.service.ts";
export { keepRateReport, responseTimesReport } from "./promises.service.ts";
export { seedDemoPromises } from "./demo.ts";
export { reasonOf, UNCLASSIFIED } from "./reason.ts";

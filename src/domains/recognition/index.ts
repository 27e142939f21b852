/**
 * Recognition: wow stories (collected on the org's schedule, anonymised and published by a curator,
 * a feed and an e-mail digest), kudos between colleagues, and the best-practice library.
 */
export { recognitionRoutes } from "./recognition.routes.ts";
export { bestPracticesRoutes } from "./best-practices.routes.ts";
export { runRecognitionSchedulesJob, RECOGNITION_EVERY_MS } from "./recognition.jobs.ts";
export { collectCandidates, runDueSchedules } from "./wow.service.ts";
export { buildDigest, sendDigest, setDigestSmtp } from "./digest.service.ts";
export { myRecognition, agentRecognition } from "./kudos.service.ts";
export {
  listLibrary as listBestPractices,
  listCitable as listCitableBestPractices,
  type LibraryItem as BestPracticeItem,
} from "./best-practices.service.ts";
export { seedDemoRecognition } from "./demo.ts";

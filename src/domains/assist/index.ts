/**
 * Live assist: the stateless assist endpoint (alerts, framing nudges, knowledge, next best actions),
 * the org's rewrite library and rules, the agents' verdicts on suggestions, and the supervisor
 * wallboard with requests to join.
 */
export { assistRoutes } from "./assist.routes.ts";
export { assistLibraryRoutes } from "./library.routes.ts";
export { assistConversation } from "./assist.service.ts";
export { seedDemoAssist } from "./demo-assist.ts";

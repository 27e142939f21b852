/** Live calls over WebSocket: platforms stream utterances, subscribers watch the analysis. */
export {
  DEFAULT_LIVE_OPTIONS,
  LIVE_PATH,
  liveServerOf,
  mountLiveCalls,
  type LiveOptions,
  type LiveServer,
} from "./live.ts";
export { createInProcessHub, type LiveHub } from "./hub.ts";
export type { LiveClientFrame, LiveServerFrame } from "./live.schemas.ts";

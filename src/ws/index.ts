/** Live calls over WebSocket: platforms stream utterances, subscribers watch the analysis. */
export {
  DEFAULT_LIVE_OPTIONS,
  LIVE_PATH,
  liveServerOf,
  mountLiveCalls,
  type LiveOptions,
  type LiveServer,
} from "./live.ts";
export { ASYNCAPI_PATH, buildLiveAsyncApi, LIVE_FRAMES, mountLiveAsyncApi } from "./asyncapi.ts";
export { createInProcessHub, type LiveHub } from "./hub.ts";
export {
  LIVE_ERROR_CODES,
  LiveClientFrameSchema,
  LiveServerFrameSchema,
  type LiveClientFrame,
  type LiveServerFrame,
} from "./live.schemas.ts";

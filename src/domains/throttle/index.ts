/** Abuse limits: failure counts with exponential backoff, stored in the database. */
export {
  blockSecondsFor,
  clearFailures,
  LOGIN_ACCOUNT_POLICY,
  LOGIN_CLIENT_POLICY,
  SETUP_POLICY,
  purgeThrottles,
  recordFailure,
  retryAfterSeconds,
  type ThrottlePolicy,
} from "./throttle.service.ts";
export { BLOCK_SYNC_MS, LocalThrottle } from "./local-throttle.ts";

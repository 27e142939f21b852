import type { ThrottlePolicy } from "../throttle/index.ts";

/**
 * Abuse limits of the public widget API, through the shared throttle (counts in the database,
 * so every process sees them). A count is forgotten after its idle time, so a visitor who pauses
 * for a minute starts afresh; polls are not counted (see docs/widget.md).
 */

/** New chats per client address: 30, then a block of a minute doubling up to an hour. */
export const WIDGET_SESSION_POLICY: ThrottlePolicy = {
  name: "widget-session",
  freeAttempts: 30,
  baseBlockSeconds: 60,
  maxBlockSeconds: 3600,
  forgetAfterSeconds: 600,
};

/** Messages from one visitor without a one-minute pause: 60, far above a person typing. */
export const WIDGET_VISITOR_POLICY: ThrottlePolicy = {
  name: "widget-visitor",
  freeAttempts: 60,
  baseBlockSeconds: 30,
  maxBlockSeconds: 600,
  forgetAfterSeconds: 60,
};

/** Messages from one client address (an office behind one NAT has many visitors): 600. */
export const WIDGET_CLIENT_POLICY: ThrottlePolicy = {
  name: "widget-client",
  freeAttempts: 600,
  baseBlockSeconds: 30,
  maxBlockSeconds: 900,
  forgetAfterSeconds: 60,
};

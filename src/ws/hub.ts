import type { LiveServerFrame } from "./live.schemas.ts";

/**
 * Fan-out of live-call frames to subscribers, keyed by organization and call. The key always
 * includes the organization, so a subscriber can only ever hear calls of its own tenant.
 *
 * Today's implementation is in-process: the platform streaming a call and its subscribers must
 * be connected to the same `rapport serve` process. To run several API processes behind a load
 * balancer, replace it with a PostgreSQL LISTEN/NOTIFY hub with the same interface:
 *   - `publish` runs `select pg_notify('rapport_live', json)` with `{orgId, callId, frame}`
 *     (NOTIFY payloads are limited to 8000 bytes: send a small frame, or store the analysis in a
 *     table and notify its id);
 *   - each process LISTENs once on a dedicated connection (not the pool) and dispatches
 *     notifications to its local listeners with the in-process map below;
 *   - `isLive` becomes a query for an open `source = 'live'` conversation of that org, since the
 *     call may be owned by another process.
 * Callers already treat `publish` as fire-and-forget and `subscribe` as local, so the swap does
 * not touch them.
 */
export interface LiveHub {
  publish(orgId: string, callId: string, frame: LiveServerFrame): void;
  /** Returns the unsubscribe function. */
  subscribe(orgId: string, callId: string, listener: (frame: LiveServerFrame) => void): () => void;
}

const keyOf = (orgId: string, callId: string) => `${orgId}\u0000${callId}`;

/** The single-process hub: a map of listener sets. */
export function createInProcessHub(onListenerError: (err: unknown) => void = () => {}): LiveHub {
  const listeners = new Map<string, Set<(frame: LiveServerFrame) => void>>();
  return {
    publish(orgId, callId, frame) {
      for (const listener of listeners.get(keyOf(orgId, callId)) ?? []) {
        try {
          listener(frame);
        } catch (err) {
          // One broken subscriber must not stop the others from hearing the call.
          onListenerError(err);
        }
      }
    },
    subscribe(orgId, callId, listener) {
      const key = keyOf(orgId, callId);
      let set = listeners.get(key);
      if (!set) {
        set = new Set();
        listeners.set(key, set);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(key);
        current?.delete(listener);
        if (current?.size === 0) listeners.delete(key);
      };
    },
  };
}

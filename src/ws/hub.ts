import type { LiveServerFrame } from "./live.schemas.ts";

/**
 * Fan-out of live-call frames to subscribers, keyed by organization and call. The key always
 * includes the organization, so a subscriber can only ever hear calls of its own tenant.
 *
 * Two implementations: in-process (PGlite, or one `rapport serve` process) below, and across processes
 * over PostgreSQL LISTEN/NOTIFY (`pg-hub.ts`), chosen by `mountLiveCalls` when the server runs on
 * PostgreSQL, so a supervisor connected to one API process hears a call streamed into another.
 * Callers treat `publish` as fire-and-forget and `subscribe` as local.
 */
export interface LiveHub {
  publish(orgId: string, callId: string, frame: LiveServerFrame): void;
  /** Returns the unsubscribe function. */
  subscribe(orgId: string, callId: string, listener: (frame: LiveServerFrame) => void): () => void;
  /**
   * Whether another process streams this call, and its utterance count then; null when none does
   * (the in-process hub knows no other process). The caller has already looked at its own calls.
   */
  locate(orgId: string, callId: string): Promise<number | null>;
  close(): Promise<void>;
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
    locate: () => Promise.resolve(null),
    close: () => Promise.resolve(),
  };
}

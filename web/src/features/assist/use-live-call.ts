import { useEffect, useState } from "react";
import type { AssistMessage } from "./assist.api";

export interface LiveCallState {
  messages: AssistMessage[];
  customerExternalId: string | undefined;
  status: "connecting" | "live" | "ended" | "not_found" | "closed";
}

interface AnalysisFrame {
  type: "analysis";
  seq: number;
  utterance?: { speaker: "customer" | "agent"; text: string };
  customerExternalId?: string;
}
type Frame = AnalysisFrame | { type: "subscribed" | "ended" } | { type: "error"; code: string };

/** The highest seq up to which every frame has arrived; -1 before the first. */
function lastContiguous(bySeq: Map<number, AssistMessage>): number {
  let seq = -1;
  while (bySeq.has(seq + 1)) seq++;
  return seq;
}

/**
 * Subscribes to a live call over `/api/v1/live` (session cookie) and collects its transcript from
 * the analysis frames, in `seq` order: the server first sends the frames it still holds (the last
 * 256 utterances), so a panel opened mid-call shows what was said so far. Reconnects once a second
 * while the page is open, resuming after the last frame received.
 */
export function useLiveCall(callId: string): LiveCallState {
  const [state, setState] = useState<LiveCallState>({
    messages: [],
    customerExternalId: undefined,
    status: "connecting",
  });
  useEffect(() => {
    let socket: WebSocket | null = null;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const bySeq = new Map<number, AssistMessage>();
    const connect = () => {
      const scheme = window.location.protocol === "https:" ? "wss" : "ws";
      socket = new WebSocket(`${scheme}://${window.location.host}/api/v1/live`);
      // lastSeq asks for what was said before the panel opened (-1: nothing yet), or since the
      // last frame received when reconnecting.
      const subscribe = () =>
        socket?.send(JSON.stringify({ type: "subscribe", callId, lastSeq: lastContiguous(bySeq) }));
      socket.onopen = subscribe;
      socket.onmessage = (event) => {
        const frame = JSON.parse(String(event.data)) as Frame;
        if (frame.type === "subscribed") setState((s) => ({ ...s, status: "live" }));
        else if (frame.type === "ended") setState((s) => ({ ...s, status: "ended" }));
        else if (frame.type === "error" && frame.code === "CALL_NOT_FOUND") {
          setState((s) => ({ ...s, status: s.messages.length > 0 ? "ended" : "not_found" }));
          // The call may not have started yet: ask again until it does.
          retry = setTimeout(() => {
            if (socket?.readyState === WebSocket.OPEN) subscribe();
          }, 1_000);
        } else if (frame.type === "analysis" && frame.utterance) {
          bySeq.set(frame.seq, { role: frame.utterance.speaker, text: frame.utterance.text });
          const messages = [...bySeq.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m);
          setState((s) => ({
            ...s,
            messages,
            customerExternalId: frame.customerExternalId ?? s.customerExternalId,
            status: "live",
          }));
        }
      };
      socket.onclose = () => {
        if (stopped) return;
        setState((s) => (s.status === "live" ? { ...s, status: "closed" } : s));
        retry = setTimeout(connect, 1_000);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [callId]);
  return state;
}

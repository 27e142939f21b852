/**
 * Call timings from utterance offsets (seconds from call start): silences longer than a threshold,
 * overtalk between customer and agent, and the agent's share of speaking time. Utterances may
 * arrive slightly out of order (diarisation jitter); each is compared with the latest end so far.
 */
import type { CallTimings } from "./types.ts";

type Side = "customer" | "agent";
type Span = { start: number; end: number; seconds: number };

export interface TimingState {
  silenceSeconds: number;
  /** Latest end of any utterance so far. */
  lastEnd: number | undefined;
  lastEndBySide: Record<Side, number | undefined>;
  agentSeconds: number;
  totalSeconds: number;
  silences: Span[];
  overtalk: Span[];
}

export function createTimings(silenceSeconds: number): TimingState {
  return {
    silenceSeconds,
    lastEnd: undefined,
    lastEndBySide: { customer: undefined, agent: undefined },
    agentSeconds: 0,
    totalSeconds: 0,
    silences: [],
    overtalk: [],
  };
}

function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Adds one utterance; ignores non-finite or reversed offsets. */
export function addUtterance(state: TimingState, side: Side, start: number, end: number): void {
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start || start < 0) return;
  const duration = end - start;
  state.totalSeconds += duration;
  if (side === "agent") state.agentSeconds += duration;
  if (state.lastEnd !== undefined && start - state.lastEnd > state.silenceSeconds) {
    state.silences.push({
      start: r3(state.lastEnd),
      end: r3(start),
      seconds: r3(start - state.lastEnd),
    });
  }
  const other = state.lastEndBySide[side === "agent" ? "customer" : "agent"];
  if (other !== undefined && start < other) {
    const overlapEnd = Math.min(end, other);
    if (overlapEnd > start)
      state.overtalk.push({
        start: r3(start),
        end: r3(overlapEnd),
        seconds: r3(overlapEnd - start),
      });
  }
  state.lastEnd = state.lastEnd === undefined ? end : Math.max(state.lastEnd, end);
  const mine = state.lastEndBySide[side];
  state.lastEndBySide[side] = mine === undefined ? end : Math.max(mine, end);
}

export function snapshotTimings(state: TimingState): CallTimings {
  return {
    silences: state.silences.slice(),
    overtalk: state.overtalk.slice(),
    agentTalkRatio: state.totalSeconds > 0 ? r3(state.agentSeconds / state.totalSeconds) : 0,
  };
}

/**
 * Conversation aggregation with running state: every message is folded in once (O(1) amortised,
 * plus a repetition check against earlier customer messages), and a snapshot is cheap to build, so
 * the streaming analyser can return a full ConversationAnalysis after every message.
 */
import type { MessageDetail } from "./analyze-message.ts";
import { scoreTurnFeedback } from "./feedback.ts";
import { predictSatisfaction, type SatisfactionFeatures } from "./satisfaction.ts";
import {
  AGENT_SIGNALS,
  CUSTOMER_SIGNALS,
  INTERNAL_SIGNALS,
  type CallTimings,
  type ConversationAnalysis,
  type MessageAnalysis,
  type MessageInput,
  type SentimentResult,
  type Signal,
  type SignalName,
  type Trajectory,
} from "./types.ts";
import { contentKeys, isRepetition } from "./conversation-effort.ts";
import {
  createTimings,
  addUtterance,
  snapshotTimings,
  type TimingState,
} from "./conversation-timings.ts";

export interface ConversationOptions {
  /** Gap between utterances counted as a silence, in seconds (default 5). */
  silenceSeconds?: number;
  /** Customer wait for the next agent reply counted as long, in seconds (default 120: a chat norm). */
  longWaitSeconds?: number;
}

/** Customer sentiment below this (and above POSITIVE) reads as negative (positive) overall. */
const NEGATIVE = -0.1;
const POSITIVE = 0.1;
/** A start at or below this that ends at or above POSITIVE is a recovery. */
const RECOVERY_START = -0.2;
/** Change between first and last customer message that counts as improving or deteriorating. */
const TRAJECTORY_DELTA = 0.3;

/** Characters of the agent turn kept for judging the customer's reaction to it. */
const AGENT_TURN_MAX = 2_000;

const SIGNAL_ORDER: ReadonlyMap<SignalName, number> = new Map(
  [...CUSTOMER_SIGNALS, ...AGENT_SIGNALS, ...INTERNAL_SIGNALS].map((n, i) => [n, i]),
);
const AGENT_NEGATIVE: ReadonlySet<SignalName> = new Set([
  "blame_shifting",
  "negative_framing",
  "unprofessional",
]);

export interface ConversationState {
  options: Required<ConversationOptions>;
  messages: MessageAnalysis[];
  /** Per-signal-name count of messages that carried it. */
  counts: Map<SignalName, number>;
  /** Strongest occurrence of each signal (earliest on ties). */
  strongest: Map<SignalName, Signal & { messageIndex: number }>;
  customerScores: number[];
  customerSum: number;
  customerMin: number;
  /** Per customer reply to an agent turn: scoreTurnFeedback score and dissatisfaction. */
  customerTurnScores: number[];
  customerFeedback: number[];
  finalGratitude: number | undefined;
  lastSpeaker: "customer" | "agent" | undefined;
  /** Agent and bot text since the last customer message: the turn the next customer message judges. */
  agentTurn: string;
  /** An agent or bot has spoken, so customer messages now react to `agentTurn` (even when empty). */
  agentSpoke: boolean;
  customerKeys: Set<string>[];
  repetitions: number;
  transfers: number;
  lastAgentAuthor: string | undefined;
  longWaits: number;
  longestWait: number | undefined;
  /** Time of the first customer message still waiting for an agent reply. */
  waitingSince: number | undefined;
  timings: TimingState | undefined;
}

export function createConversationState(options: ConversationOptions = {}): ConversationState {
  return {
    options: {
      silenceSeconds: positive(options.silenceSeconds, 5),
      longWaitSeconds: positive(options.longWaitSeconds, 120),
    },
    messages: [],
    counts: new Map(),
    strongest: new Map(),
    customerScores: [],
    customerSum: 0,
    customerMin: Infinity,
    customerTurnScores: [],
    customerFeedback: [],
    agentTurn: "",
    agentSpoke: false,
    finalGratitude: undefined,
    lastSpeaker: undefined,
    customerKeys: [],
    repetitions: 0,
    transfers: 0,
    lastAgentAuthor: undefined,
    longWaits: 0,
    longestWait: undefined,
    waitingSince: undefined,
    timings: undefined,
  };
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
}

function parseTs(ts: string | undefined): number | undefined {
  if (typeof ts !== "string") return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Folds one analysed message into the state. */
export function addToConversation(
  state: ConversationState,
  input: MessageInput,
  detail: MessageDetail,
): void {
  const { analysis, role } = detail;
  const index = state.messages.length;
  state.messages.push(analysis);
  for (const s of analysis.signals) {
    state.counts.set(s.name, (state.counts.get(s.name) ?? 0) + 1);
    const prev = state.strongest.get(s.name);
    if (prev === undefined || s.score > prev.score)
      state.strongest.set(s.name, { ...s, messageIndex: index });
  }
  const at = parseTs(input.ts);
  if (role === "customer") {
    const score = analysis.sentiment.score;
    state.customerScores.push(score);
    state.customerSum += score;
    if (score < state.customerMin) state.customerMin = score;
    state.finalGratitude = analysis.emotions.gratitude;
    // Every customer message after an agent reply reacts to it, including a second message in a
    // row (the customer's turn continues): the judged turn stays until the agent speaks again.
    if (state.agentSpoke) {
      const fb = scoreTurnFeedback(
        detail.tokens,
        detail.sentimentDetail,
        state.agentTurn,
        detail.engine,
      );
      state.customerTurnScores.push(fb.score);
      state.customerFeedback.push(fb.dissatisfaction);
    }
    const keys = contentKeys(detail.tokens);
    if (isRepetition(keys, state.customerKeys)) state.repetitions++;
    state.customerKeys.push(keys);
    if (at !== undefined && state.waitingSince === undefined) state.waitingSince = at;
    state.lastSpeaker = "customer";
  } else if (role === "agent" || role === "bot") {
    const author =
      typeof input.author === "string" && input.author !== "" ? input.author : undefined;
    const authorChanged =
      role === "agent" &&
      author !== undefined &&
      state.lastAgentAuthor !== undefined &&
      author !== state.lastAgentAuthor;
    if (detail.transfer || authorChanged) state.transfers++;
    if (role === "agent" && author !== undefined) state.lastAgentAuthor = author;
    if (at !== undefined && state.waitingSince !== undefined) {
      const wait = (at - state.waitingSince) / 1000;
      if (wait >= 0) {
        if (wait > state.options.longWaitSeconds) state.longWaits++;
        if (state.longestWait === undefined || wait > state.longestWait) state.longestWait = wait;
      }
      state.waitingSince = undefined;
    }
    // Bounded so a pasted wall of text cannot make the next customer push slow.
    // A new agent turn (after a customer message) replaces the judged turn; consecutive agent
    // messages join it.
    if (state.lastSpeaker !== "agent") state.agentTurn = "";
    if (state.agentTurn.length < AGENT_TURN_MAX) {
      const joined = state.agentTurn === "" ? detail.text : `${state.agentTurn}\n${detail.text}`;
      state.agentTurn = joined.slice(-AGENT_TURN_MAX);
    }
    state.agentSpoke = true;
    state.lastSpeaker = "agent";
  }
  if (
    role !== "internal" &&
    typeof input.startOffset === "number" &&
    typeof input.endOffset === "number"
  ) {
    state.timings ??= createTimings(state.options.silenceSeconds);
    addUtterance(
      state.timings,
      role === "customer" ? "customer" : "agent",
      input.startOffset,
      input.endOffset,
    );
  }
}

function labelOf(score: number): SentimentResult["label"] {
  return score <= NEGATIVE ? "negative" : score >= POSITIVE ? "positive" : "neutral";
}

function trajectoryOf(scores: readonly number[]): Trajectory {
  const first = scores[0];
  const last = scores[scores.length - 1];
  if (scores.length < 2 || first === undefined || last === undefined) return "unknown";
  if (first <= RECOVERY_START && last >= POSITIVE) return "recovered";
  if (last - first >= TRAJECTORY_DELTA) return "improved";
  if (first - last >= TRAJECTORY_DELTA) return "deteriorated";
  return "steady";
}

function effortScore(state: ConversationState, withRepetitions = true): number {
  const load =
    (withRepetitions ? 0.35 * state.repetitions : 0) +
    0.5 * state.transfers +
    0.35 * state.longWaits +
    0.3 * Math.min(state.counts.get("repeat_contact") ?? 0, 2);
  return Math.round((1 - Math.exp(-load)) * 1000) / 1000;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Builds the ConversationAnalysis for the current state; cost is linear only in copied lists. */
export function snapshotConversation(state: ConversationState): ConversationAnalysis {
  const n = state.customerScores.length;
  const mean = n > 0 ? state.customerSum / n : 0;
  const count = (name: SignalName) => state.counts.get(name) ?? 0;
  let agentNegative = 0;
  for (const name of AGENT_NEGATIVE) agentNegative += count(name);
  const effort = effortScore(state);
  const features: SatisfactionFeatures = {
    customerSentiments: state.customerScores,
    lastCustomerSentiment: state.customerScores[n - 1],
    minCustomerSentiment: n > 0 ? state.customerMin : undefined,
    customerTurnScores: state.customerTurnScores,
    customerFeedback: state.customerFeedback,
    finalGratitude: state.finalGratitude,
    complaints: count("complaint"),
    escalationRequests: count("escalation_request"),
    churnThreats: count("churn_threat"),
    legalThreats: count("legal_threat"),
    repeatContacts: count("repeat_contact"),
    abuse: count("abuse"),
    praise: count("praise"),
    agentEmpathy: count("empathy"),
    agentApologies: count("apology"),
    agentResolutionChecks: count("resolution_check"),
    agentNegative,
    // The customer's reactions already score restating ("I already said"): counting repetitions in
    // effort as well would count it twice.
    effort: state.customerTurnScores.length > 0 ? effortScore(state, false) : effort,
    repetitions: state.repetitions,
    turns: state.messages.length,
    agentReplied: state.agentSpoke,
  };
  const signals = [...state.strongest.values()].sort(
    (a, b) =>
      a.messageIndex - b.messageIndex ||
      (SIGNAL_ORDER.get(a.name) ?? 0) - (SIGNAL_ORDER.get(b.name) ?? 0),
  );
  const out: ConversationAnalysis = {
    satisfaction: predictSatisfaction(features),
    sentiment: {
      score: round3(mean),
      label: labelOf(mean),
      start: state.customerScores[0] ?? 0,
      end: state.customerScores[n - 1] ?? 0,
    },
    trajectory: trajectoryOf(state.customerScores),
    signals,
    effort: {
      repetitions: state.repetitions,
      transfers: state.transfers,
      longWaits: state.longWaits,
      score: effort,
    },
    messages: state.messages.slice(),
  };
  if (state.longestWait !== undefined) out.effort.longestWaitSeconds = round3(state.longestWait);
  const timings: CallTimings | undefined = state.timings && snapshotTimings(state.timings);
  if (timings !== undefined) out.timings = timings;
  return out;
}

/**
 * Public result types of the conversation intelligence engine.
 *
 * These shapes are a contract: the CLI (`rapport analyze`), the ingest pipeline and the live-assist
 * socket all serialise them as they are. Add fields; never rename or remove one.
 */

/** Who wrote a message. The role changes which cues are looked for. */
export type Role = "customer" | "agent" | "bot" | "internal";

/** A span of the analysed text: `text === input.slice(start, end)`, offsets in UTF-16 code units. */
export interface Evidence {
  start: number;
  end: number;
  text: string;
}

export const EMOTION_NAMES = [
  "anger",
  "frustration",
  "disappointment",
  "confusion",
  "anxiety",
  "satisfaction",
  "gratitude",
  "delight",
] as const;
export type EmotionName = (typeof EMOTION_NAMES)[number];

export const CUSTOMER_SIGNALS = [
  "complaint",
  "escalation_request",
  "churn_threat",
  "legal_threat",
  "repeat_contact",
  "urgency",
  "vulnerability",
  "abuse",
  "praise",
  "suggestion",
] as const;

export const AGENT_SIGNALS = [
  "greeting",
  "apology",
  "blame_shifting",
  "empathy",
  "courtesy",
  "policy_framing",
  "negative_framing",
  "jargon",
  "scripted_reply",
  "unprofessional",
  "promise",
  "offer",
  "resolution_check",
  "closing",
] as const;

export const INTERNAL_SIGNALS = ["disrespect"] as const;

/** Every signal the engine can report, customer side first. */
export const SIGNAL_NAMES = [...CUSTOMER_SIGNALS, ...AGENT_SIGNALS, ...INTERNAL_SIGNALS] as const;

export type SignalName =
  | (typeof CUSTOMER_SIGNALS)[number]
  | (typeof AGENT_SIGNALS)[number]
  | (typeof INTERNAL_SIGNALS)[number];

/** A detected signal. Listed only when detected; `score` is in (0, 1]. */
export interface Signal {
  name: SignalName;
  score: number;
  evidence: Evidence[];
  /** For `promise`: the due time when one is stated, as ISO-8601 (absolute if a reference time was given, else a duration like "PT24H"). */
  due?: string;
}

/** A term that moved the sentiment score, with its signed contribution. */
export interface SentimentTerm {
  text: string;
  start: number;
  end: number;
  weight: number;
}

export interface SentimentResult {
  /** In [-1, 1]. */
  score: number;
  label: "negative" | "neutral" | "positive";
  /** The terms and cues that produced the score, strongest first. */
  terms: SentimentTerm[];
}

export interface MessageInput {
  text: string;
  role?: Role;
  /** ISO-8601 timestamp; used for promise due dates and conversation timing. */
  ts?: string;
  /** Speech offsets in seconds from call start, when the message is an utterance. */
  startOffset?: number;
  endOffset?: number;
  /** Language code; only "en" has cue data today. */
  lang?: string;
  /** Who wrote it (agent id or name). A change of agent author within a conversation counts as a transfer. */
  author?: string;
}

export interface MessageAnalysis {
  sentiment: SentimentResult;
  /** Courtesy and respect of the wording, in [-1, 1]. */
  politeness: number;
  /** Intensity in [0, 1] for each of EMOTION_NAMES. */
  emotions: Record<EmotionName, number>;
  signals: Signal[];
}

export type Trajectory = "recovered" | "steady" | "deteriorated" | "improved" | "unknown";

export interface SatisfactionDriver {
  /** A short machine name, e.g. "customer_sentiment_end", "repeat_contact", "agent_empathy". */
  name: string;
  /** Signed effect on the predicted 1–5 score. */
  effect: number;
  /** Human-readable explanation. */
  label: string;
}

export interface EffortIndicators {
  /** Customer messages that restate an earlier customer message. */
  repetitions: number;
  /** Transfers between agents (agent identity changes or transfer phrases). */
  transfers: number;
  /** Customer waits longer than the threshold between a customer message and the next agent reply. */
  longWaits: number;
  /** Longest such wait in seconds, when timestamps exist. */
  longestWaitSeconds?: number;
  /** 0 (effortless) .. 1 (very high effort). */
  score: number;
}

export interface CallTimings {
  /** Gaps between utterances longer than the silence threshold. */
  silences: { start: number; end: number; seconds: number }[];
  /** Overlapping speech between different speakers. */
  overtalk: { start: number; end: number; seconds: number }[];
  /** Agent speaking time over total speaking time, 0..1. */
  agentTalkRatio: number;
}

export interface ConversationAnalysis {
  satisfaction: {
    /** 1–5. */
    predicted: number;
    drivers: SatisfactionDriver[];
    /**
     * Evidence of the outcome behind `predicted`, 0..1: 0.1 with only the customer's opening, 0.3
     * when an agent replied but the customer has not reacted yet, 0.5 + 0.1 per customer reaction
     * to an agent reply (at most 0.9). Added in engine 2026.12.1.
     */
    confidence: number;
    /** "unknown" until the customer has reacted to an agent reply. Added in engine 2026.12.1. */
    outcome: "observed" | "unknown";
  };
  /** Sentiment of the customer side over the whole conversation. */
  sentiment: { score: number; label: SentimentResult["label"]; start: number; end: number };
  trajectory: Trajectory;
  /** Signals across the conversation, deduplicated by name, each with evidence. */
  signals: (Signal & { messageIndex: number })[];
  effort: EffortIndicators;
  timings?: CallTimings;
  messages: MessageAnalysis[];
}

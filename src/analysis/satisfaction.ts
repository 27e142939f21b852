/**
 * Predicted customer satisfaction (1–5) for a conversation, with signed drivers.
 *
 * A transparent additive model: a neutral base of 3.5 moved by how the customer reacted to each agent
 * reply (recency-weighted: later reactions count up to twice as much, a recency/peak-end effect),
 * the customer's sentiment, its worst moment, negative customer signals, customer effort (Dixon et
 * al. 2010) and the agent's empathy, apology and resolution checks. Weights are hand-set, round
 * numbers, chosen while measuring on the USS dev split (evaluation only, nothing fitted on it).
 */
import type { SatisfactionDriver } from "./types.ts";

/** Conversation-level inputs; every field is optional so partial analyses still score. */
export interface SatisfactionFeatures {
  /** Customer message sentiment scores in [-1, 1], in order. */
  customerSentiments?: number[];
  /** Sentiment of the last customer message (defaults to the last of `customerSentiments`). */
  lastCustomerSentiment?: number;
  /** Minimum customer sentiment (defaults to the minimum of `customerSentiments`). */
  minCustomerSentiment?: number;
  /**
   * Per customer message that follows an agent message, its satisfaction with that agent message in
   * [-1, 1] (`scoreTurnFeedback(...).score`), in order. The strongest predictor available: a
   * recency-weighted mean of these drives the prediction when present.
   */
  customerTurnScores?: number[];
  /** Per customer message, negative feedback on the previous agent turn in [0, 1] ("that's not what I asked"). */
  customerFeedback?: number[];
  /** Customer gratitude intensity of the last customer message, 0..1. */
  finalGratitude?: number;
  complaints?: number;
  escalationRequests?: number;
  churnThreats?: number;
  legalThreats?: number;
  repeatContacts?: number;
  abuse?: number;
  praise?: number;
  agentEmpathy?: number;
  agentApologies?: number;
  agentResolutionChecks?: number;
  /** Agent negative signals: blame shifting, negative framing, unprofessional wording. */
  agentNegative?: number;
  /**
   * Effort score 0..1 (EffortIndicators.score). With `customerTurnScores`, pass the effort of
   * transfers and waits only: restatements are already in the reactions (analyzeConversation does).
   */
  effort?: number;
  /** Customer messages restating an earlier one. */
  repetitions?: number;
  /** Total messages in the conversation (informational; not a driver). */
  turns?: number;
  /**
   * An agent or bot has replied. With no customer reaction after it (`customerTurnScores` empty),
   * the outcome is still unknown, and the prediction says so (see `SatisfactionPrediction`).
   */
  agentReplied?: boolean;
}

/** Whether the conversation shows how the customer took the service (see predictSatisfaction). */
export type SatisfactionOutcome = "observed" | "unknown";

export interface SatisfactionPrediction {
  predicted: number;
  drivers: SatisfactionDriver[];
  /**
   * How much evidence of the outcome the prediction rests on, 0..1: 0.1 with only the customer's
   * opening, 0.3 when an agent replied but the customer has not reacted, then 0.5 + 0.1 per
   * customer reaction to an agent reply, at most 0.9.
   */
  confidence: number;
  /** "unknown" until the customer has reacted to an agent reply. */
  outcome: SatisfactionOutcome;
}

const BASE = 3.5;
/** Highest prediction before the customer has reacted to an agent reply. */
const NO_OUTCOME_CEILING = 4;
/** Highest prediction for a conversation with a complaint or another negative customer signal. */
const NEGATIVE_CEILING = 4;

/**
 * Predicts satisfaction on a 1–5 scale and lists the drivers that moved it, largest first.
 *
 * @example
 * predictSatisfaction({ customerSentiments: [-0.6, 0.1, 0.8], agentEmpathy: 1 }).predicted; // ≈ 4
 */
export function predictSatisfaction(input: SatisfactionFeatures): SatisfactionPrediction {
  const drivers: SatisfactionDriver[] = [];
  const add = (name: string, effect: number, label: string) => {
    if (Number.isFinite(effect) && Math.abs(effect) >= 0.01)
      drivers.push({ name, effect: round(effect), label });
  };
  const reactions = unitList(input.customerTurnScores, -1);
  // Reactions already fold in sentiment, pushback and thanks; when present they replace those
  // drivers (adding them again only added noise on the USS dev split).
  const share = reactions.length > 0 ? 0 : 1;
  if (reactions.length > 0) {
    add(
      "customer_reactions",
      1.5 * recencyMean(reactions),
      "How the customer reacted to the agent's replies, later ones weighing more",
    );
  }
  const s = unitList(input.customerSentiments, -1);
  const last = unit(input.lastCustomerSentiment, -1) ?? s[s.length - 1];
  let min = unit(input.minCustomerSentiment, -1);
  if (min === undefined && s.length > 0) {
    min = Infinity;
    for (const x of s) if (x < min) min = x;
  }
  if (s.length > 0) {
    let total = 0;
    for (const x of s) total += x;
    add(
      "customer_sentiment_mean",
      share * 0.9 * (total / s.length),
      "Average customer sentiment across the conversation",
    );
  }
  if (last !== undefined)
    add("customer_sentiment_end", share * 0.7 * last, "Customer sentiment in their last message");
  if (min !== undefined && min < -0.3)
    add("customer_sentiment_low", share * 0.6 * (min + 0.3), "Lowest point of customer sentiment");

  const fb = unitList(input.customerFeedback, 0);
  if (fb.length > 0) {
    let worst = 0;
    let total = 0;
    for (const x of fb) {
      total += x;
      if (x > worst) worst = x;
    }
    add(
      "negative_feedback",
      -share * (0.8 * worst + 1.2 * (total / fb.length)),
      "Customer pushed back on agent replies",
    );
  }
  const grat = unit(input.finalGratitude, 0);
  if (grat !== undefined)
    add("customer_thanks_end", share * 0.4 * grat, "Customer thanked the agent at the end");

  const count = (v: number | undefined) => Math.min(1000, Math.max(0, finite(v) ?? 0));
  // A complaint made in reaction to a reply is already in the reactions; the opening complaint is
  // why the customer got in touch, not a verdict on the service.
  add("complaint", -0.25 * share * Math.min(count(input.complaints), 3), "Customer complained");
  add(
    "escalation_request",
    -0.5 * Math.min(count(input.escalationRequests), 2),
    "Customer asked to escalate",
  );
  add(
    "churn_threat",
    -0.7 * Math.min(count(input.churnThreats), 2),
    "Customer threatened to leave",
  );
  add(
    "legal_threat",
    -0.6 * Math.min(count(input.legalThreats), 2),
    "Customer mentioned legal action",
  );
  add(
    "repeat_contact",
    -0.4 * Math.min(count(input.repeatContacts), 2),
    "Customer had to contact again",
  );
  add("abuse", -0.4 * Math.min(count(input.abuse), 2), "Abusive language from the customer");
  // Praise sits in a customer reaction, and what the agent did (a failed search framed as "we don't
  // have any", a routine "anything else?") is what the reactions judge, agent-turn cues included:
  // with reactions these drivers would count the same evidence twice (USS dev: 0.36 → 0.25).
  add("praise", 0.35 * share * Math.min(count(input.praise), 2), "Customer praised the service");
  add(
    "agent_empathy",
    0.12 * share * Math.min(count(input.agentEmpathy), 3),
    "Agent showed empathy",
  );
  add("agent_apology", 0.05 * share * Math.min(count(input.agentApologies), 2), "Agent apologised");
  add(
    "resolution_check",
    0.15 * share * Math.min(count(input.agentResolutionChecks), 2),
    "Agent checked the issue was resolved",
  );
  add(
    "agent_negative",
    -0.3 * share * Math.min(count(input.agentNegative), 3),
    "Agent blamed, framed negatively or was unprofessional",
  );
  const effort = unit(input.effort, 0);
  if (effort !== undefined)
    add("effort", -1.2 * effort, "Customer effort (repeats, transfers, waits)");
  // Restating is pushback the reactions already score ("I already said"); see also `effort`.
  add(
    "repetitions",
    -0.2 * share * Math.min(count(input.repetitions), 4),
    "Customer had to repeat themselves",
  );
  // `turns` is accepted but not a driver: conversation length alone did not predict satisfaction
  // (USS dev: longer dialogues rated slightly higher); effort captures the costly kind of length.

  let raw = BASE;
  for (const d of drivers) raw += d.effect;
  // No outcome yet: a polite opening ("can you help me…? Thanks so much!") is not a verdict on the
  // service. Positive evidence counts half and the prediction stays at most "satisfied".
  const outcome: SatisfactionOutcome = reactions.length > 0 ? "observed" : "unknown";
  if (outcome === "unknown" && raw > BASE) {
    const pulled = Math.min(NO_OUTCOME_CEILING, BASE + 0.5 * (raw - BASE));
    add(
      "no_outcome_yet",
      pulled - raw,
      "No customer reply to an agent yet: the outcome is unknown, so positive signs count half",
    );
    raw = pulled;
  }
  // Never contradict the drivers: a customer who complained, threatened to leave, asked to
  // escalate, mentioned legal action or was abusive is at most "satisfied", even when later
  // reactions were warm.
  const negative =
    count(input.complaints) +
    count(input.escalationRequests) +
    count(input.churnThreats) +
    count(input.legalThreats) +
    count(input.abuse);
  if (negative > 0 && raw > NEGATIVE_CEILING) {
    add(
      "unresolved_negative_signals",
      NEGATIVE_CEILING - raw,
      "The customer complained, escalated or threatened to leave: at most satisfied, not delighted",
    );
    raw = NEGATIVE_CEILING;
  }
  const predicted = Math.min(5, Math.max(1, raw));
  drivers.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.name.localeCompare(b.name));
  const confidence =
    reactions.length > 0
      ? Math.min(0.9, 0.5 + 0.1 * reactions.length)
      : input.agentReplied === true
        ? 0.3
        : 0.1;
  return { predicted: round(predicted), drivers, confidence, outcome };
}

/** Mean with linearly rising weights, 1 for the first item to 2 for the last. */
function recencyMean(xs: number[]): number {
  let num = 0;
  let den = 0;
  const last = Math.max(1, xs.length - 1);
  for (let i = 0; i < xs.length; i++) {
    const w = 1 + i / last;
    num += w * (xs[i] ?? 0);
    den += w;
  }
  return num / den;
}

/** A finite value clamped to [low, 1], or undefined. */
function unit(v: number | undefined, low: number): number | undefined {
  const x = finite(v);
  return x === undefined ? undefined : Math.min(1, Math.max(low, x));
}

/** Finite values of a list, clamped to [low, 1]; long lists keep their last 10,000 entries. */
function unitList(xs: number[] | undefined, low: number): number[] {
  const out: number[] = [];
  if (xs === undefined) return out;
  for (let i = Math.max(0, xs.length - 10_000); i < xs.length; i++) {
    const x = unit(xs[i], low);
    if (x !== undefined) out.push(x);
  }
  return out;
}

function finite(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

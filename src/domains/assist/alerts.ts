/**
 * Alerts for the agent and the supervisor, read off the engine's analysis of the conversation so
 * far. Pure: each alert names what fired it and quotes the words (evidence) that did.
 */
import type { ConversationAnalysis, MessageInput } from "../../analysis/index.ts";

export const ALERT_NAMES = [
  "escalation_risk",
  "churn_threat",
  "vulnerability",
  "legal_threat",
  "complaint_unacknowledged",
  "promise_without_time",
] as const;
export type AlertName = (typeof ALERT_NAMES)[number];

export interface AlertEvidence {
  messageIndex: number;
  text: string;
}
export interface Alert {
  name: AlertName;
  evidence: AlertEvidence[];
}

/** The signals each alert stands on: a scorecard criterion looking at one is what the alert is about. */
export const ALERT_SIGNALS: Record<AlertName, readonly string[]> = {
  escalation_risk: ["escalation_request"],
  churn_threat: ["churn_threat"],
  vulnerability: ["vulnerability"],
  legal_threat: ["legal_threat"],
  complaint_unacknowledged: ["complaint"],
  promise_without_time: ["promise"],
};

/** How much each alert weighs in a conversation's risk (wallboard ranking), 0..1. */
export const ALERT_WEIGHT: Record<AlertName, number> = {
  legal_threat: 1,
  escalation_risk: 0.9,
  churn_threat: 0.8,
  vulnerability: 0.8,
  complaint_unacknowledged: 0.6,
  promise_without_time: 0.3,
};

/** Anger on a customer message at or above this reads as a call heading for escalation. */
const ANGER_ESCALATION = 0.6;
/** Customer sentiment this low, and getting worse, is escalation risk without an explicit ask. */
const SENTIMENT_ESCALATION = -0.4;

type Messages = readonly Pick<MessageInput, "role" | "text">[];

function signalEvidence(a: ConversationAnalysis, name: string): AlertEvidence[] {
  const out: AlertEvidence[] = [];
  a.messages.forEach((m, i) => {
    for (const s of m.signals) {
      if (s.name === name) for (const e of s.evidence) out.push({ messageIndex: i, text: e.text });
    }
  });
  return out;
}

function escalationEvidence(a: ConversationAnalysis, messages: Messages): AlertEvidence[] {
  const out = signalEvidence(a, "escalation_request");
  a.messages.forEach((m, i) => {
    if (messages[i]?.role === "customer" && m.emotions.anger >= ANGER_ESCALATION) {
      const term = m.sentiment.terms.find((t) => t.weight < 0)?.text;
      out.push({ messageIndex: i, text: term ?? "angry wording" });
    }
  });
  if (
    out.length === 0 &&
    a.sentiment.score <= SENTIMENT_ESCALATION &&
    a.trajectory === "deteriorated"
  ) {
    out.push({ messageIndex: a.messages.length - 1, text: "customer sentiment falling" });
  }
  return out;
}

/** Complaints after which no agent message apologised or showed empathy. */
function unacknowledged(a: ConversationAnalysis, messages: Messages): AlertEvidence[] {
  let pending: AlertEvidence[] = [];
  a.messages.forEach((m, i) => {
    const role = messages[i]?.role;
    if (role === "customer") {
      for (const s of m.signals) {
        if (s.name === "complaint")
          for (const e of s.evidence) pending.push({ messageIndex: i, text: e.text });
      }
    } else if (role === "agent") {
      if (m.signals.some((s) => s.name === "apology" || s.name === "empathy")) pending = [];
    }
  });
  return pending;
}

function promisesWithoutTime(a: ConversationAnalysis): AlertEvidence[] {
  const out: AlertEvidence[] = [];
  a.messages.forEach((m, i) => {
    for (const s of m.signals) {
      if (s.name === "promise" && !s.due)
        for (const e of s.evidence) out.push({ messageIndex: i, text: e.text });
    }
  });
  return out;
}

/** The alerts that hold for the conversation so far, each with its evidence, in ALERT_NAMES order. */
export function detectAlerts(analysis: ConversationAnalysis, messages: Messages): Alert[] {
  const found: Record<AlertName, AlertEvidence[]> = {
    escalation_risk: escalationEvidence(analysis, messages),
    churn_threat: signalEvidence(analysis, "churn_threat"),
    vulnerability: signalEvidence(analysis, "vulnerability"),
    legal_threat: signalEvidence(analysis, "legal_threat"),
    complaint_unacknowledged: unacknowledged(analysis, messages),
    promise_without_time: promisesWithoutTime(analysis),
  };
  return ALERT_NAMES.filter((n) => found[n].length > 0).map((name) => ({
    name,
    evidence: found[name].slice(0, 5),
  }));
}

/**
 * A conversation's risk in 0..1 for the wallboard: its heaviest alert, raised by negative
 * customer sentiment and a low predicted satisfaction.
 */
export function riskOf(alerts: readonly Alert[], analysis: ConversationAnalysis): number {
  const heaviest = Math.max(0, ...alerts.map((a) => ALERT_WEIGHT[a.name]));
  const negativity = Math.max(0, -analysis.sentiment.score);
  const dissatisfaction = (5 - analysis.satisfaction.predicted) / 4;
  const risk = 0.6 * heaviest + 0.2 * negativity + 0.2 * dissatisfaction;
  return Math.round(Math.min(1, Math.max(0, risk)) * 1000) / 1000;
}

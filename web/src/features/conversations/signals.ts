import type { components } from "../../lib/api-types/index.gen";

/**
 * The analysis engine's signals as people read them: a label, who says it, and what kind of cue it is.
 * Keyed by exactly the API's SignalName list (generated from the engine's SIGNAL_NAMES), so a signal
 * added or renamed on the server fails typecheck here.
 */

/** Drives the colour everywhere a signal is shown (chips, highlights, the signal list, the legend). */
export type SignalKind =
  "risk" | "concern" | "positive" | "feedback" | "agent" | "routine" | "coaching";

export type SignalSide = "customer" | "agent";

export interface SignalInfo {
  label: string;
  side: SignalSide;
  kind: SignalKind;
}

export const SIGNALS = {
  legal_threat: { label: "Legal threat", side: "customer", kind: "risk" },
  churn_threat: { label: "Churn threat", side: "customer", kind: "risk" },
  escalation_request: { label: "Escalation request", side: "customer", kind: "risk" },
  abuse: { label: "Abuse", side: "customer", kind: "risk" },
  vulnerability: { label: "Vulnerability", side: "customer", kind: "concern" },
  complaint: { label: "Complaint", side: "customer", kind: "concern" },
  repeat_contact: { label: "Repeat contact", side: "customer", kind: "concern" },
  urgency: { label: "Urgency", side: "customer", kind: "concern" },
  praise: { label: "Praise", side: "customer", kind: "positive" },
  suggestion: { label: "Suggestion", side: "customer", kind: "feedback" },
  empathy: { label: "Empathy", side: "agent", kind: "agent" },
  apology: { label: "Apology", side: "agent", kind: "agent" },
  courtesy: { label: "Courtesy", side: "agent", kind: "agent" },
  offer: { label: "Offer", side: "agent", kind: "agent" },
  promise: { label: "Promise", side: "agent", kind: "agent" },
  resolution_check: { label: "Resolution check", side: "agent", kind: "agent" },
  greeting: { label: "Greeting", side: "agent", kind: "routine" },
  closing: { label: "Closing", side: "agent", kind: "routine" },
  scripted_reply: { label: "Scripted reply", side: "agent", kind: "routine" },
  blame_shifting: { label: "Blame shifting", side: "agent", kind: "coaching" },
  policy_framing: { label: "Policy framing", side: "agent", kind: "coaching" },
  negative_framing: { label: "Negative framing", side: "agent", kind: "coaching" },
  jargon: { label: "Jargon", side: "agent", kind: "coaching" },
  unprofessional: { label: "Unprofessional", side: "agent", kind: "risk" },
  disrespect: { label: "Disrespect (internal note)", side: "agent", kind: "risk" },
} as const satisfies Record<components["schemas"]["SignalName"], SignalInfo>;

export type SignalName = keyof typeof SIGNALS;

export const SIGNAL_NAMES = Object.keys(SIGNALS) as SignalName[];

export function isSignalName(value: string | null): value is SignalName {
  return value !== null && Object.hasOwn(SIGNALS, value);
}

/** Unknown names (a newer engine) still render: as their own name, grey. */
export function signalInfo(name: string): SignalInfo {
  if (isSignalName(name)) return SIGNALS[name];
  return { label: name.replaceAll("_", " "), side: "customer", kind: "routine" };
}

export const KIND_COLORS: Record<SignalKind, string> = {
  risk: "red",
  concern: "orange",
  positive: "green",
  feedback: "teal",
  agent: "blue",
  routine: "gray",
  coaching: "grape",
};

export const KIND_LABELS: Record<SignalKind, string> = {
  risk: "Risk",
  concern: "Customer concern",
  positive: "Positive",
  feedback: "Feedback",
  agent: "Good agent practice",
  routine: "Routine",
  coaching: "Coaching point",
};

// Risk first (the brief of a team lead: what could blow up), then concerns, coaching points, the rest.
const PRIORITY: SignalName[] = [
  "legal_threat",
  "churn_threat",
  "escalation_request",
  "abuse",
  "vulnerability",
  "complaint",
  "unprofessional",
  "disrespect",
  "repeat_contact",
  "urgency",
  "blame_shifting",
  "negative_framing",
  "policy_framing",
  "jargon",
  "praise",
  "suggestion",
  "empathy",
  "apology",
  "promise",
  "offer",
  "resolution_check",
  "courtesy",
  "scripted_reply",
  "greeting",
  "closing",
];

export function signalRank(name: string): number {
  const i = PRIORITY.indexOf(name as SignalName);
  return i === -1 ? PRIORITY.length : i;
}

export function sortSignals<T>(items: T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => signalRank(nameOf(a)) - signalRank(nameOf(b)));
}

/** Routine courtesies say little about a conversation: the list leaves them out of its chips. */
export function isNotable(name: string): boolean {
  return signalInfo(name).kind !== "routine" && name !== "courtesy";
}

/** Grouped options for the signal filter. */
export const SIGNAL_OPTIONS = (["customer", "agent"] as const).map((side) => ({
  group: side === "customer" ? "Customer" : "Agent",
  items: sortSignals(
    SIGNAL_NAMES.filter((n) => SIGNALS[n].side === side),
    (n) => n,
  ).map((n) => ({ value: n, label: SIGNALS[n].label })),
}));

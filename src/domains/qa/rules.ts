import type { Condition, Rule } from "./definition.ts";

/**
 * The automatic rule evaluator: pure, no I/O. It decides a criterion from the analysis stored for a
 * conversation's messages (signals with evidence spans) and facts about the conversation (roles,
 * order, timestamps, counts), and says why: the evidence spans, the agent who wrote them, and a
 * confidence.
 */

export type MessageRole = "customer" | "agent" | "bot" | "internal";

export interface StoredSignal {
  name: string;
  score: number;
  evidence: { start: number; end: number; text: string }[];
  due?: string;
}

export interface FactMessage {
  id: string;
  role: MessageRole;
  agentId: string | null;
  /** ISO-8601. */
  ts: string;
  text: string;
  signals: StoredSignal[];
}

export interface ConversationFacts {
  /** Every message in order. */
  messages: FactMessage[];
  /** The conversation's assigned agent: credited when an answer has no evidence message. */
  agentId: string | null;
}

export interface EvidenceSpan {
  messageId: string;
  start: number;
  end: number;
  text: string;
}

export type AutoAnswer = "pass" | "fail" | "na";

export interface RuleOutcome {
  answer: AutoAnswer;
  /** 0..1: how sure the rule is. */
  confidence: number;
  evidence: EvidenceSpan[];
  /** The agent credited with the answer: the author of the first evidence message, else the conversation's. */
  agentId: string | null;
}

/**
 * Absence of a signal is weaker evidence than its presence: the engine misses phrasings it has no
 * cue for (docs/analysis.md lists the known gaps), so a pass or fail that rests on "not found" is
 * reported with this confidence rather than the engine's score.
 */
export const ABSENCE_CONFIDENCE = 0.6;
/** Facts read from timestamps and counts are exact. */
const FACT_CONFIDENCE = 0.95;
/** Longest evidence quoted for a fact such as "the first reply". */
const FACT_EVIDENCE_CHARS = 120;

interface ConditionResult {
  met: boolean;
  confidence: number;
  evidence: EvidenceSpan[];
  agentIds: (string | null)[];
}

function matches(m: FactMessage, ref: { signal: string; role?: MessageRole | undefined }) {
  return (!ref.role || m.role === ref.role) && m.signals.some((s) => s.name === ref.signal);
}

function evaluateSignal(
  c: Extract<Condition, { type: "signal" }>,
  facts: ConversationFacts,
): ConditionResult {
  const { messages } = facts;
  const firstAfter = c.after ? messages.findIndex((m) => matches(m, c.after!)) : -1;
  let roleIndex = 0;
  const hits: { message: FactMessage; signal: StoredSignal }[] = [];
  messages.forEach((m, i) => {
    if (c.role && m.role !== c.role) return;
    roleIndex += 1;
    if (c.withinFirst !== undefined && roleIndex > c.withinFirst) return;
    if (c.after && (firstAfter < 0 || i <= firstAfter)) return;
    for (const s of m.signals) {
      if (s.name !== c.signal) continue;
      if (c.due === "stated" && !s.due) continue;
      if (c.due === "missing" && s.due) continue;
      if (c.excusedBy && messages.slice(i).some((later) => matches(later, c.excusedBy!))) continue;
      hits.push({ message: m, signal: s });
    }
  });
  const found = hits.length > 0;
  const evidence = hits.flatMap(({ message, signal }) =>
    signal.evidence.map((e) => ({
      messageId: message.id,
      start: e.start,
      end: e.end,
      text: e.text,
    })),
  );
  const strongest = hits.reduce((max, h) => Math.max(max, h.signal.score), 0);
  return {
    met: found === c.present,
    confidence: found ? clamp01(strongest) : ABSENCE_CONFIDENCE,
    evidence,
    agentIds: hits.map((h) => h.message.agentId),
  };
}

function evaluateFirstReply(
  c: Extract<Condition, { type: "first_reply" }>,
  facts: ConversationFacts,
): ConditionResult {
  const first = facts.messages.findIndex((m) => m.role === "customer");
  const reply = first < 0 ? undefined : facts.messages.slice(first).find((m) => m.role === "agent");
  if (first < 0 || !reply)
    return { met: false, confidence: FACT_CONFIDENCE, evidence: [], agentIds: [] };
  const seconds = (Date.parse(reply.ts) - Date.parse(facts.messages[first]!.ts)) / 1000;
  const end = Math.min(reply.text.length, FACT_EVIDENCE_CHARS);
  return {
    met: Number.isFinite(seconds) && seconds <= c.maxSeconds,
    confidence: FACT_CONFIDENCE,
    evidence:
      end > 0 ? [{ messageId: reply.id, start: 0, end, text: reply.text.slice(0, end) }] : [],
    agentIds: [reply.agentId],
  };
}

function evaluateCount(
  c: Extract<Condition, { type: "message_count" }>,
  facts: ConversationFacts,
): ConditionResult {
  const n = facts.messages.filter((m) => !c.role || m.role === c.role).length;
  const met = (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
  return { met, confidence: FACT_CONFIDENCE, evidence: [], agentIds: [] };
}

/** Whether one condition holds for a conversation, with the spans that show it. */
export function evaluateCondition(c: Condition, facts: ConversationFacts): ConditionResult {
  switch (c.type) {
    case "signal":
      return evaluateSignal(c, facts);
    case "first_reply":
      return evaluateFirstReply(c, facts);
    case "message_count":
      return evaluateCount(c, facts);
  }
}

/**
 * Applies a criterion's rule: N/A when a `when` condition does not hold; otherwise pass when the
 * `expect` conditions hold (all, or any), else fail. Evidence is what decided the answer: the spans
 * of the conditions that held for a pass, of those that failed for a fail (a failed "absent" check
 * quotes the offending spans; a failed "present" check has none to quote).
 *
 * @example
 * evaluateRule({ when: [], mode: "all", expect: [{ type: "signal", signal: "closing", role: "agent", present: true }] }, facts)
 * // → { answer: "pass", confidence: 0.9, evidence: [{ messageId, start: 0, end: 18, text: "Have a great day!" }], agentId }
 */
export function evaluateRule(rule: Rule, facts: ConversationFacts): RuleOutcome {
  for (const c of rule.when) {
    const r = evaluateCondition(c, facts);
    if (!r.met)
      return { answer: "na", confidence: r.confidence, evidence: [], agentId: facts.agentId };
  }
  const results = rule.expect.map((c) => evaluateCondition(c, facts));
  const pass = rule.mode === "any" ? results.some((r) => r.met) : results.every((r) => r.met);
  const deciding = results.filter((r) => r.met === pass);
  const evidence = dedupe(deciding.flatMap((r) => r.evidence));
  const confidence =
    rule.mode === "any" && pass
      ? Math.max(...deciding.map((r) => r.confidence))
      : Math.min(...deciding.map((r) => r.confidence));
  const credited = evidence[0]
    ? (facts.messages.find((m) => m.id === evidence[0]!.messageId)?.agentId ?? null)
    : null;
  return {
    answer: pass ? "pass" : "fail",
    confidence: round3(confidence),
    evidence,
    agentId: credited ?? facts.agentId ?? lastAgentAuthor(facts),
  };
}

function lastAgentAuthor(facts: ConversationFacts): string | null {
  for (let i = facts.messages.length - 1; i >= 0; i--) {
    const id = facts.messages[i]!.agentId;
    if (id) return id;
  }
  return null;
}

function dedupe(spans: EvidenceSpan[]): EvidenceSpan[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const k = `${s.messageId}:${s.start}:${s.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

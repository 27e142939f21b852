import { criteriaOf, type Criterion, type Definition } from "./definition.ts";
import { evaluateRule, type ConversationFacts, type EvidenceSpan } from "./rules.ts";

/** One criterion's answer in an evaluation, as stored (qa_evaluations.answers) and served. */
export interface Answer {
  key: string;
  answer: "pass" | "fail" | "na" | "pending";
  /** 1–5 on a five_point criterion. */
  value?: number;
  confidence?: number;
  evidence: EvidenceSpan[];
  /** The agent this answer is credited to. */
  agentId: string | null;
  /** When a reviewer corrected an automatic answer: what the rule said. */
  original?: { answer: "pass" | "fail" | "na"; confidence?: number };
  note?: string;
}

/** The automatic answers for every criterion: rule criteria decided, the others pending. */
export function autoAnswers(definition: Definition, facts: ConversationFacts): Answer[] {
  return criteriaOf(definition).map((c) => {
    if (!c.rule) return { key: c.key, answer: "pending", evidence: [], agentId: facts.agentId };
    const r = evaluateRule(c.rule, facts);
    return {
      key: c.key,
      answer: r.answer,
      confidence: r.confidence,
      evidence: r.evidence,
      agentId: r.agentId,
    };
  });
}

function valueOf(c: Criterion, a: Answer): number | null {
  if (a.answer === "na" || a.answer === "pending") return null;
  if (c.scale === "five_point") return a.value === undefined ? null : (a.value - 1) / 4;
  return a.answer === "pass" ? 1 : 0;
}

/**
 * 0–100: the weighted mean of the answered criteria (pass 1, fail 0, 1–5 mapped onto 0..1), N/A
 * and pending left out; 0 when a critical criterion failed; null when nothing was answered.
 * `exclude` leaves criteria out (rules not yet trusted, in agent-facing scores).
 */
export function scoreAnswers(
  definition: Definition,
  answers: readonly Answer[],
  exclude: ReadonlySet<string> = new Set(),
): number | null {
  const byKey = new Map(answers.map((a) => [a.key, a]));
  let weighted = 0;
  let weights = 0;
  let criticalFailed = false;
  for (const c of criteriaOf(definition)) {
    const a = byKey.get(c.key);
    if (!a || exclude.has(c.key)) continue;
    if (c.critical && a.answer === "fail") criticalFailed = true;
    const v = valueOf(c, a);
    if (v === null) continue;
    weighted += c.weight * v;
    weights += c.weight;
  }
  if (criticalFailed) return 0;
  if (weights === 0) return null;
  return Math.round((weighted / weights) * 1000) / 10;
}

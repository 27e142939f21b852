import type { BotAttempt, HandoffReason } from "../../db/schema/index.ts";

/** One knowledge-base match, as the kb domain's `searchKnowledge` returns it. */
export interface KnowledgeHit {
  articleId: string;
  title: string;
  snippet: string;
  score: number;
}

/** Words by which a visitor asks for a person. The engine's escalation_request counts too. */
const HUMAN_REQUEST =
  /\b(human|humans|agent|person|real person|representative|operator|someone real|staff member)\b/i;

/**
 * Engine signals that hand a chat to a person at once, with the least score that does: a bot
 * must not handle a customer about to leave or in a vulnerable situation. A complaint cue also
 * fires on plain questions about a fault ("how do I return a damaged item?", about 0.7): those
 * the bot may answer; an expressed grievance ("this is unacceptable", 0.9 and above) it may not.
 */
export const ALERT_SIGNALS = { churn_threat: 0, vulnerability: 0, complaint: 0.9 } as const;

/** A detected signal: its engine name and score (0–1). */
export interface SignalHit {
  name: string;
  score: number;
}

/** Misses in a row (answers below the threshold) after which the bot stops trying. */
export const MISSES_BEFORE_HANDOFF = 2;

export const HANDOFF_NOTICE =
  "I'm passing you to a person now. They will see everything you told me, so you won't need to repeat it.";
export const UNKNOWN_REPLY =
  "I'm not sure I know the answer to that. Could you put it another way, or shall I bring in a person? Just say “human” or press “Talk to a person”.";

export type BotTurn =
  | { kind: "handoff"; reason: HandoffReason; signals: string[]; attempts: BotAttempt[] }
  | { kind: "answer"; hit: KnowledgeHit; attempts: BotAttempt[]; reply: string }
  | { kind: "unknown"; attempts: BotAttempt[]; reply: string; misses: number };

export function asksForHuman(text: string, signals: readonly SignalHit[]): boolean {
  return HUMAN_REQUEST.test(text) || signals.some((s) => s.name === "escalation_request");
}

/** The alert signals among these that hand off at once. */
export function alertsIn(signals: readonly SignalHit[]): string[] {
  return Object.entries(ALERT_SIGNALS).flatMap(([name, least]) =>
    signals.some((s) => s.name === name && s.score >= least) ? [name] : [],
  );
}

/** Snippets may carry search highlighting; the widget shows plain text. */
export function plainSnippet(snippet: string): string {
  return snippet
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * What the bot does with one customer message: hand off (asked for a person, or an alert signal),
 * answer from the best article when it scores at least the threshold, or say it does not know
 * (and hand off after {@link MISSES_BEFORE_HANDOFF} such misses in a row).
 */
export function decideBotTurn(input: {
  text: string;
  signals: readonly SignalHit[];
  hits: readonly KnowledgeHit[];
  threshold: number;
  misses: number;
}): BotTurn {
  const attempts = input.hits.map((h) => ({
    articleId: h.articleId,
    title: h.title,
    score: Math.round(h.score * 1000) / 1000,
  }));
  if (asksForHuman(input.text, input.signals))
    return { kind: "handoff", reason: "requested", signals: [], attempts };
  const alerts = alertsIn(input.signals);
  if (alerts.length > 0) return { kind: "handoff", reason: "alert", signals: alerts, attempts };
  const best = [...input.hits].sort((a, b) => b.score - a.score)[0];
  if (best && best.score >= input.threshold) {
    const snippet = plainSnippet(best.snippet);
    return {
      kind: "answer",
      hit: best,
      attempts,
      reply: `From our help article “${best.title}”: ${snippet}`,
    };
  }
  const misses = input.misses + 1;
  if (misses >= MISSES_BEFORE_HANDOFF)
    return { kind: "handoff", reason: "low_confidence", signals: [], attempts };
  return { kind: "unknown", attempts, reply: UNKNOWN_REPLY, misses };
}

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

/** Engine signals that hand a chat to a person at once: a bot must not handle these alone. */
export const ALERT_SIGNALS = ["churn_threat", "vulnerability", "complaint"] as const;

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

export function asksForHuman(text: string, signals: readonly string[]): boolean {
  return HUMAN_REQUEST.test(text) || signals.includes("escalation_request");
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
  signals: readonly string[];
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
  const alerts = ALERT_SIGNALS.filter((s) => input.signals.includes(s));
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

import { sql, type SQL } from "drizzle-orm";

/**
 * The contact reason of a conversation, the one place that decides it (first-contact resolution and
 * the case-mix strata both use it). The insights domain's contact reason (`conversation_reasons`,
 * found by clustering customer messages, or set by a leader) wins when the conversation has one: the
 * facts store its id, which survives renames. Without one, the reason is the strongest customer
 * signal the engine found, in this order, else `general` (`conversationReasonSql`).
 */
export const REASON_PRIORITY = [
  "legal_threat",
  "complaint",
  "churn_threat",
  "escalation_request",
  "repeat_contact",
  "vulnerability",
  "urgency",
  "suggestion",
  "praise",
] as const;

export function contactReason(signalNames: readonly string[]): string {
  return REASON_PRIORITY.find((r) => signalNames.includes(r)) ?? "general";
}

/** The same decision in SQL over a `text[]` of signal names. */
export function contactReasonSql(signalNames: SQL): SQL {
  const branches = REASON_PRIORITY.map((r) => sql`when ${r} = any(${signalNames}) then ${r}`);
  return sql`(case ${sql.join(branches, sql` `)} else 'general' end)`;
}

/**
 * The conversation's reason in SQL: the insights reason id (a uuid; `null` when none is assigned)
 * or, failing that, the strongest signal. The two never collide: no signal name is a uuid.
 */
export function conversationReasonSql(insightsReasonId: SQL, signalNames: SQL): SQL {
  return sql`coalesce(${insightsReasonId}::text, ${contactReasonSql(signalNames)})`;
}

/** The customer's starting sentiment in three bands (the engine's own overall thresholds, ±0.1). */
export function sentimentBand(
  start: number | null,
): "negative" | "neutral" | "positive" | "unknown" {
  if (start === null || !Number.isFinite(start)) return "unknown";
  return start < -0.1 ? "negative" : start > 0.1 ? "positive" : "neutral";
}

/** The case-mix stratum: reason, channel, starting sentiment band, segment. */
export function stratumKey(reason: string, channel: string, band: string, segment: string): string {
  return `${reason}|${channel}|${band}|${segment}`;
}

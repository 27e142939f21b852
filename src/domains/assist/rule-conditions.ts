/**
 * Next-best-action and offer rules: conditions over the live conversation and the customer's
 * history. Pure: the facts are gathered by assist.service.ts; a rule fires when all its conditions
 * hold, and its reason lists, in words, what each condition saw.
 */
import { z } from "@hono/zod-openapi";
import { CUSTOMER_SIGNALS } from "../../analysis/index.ts";

const Count = z.number().int().min(0).max(1000);

export const RuleConditionSchema = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("signal"), name: z.enum(CUSTOMER_SIGNALS) }),
    z.strictObject({ type: z.literal("sentiment_below"), value: z.number().min(-1).max(1) }),
    z.strictObject({
      type: z.literal("keyword"),
      any: z.array(z.string().trim().min(2).max(60)).min(1).max(20),
    }),
    z.strictObject({ type: z.literal("open_cases_at_least"), value: Count }),
    z.strictObject({ type: z.literal("past_complaints_at_least"), value: Count }),
    z.strictObject({ type: z.literal("survey_score_at_most"), value: z.number().min(0).max(10) }),
    z.strictObject({
      type: z.literal("segment_in"),
      values: z.array(z.string().trim().min(1).max(60)).min(1).max(20),
    }),
    z.strictObject({ type: z.literal("value_at_least"), value: z.number().min(0) }),
    z.strictObject({ type: z.literal("previous_offers_at_most"), value: Count }),
  ])
  .openapi("AssistRuleCondition");
export type RuleCondition = z.infer<typeof RuleConditionSchema>;

/** What the rules can look at. History facts are null when the customer is unknown. */
export interface RuleFacts {
  /** Customer-side signals of the conversation so far, with the words that showed each. */
  signals: Map<string, string>;
  customerSentiment: number;
  customerText: string;
  openCases: number | null;
  pastComplaints: number | null;
  lastSurveyScore: number | null;
  segment: string | null;
  value: number | null;
  /** Offers the customer accepted before (agent marked them used). */
  previousOffers: number | null;
}

/** The reason a condition holds, or null when it does not. */
export function explainCondition(c: RuleCondition, f: RuleFacts): string | null {
  switch (c.type) {
    case "signal": {
      const words = f.signals.get(c.name);
      return words === undefined ? null : `${c.name.replaceAll("_", " ")}: “${words}”`;
    }
    case "sentiment_below":
      return f.customerSentiment < c.value
        ? `customer sentiment ${f.customerSentiment.toFixed(2)} (below ${c.value})`
        : null;
    case "keyword": {
      const lower = f.customerText.toLowerCase();
      const hit = c.any.find((k) => lower.includes(k.toLowerCase()));
      return hit ? `customer said “${hit}”` : null;
    }
    case "open_cases_at_least":
      return f.openCases !== null && f.openCases >= c.value
        ? `${f.openCases} open case${f.openCases === 1 ? "" : "s"}`
        : null;
    case "past_complaints_at_least":
      return f.pastComplaints !== null && f.pastComplaints >= c.value
        ? `${f.pastComplaints} past complaint${f.pastComplaints === 1 ? "" : "s"}`
        : null;
    case "survey_score_at_most":
      return f.lastSurveyScore !== null && f.lastSurveyScore <= c.value
        ? `last survey score ${f.lastSurveyScore}`
        : null;
    case "segment_in":
      return f.segment !== null &&
        c.values.some((v) => v.toLowerCase() === f.segment!.toLowerCase())
        ? `segment ${f.segment}`
        : null;
    case "value_at_least":
      return f.value !== null && f.value >= c.value ? `customer value ${f.value}` : null;
    case "previous_offers_at_most":
      // An unknown customer has had no offers we know of.
      return (f.previousOffers ?? 0) <= c.value
        ? `${f.previousOffers ?? 0} previous offer${f.previousOffers === 1 ? "" : "s"} accepted`
        : null;
  }
}

/** The reason the rule fires (every condition's explanation), or null when one does not hold. */
export function evaluateRule(
  conditions: readonly RuleCondition[],
  facts: RuleFacts,
): string | null {
  if (conditions.length === 0) return null;
  const reasons: string[] = [];
  for (const c of conditions) {
    const why = explainCondition(c, facts);
    if (why === null) return null;
    reasons.push(why);
  }
  return reasons.join("; ");
}

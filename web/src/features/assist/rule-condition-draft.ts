/**
 * A rule's conditions as the form edits them: every value as the text in its field. `toConditions`
 * turns the drafts back into the API's conditions, or names the first field that cannot be one;
 * the server checks ranges again (src/domains/assist/rule-conditions.ts).
 */
import type { components } from "../../lib/api-types/index.gen";

export type RuleCondition = components["schemas"]["AssistRuleCondition"];
export type ConditionType = RuleCondition["type"];
type SignalName = Extract<RuleCondition, { type: "signal" }>["name"];

export interface ConditionDraft {
  type: ConditionType;
  /** A signal name, a number, or a comma-separated list, as the type needs. */
  value: string;
}

/**
 * The customer signals a rule can wait for, in the order the form lists them. Keyed by the API's
 * own enum (generated from the server's schema), so a signal added or removed on the server fails
 * this file's type check until the list follows.
 */
const RULE_SIGNAL_KEYS = {
  complaint: true,
  escalation_request: true,
  churn_threat: true,
  legal_threat: true,
  repeat_contact: true,
  urgency: true,
  vulnerability: true,
  abuse: true,
  praise: true,
  suggestion: true,
} as const satisfies Record<SignalName, true>;
export const RULE_SIGNALS = Object.keys(RULE_SIGNAL_KEYS) as SignalName[];

/** Each condition type: its label, what its value is, and the hint under the field. */
export const CONDITION_TYPES: Record<
  ConditionType,
  { label: string; value: "signal" | "number" | "list"; hint: string }
> = {
  signal: { label: "Customer signal", value: "signal", hint: "Heard in the customer's words" },
  sentiment_below: { label: "Sentiment below", value: "number", hint: "From -1 to 1" },
  keyword: {
    label: "Customer says any of",
    value: "list",
    hint: "Words or phrases, comma-separated",
  },
  open_cases_at_least: { label: "Open cases at least", value: "number", hint: "Whole number" },
  past_complaints_at_least: {
    label: "Past complaints at least",
    value: "number",
    hint: "Whole number",
  },
  survey_score_at_most: { label: "Last survey score at most", value: "number", hint: "0 to 10" },
  segment_in: { label: "Segment is one of", value: "list", hint: "Segments, comma-separated" },
  value_at_least: { label: "Customer value at least", value: "number", hint: "From metadata" },
  previous_offers_at_most: {
    label: "Offers accepted before at most",
    value: "number",
    hint: "Whole number",
  },
};

export function toDraft(c: RuleCondition): ConditionDraft {
  if (c.type === "signal") return { type: c.type, value: c.name };
  if (c.type === "keyword") return { type: c.type, value: c.any.join(", ") };
  if (c.type === "segment_in") return { type: c.type, value: c.values.join(", ") };
  return { type: c.type, value: String(c.value) };
}

/** A fresh draft of `type`, keeping the old value when it still fits. */
export function changeType(draft: ConditionDraft, type: ConditionType): ConditionDraft {
  const kind = CONDITION_TYPES[type].value;
  if (kind === CONDITION_TYPES[draft.type].value) return { type, value: draft.value };
  return { type, value: kind === "signal" ? RULE_SIGNALS[0]! : "" };
}

const listOf = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function toCondition(d: ConditionDraft): RuleCondition | string {
  const { label } = CONDITION_TYPES[d.type];
  const items = listOf(d.value);
  const n = d.value.trim() === "" ? Number.NaN : Number(d.value);
  const needsItems = `${label}: enter at least one`;
  const needsNumber = `${label}: enter a number`;
  switch (d.type) {
    case "signal": {
      const name = RULE_SIGNALS.find((s) => s === d.value);
      return name ? { type: "signal", name } : `${label}: choose a signal`;
    }
    case "keyword":
      return items.length > 0 ? { type: d.type, any: items } : needsItems;
    case "segment_in":
      return items.length > 0 ? { type: d.type, values: items } : needsItems;
    case "sentiment_below":
    case "open_cases_at_least":
    case "past_complaints_at_least":
    case "survey_score_at_most":
    case "value_at_least":
    case "previous_offers_at_most":
      return Number.isFinite(n) ? { type: d.type, value: n } : needsNumber;
  }
}

/** The conditions, or the first problem in words. A rule needs at least one condition to fire. */
export function toConditions(
  drafts: readonly ConditionDraft[],
): { conditions: RuleCondition[] } | { problem: string } {
  if (drafts.length === 0) return { problem: "Add at least one condition" };
  const conditions: RuleCondition[] = [];
  for (const d of drafts) {
    const c = toCondition(d);
    if (typeof c === "string") return { problem: c };
    conditions.push(c);
  }
  return { conditions };
}

import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, orgIdColumn, timestamps } from "./columns.ts";
import { organizations } from "./orgs.ts";

/** The agent-framing signals a rewrite pattern answers (detected on the agent's own words). */
export const FRAMING_SIGNALS = [
  "policy_framing",
  "negative_framing",
  "jargon",
  "blame_shifting",
] as const;
export type FramingSignal = (typeof FRAMING_SIGNALS)[number];
export const framingSignalEnum = pgEnum("framing_signal", FRAMING_SIGNALS);

export const ASSIST_RULE_KINDS = ["action", "offer"] as const;
export type AssistRuleKind = (typeof ASSIST_RULE_KINDS)[number];
export const assistRuleKindEnum = pgEnum("assist_rule_kind", ASSIST_RULE_KINDS);

export const SUGGESTION_DECISIONS = ["used", "dismissed"] as const;
export type SuggestionDecision = (typeof SUGGESTION_DECISIONS)[number];
export const suggestionDecisionEnum = pgEnum("suggestion_decision", SUGGESTION_DECISIONS);

/**
 * The org's editable library of better phrasings: when the agent's message shows `signal` (and,
 * if `phrases` is not empty, contains one of them), the panel suggests `suggestion` and shows why.
 */
export const assistRewrites = pgTable(
  "assist_rewrites",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    signal: framingSignalEnum("signal").notNull(),
    /** Lowercase phrases that make this pattern the more specific match ("our policy"). */
    phrases: text("phrases").array().notNull(),
    suggestion: text("suggestion").notNull(),
    principle: text("principle").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * Next-best-action and offer rules. `conditions` (all must hold) are over live signals and the
 * customer's history; see src/domains/assist/rule-conditions.ts for the vocabulary.
 */
export const assistRules = pgTable(
  "assist_rules",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    kind: assistRuleKindEnum("kind").notNull(),
    /** What the agent sees: "Offer a 10% loyalty discount". */
    title: text("title").notNull(),
    conditions: jsonb("conditions").$type<Record<string, unknown>[]>().notNull(),
    priority: integer("priority").notNull().default(100),
    enabled: boolean("enabled").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("assist_rules_org_name_key").on(t.orgId, t.name),
  ],
);

/**
 * The agent's verdict on a proposed action or offer, one per rule and conversation (a later verdict
 * replaces the earlier). `conversationRef` is the live call id or the conversation id the panel shows;
 * `conversationId` links the stored conversation when known, for the outcome report.
 */
export const assistSuggestions = pgTable(
  "assist_suggestions",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    ruleId: uuid("rule_id").notNull(),
    conversationRef: text("conversation_ref").notNull(),
    conversationId: uuid("conversation_id"),
    customerExternalId: text("customer_external_id"),
    decision: suggestionDecisionEnum("decision").notNull(),
    decidedByUserId: uuid("decided_by_user_id"),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("assist_suggestions_rule_ref_key").on(t.orgId, t.ruleId, t.conversationRef),
    index("assist_suggestions_customer_idx").on(t.orgId, t.customerExternalId),
  ],
);

/** A supervisor's request to join a conversation: recorded, and shown to the agent on the panel. */
export const assistJoinRequests = pgTable(
  "assist_join_requests",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    conversationRef: text("conversation_ref").notNull(),
    requestedByUserId: uuid("requested_by_user_id"),
    requestedByName: text("requested_by_name").notNull(),
    note: text("note"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("assist_join_requests_ref_idx").on(t.orgId, t.conversationRef),
  ],
);

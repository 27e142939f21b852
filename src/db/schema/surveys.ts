import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  foreignKey,
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
import { conversations, customers } from "./conversations.ts";
import { organizations, users } from "./orgs.ts";

export const SURVEY_TYPES = ["csat", "nps", "ces", "custom"] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];
export const surveyTypeEnum = pgEnum("survey_type", SURVEY_TYPES);

export const INVITATION_STATUSES = ["queued", "sent", "suppressed"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const invitationStatusEnum = pgEnum("survey_invitation_status", INVITATION_STATUSES);

export const FOLLOW_UP_STATUSES = ["open", "closed"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export const followUpStatusEnum = pgEnum("follow_up_status", FOLLOW_UP_STATUSES);

/** A question as stored; texts are keyed by locale (`en`, `fr` …). */
export interface SurveyQuestion {
  id: string;
  kind: "rating" | "single" | "multiple" | "text";
  /** For ratings: the inclusive scale. */
  min?: number;
  max?: number;
  options?: { id: string; texts: Record<string, string> }[];
  texts: Record<string, string>;
  required?: boolean;
}

export type SurveyTrigger =
  | { event: "conversation_resolved"; channels?: string[]; teams?: string[] }
  | { event: "case_closed"; categories?: string[] }
  | { event: "schedule"; everyDays: number }
  | { event: "manual" };

/** Per-survey rules on top of the organization's contact-pressure budget. */
export interface SurveyRules {
  /** At most one invitation of this survey per customer in this many days. */
  minIntervalDays: number;
  /** Share of eligible conversations invited, 0–1. */
  sampleRate: number;
  /** Days a respondent link stays valid. */
  linkValidDays: number;
}

/** A CSAT, NPS, CES or custom survey: questions, localised texts, a trigger and its own rules. */
export const surveys = pgTable(
  "surveys",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    type: surveyTypeEnum("type").notNull(),
    active: boolean("active").notNull().default(true),
    defaultLocale: text("default_locale").notNull().default("en"),
    questions: jsonb("questions").$type<SurveyQuestion[]>().notNull(),
    /** Page texts per locale: title, intro, thanks. */
    texts: jsonb("texts").$type<Record<string, Record<string, string>>>().notNull().default({}),
    trigger: jsonb("trigger").$type<SurveyTrigger>().notNull(),
    rules: jsonb("rules").$type<SurveyRules>().notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("surveys_org_name_key").on(t.orgId, t.name),
  ],
);

/** The organization's contact-pressure budget, one row per organization. */
export const surveySettings = pgTable(
  "survey_settings",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    cooldownDays: integer("cooldown_days").notNull().default(30),
    /** Share invited per channel (missing channel: 1). */
    sampleRates: jsonb("sample_rates").$type<Record<string, number>>().notNull().default({}),
    /** Local hours [start, end) in which nothing is sent, or null. */
    quietHours: jsonb("quiet_hours").$type<{ start: number; end: number } | null>(),
    defaultTimeZone: text("default_time_zone").notNull().default("UTC"),
    /** Team that owns follow-ups instead of the conversation's team (no foreign key: a deleted team falls back to the conversation's). */
    followUpTeamId: uuid("follow_up_team_id"),
    followUpDueHours: integer("follow_up_due_hours").notNull().default(48),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("survey_settings_org_key").on(t.orgId),
  ],
);

/** Conversations an agent or leader excluded from surveying. */
export const surveyExclusions = pgTable(
  "survey_exclusions",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    conversationId: uuid("conversation_id").notNull(),
    excludedBy: uuid("excluded_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("survey_exclusions_conversation_key").on(t.orgId, t.conversationId),
    foreignKey({
      columns: [t.orgId, t.conversationId],
      foreignColumns: [conversations.orgId, conversations.id],
    }).onDelete("cascade"),
  ],
);

/**
 * One invitation decision per survey and conversation: queued (to send at `send_at`), sent, or
 * suppressed with its reason. The respondent's token is never stored, only its SHA-256.
 */
export const surveyInvitations = pgTable(
  "survey_invitations",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    surveyId: uuid("survey_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    customerId: uuid("customer_id"),
    channel: text("channel").notNull(),
    status: invitationStatusEnum("status").notNull(),
    reason: text("reason"),
    tokenHash: text("token_hash"),
    locale: text("locale").notNull().default("en"),
    sendAt: timestamp("send_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // Conversation first: the one index serves uniqueness and every lookup by conversation
    // (a second index on the conversation alone cost each of 200,000 decisions an entry).
    uniqueIndex("survey_invitations_conversation_survey_key").on(
      t.orgId,
      t.conversationId,
      t.surveyId,
    ),
    // The budget's history reads a customer's invitations that were not suppressed. Suppressions
    // (most decisions) are left out of the index: a customer erasure and the scheduled
    // relationship survey, which also read them by customer, are rare enough to scan the
    // organization's rows.
    index("survey_invitations_customer_idx")
      .on(t.orgId, t.customerId, t.createdAt.desc())
      .where(sql`status <> 'suppressed'`),
    // Only the conversation is a foreign key. A survey and customer key each cost every decision
    // a lookup and a lock of the referenced row: three keys were three quarters of storing
    // 200,000 decisions (docs/performance.md). Surveys are only deleted with their organization,
    // whose conversations take the invitations with them; customer erasure deletes the
    // customer's invitations itself (customers.repo.ts sweeps every `customer_id` column).
    foreignKey({
      columns: [t.orgId, t.conversationId],
      foreignColumns: [conversations.orgId, conversations.id],
    }).onDelete("cascade"),
  ],
);

/** Every contact-pressure decision with the rule that made it (the suppression report reads it). */
export const surveyDecisions = pgTable(
  "survey_decisions",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    surveyId: uuid("survey_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    customerId: uuid("customer_id"),
    outcome: text("outcome").notNull(),
    reason: text("reason").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("survey_decisions_org_created_idx").on(t.orgId, t.createdAt),
    foreignKey({
      columns: [t.orgId, t.surveyId],
      foreignColumns: [surveys.orgId, surveys.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.orgId, t.conversationId],
      foreignColumns: [conversations.orgId, conversations.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.orgId, t.customerId],
      foreignColumns: [customers.orgId, customers.id],
    }).onDelete("cascade"),
  ],
);

/**
 * One response per invitation (re-submitting updates it); partial answers are kept. The
 * conversation, agent, team and customer are copied so QA and reports join without the invitation.
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    invitationId: uuid("invitation_id").notNull(),
    surveyId: uuid("survey_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    customerId: uuid("customer_id"),
    agentId: uuid("agent_id"),
    teamId: uuid("team_id"),
    channel: text("channel").notNull(),
    score: integer("score"),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    comment: text("comment"),
    /** The analysis engine's reading of the comment: sentiment, emotions, signals. */
    analysis: jsonb("analysis").$type<Record<string, unknown>>(),
    sentimentScore: doublePrecision("sentiment_score"),
    submissions: integer("submissions").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("survey_responses_invitation_key").on(t.orgId, t.invitationId),
    index("survey_responses_conversation_idx").on(t.orgId, t.conversationId),
    index("survey_responses_survey_created_idx").on(t.orgId, t.surveyId, t.createdAt),
    foreignKey({
      columns: [t.orgId, t.invitationId],
      foreignColumns: [surveyInvitations.orgId, surveyInvitations.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.orgId, t.conversationId],
      foreignColumns: [conversations.orgId, conversations.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.orgId, t.customerId],
      foreignColumns: [customers.orgId, customers.id],
    }).onDelete("cascade"),
  ],
);

/** The closed loop: a low answer opens one follow-up for a team with a due time. */
export const followUps = pgTable(
  "follow_ups",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    conversationId: uuid("conversation_id").notNull(),
    responseId: uuid("response_id").notNull(),
    customerId: uuid("customer_id"),
    teamId: uuid("team_id"),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    status: followUpStatusEnum("status").notNull().default("open"),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    action: text("action"),
    outcome: text("outcome"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
    notifyCustomer: boolean("notify_customer").notNull().default(false),
    customerNotifiedAt: timestamp("customer_notified_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("follow_ups_response_key").on(t.orgId, t.responseId),
    index("follow_ups_conversation_idx").on(t.orgId, t.conversationId),
    index("follow_ups_open_due_idx")
      .on(t.orgId, t.dueAt)
      .where(sql`status = 'open'`),
    index("follow_ups_customer_idx").on(t.orgId, t.customerId),
    foreignKey({
      columns: [t.orgId, t.responseId],
      foreignColumns: [surveyResponses.orgId, surveyResponses.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.orgId, t.conversationId],
      foreignColumns: [conversations.orgId, conversations.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.orgId, t.customerId],
      foreignColumns: [customers.orgId, customers.id],
    }).onDelete("cascade"),
  ],
);

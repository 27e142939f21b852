import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { clockStateColumn } from "./clock-state.ts";
import { idColumn, orgIdColumn, timestamps } from "./columns.ts";
import { channelEnum, conversations, customers } from "./conversations.ts";
import { organizations, teams, users } from "./orgs.ts";

export const CASE_STATUSES = [
  "new",
  "in_progress",
  "waiting_on_customer",
  "waiting_on_third_party",
  "resolved",
  "closed",
  "reopened",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const caseStatusEnum = pgEnum("case_status", CASE_STATUSES);

export const CASE_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type CaseSeverity = (typeof CASE_SEVERITIES)[number];
export const caseSeverityEnum = pgEnum("case_severity", CASE_SEVERITIES);

export const ESCALATION_LEVELS = ["agent", "team_lead", "manager", "executive"] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const escalationLevelEnum = pgEnum("escalation_level", ESCALATION_LEVELS);

export const CASE_SOURCES = ["conversation", "manual", "public", "survey"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const caseSourceEnum = pgEnum("case_source", CASE_SOURCES);

/**
 * SLA policies in precedence order (`position`, unique per org): the first whose match fits a case
 * applies. `calendar`, `targets` and `regulatory` are copied onto the case when it opens, so its
 * clocks replay the same whatever later edits do.
 */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    /** `{ severities?, channels?, categories?, segments? }`: empty or absent matches any. */
    match: jsonb("match").$type<Record<string, string[]>>().notNull().default({}),
    calendar: jsonb("calendar").$type<Record<string, unknown>>().notNull(),
    targets: jsonb("targets").$type<Record<string, number>>().notNull(),
    regulatory: jsonb("regulatory").$type<Record<string, unknown>[]>().notNull().default([]),
    atRiskPercent: integer("at_risk_percent").notNull().default(75),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("sla_policies_org_position_key").on(t.orgId, t.position),
    uniqueIndex("sla_policies_org_name_key").on(t.orgId, t.name),
  ],
);

/** The editable hierarchical root-cause taxonomy (`billing` › `billing.double-charge`). */
export const rootCauses = pgTable(
  "root_causes",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    parentId: uuid("parent_id"),
    code: text("code").notNull(),
    label: text("label").notNull(),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("root_causes_org_code_key").on(t.orgId, t.code),
    foreignKey({ columns: [t.orgId, t.parentId], foreignColumns: [t.orgId, t.id] }),
  ],
);

export const cases = pgTable(
  "cases",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    /** Signed public reference (`RC-XXXXXX-SSSS`), unique across organizations: the public form has no org. */
    reference: text("reference").notNull(),
    title: text("title").notNull(),
    source: caseSourceEnum("source").notNull(),
    status: caseStatusEnum("status").notNull().default("new"),
    severity: caseSeverityEnum("severity").notNull().default("medium"),
    escalationLevel: escalationLevelEnum("escalation_level").notNull().default("agent"),
    /** Optimistic concurrency: every update must carry the version it read. */
    version: integer("version").notNull().default(1),
    channel: channelEnum("channel"),
    category: text("category"),
    segment: text("segment"),
    rootCauseId: uuid("root_cause_id"),
    customerId: uuid("customer_id"),
    requesterName: text("requester_name"),
    requesterEmail: text("requester_email"),
    conversationId: uuid("conversation_id"),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    teamId: uuid("team_id"),
    slaPolicyId: uuid("sla_policy_id"),
    /** The policy as it was when the case opened: calendar, targets, regulatory regimes. */
    clockPolicy: jsonb("clock_policy").$type<Record<string, unknown>>().notNull(),
    /** md5 of the snapshot: the bulk recompute parses each distinct policy once (read-only). */
    clockPolicyKey: text("clock_policy_key").generatedAlwaysAs(sql`md5(clock_policy::text)`),
    /** When the clocks start: the message that expressed dissatisfaction, or the submission. */
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    // The clocks derived from the history are stored beside the case, in `case_clocks`.
    /** What this case added to `case_rollups` when it was resolved (taken back if it reopens). */
    rolledUp: jsonb("rolled_up").$type<Record<string, unknown>>(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("cases_reference_key").on(t.reference),
    // The case list's order: newest opened first.
    index("cases_org_opened_idx").on(t.orgId, t.openedAt.desc(), t.id.desc()),
    index("cases_org_status_idx").on(t.orgId, t.status),
    index("cases_org_level_idx").on(t.orgId, t.escalationLevel, t.openedAt),
    index("cases_org_conversation_idx").on(t.orgId, t.conversationId),
    // One automatic case per conversation, however often its listener runs.
    uniqueIndex("cases_org_auto_conversation_key")
      .on(t.orgId, t.conversationId)
      .where(sql`source = 'conversation'`),
    foreignKey({
      columns: [t.orgId, t.customerId],
      foreignColumns: [customers.orgId, customers.id],
    }),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    foreignKey({
      columns: [t.orgId, t.rootCauseId],
      foreignColumns: [rootCauses.orgId, rootCauses.id],
    }),
    foreignKey({
      columns: [t.orgId, t.slaPolicyId],
      foreignColumns: [slaPolicies.orgId, slaPolicies.id],
    }).onDelete("set null"),
  ],
);

/**
 * A case's clocks as the engine last derived them from its history (see
 * src/domains/cases/sla.ts), stored for lists, queues and reports; recomputed on every event, by
 * the escalation job and by the bulk recompute. One row per case, beside the wide `cases` row so
 * that rewriting every open case's summary touches two indexes, not the nine of `cases`.
 */
export const caseClocks = pgTable(
  "case_clocks",
  {
    orgId: orgIdColumn(),
    caseId: uuid("case_id").notNull(),
    firstResponseDueAt: timestamp("first_response_due_at", { withTimezone: true }),
    resolutionDueAt: timestamp("resolution_due_at", { withTimezone: true }),
    firstRespondedAt: timestamp("first_responded_at", { withTimezone: true }),
    atRiskAt: timestamp("at_risk_at", { withTimezone: true }),
    breachedAt: timestamp("breached_at", { withTimezone: true }),
    /** The state of each clock, compact `json` (see clock-state.ts). */
    clockState: clockStateColumn("clock_state")
      .notNull()
      .default(sql`'[]'::json`),
    /** When the escalation job next looks at this case (an at-risk or due instant); null: never. */
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.caseId] }),
    // The escalation job scans every organization's due cases at once: the one index here that
    // does not lead with org_id (like the jobs queue's own).
    index("case_clocks_next_check_idx")
      .on(t.nextCheckAt)
      .where(sql`next_check_at is not null`),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }).onDelete(
      "cascade",
    ),
  ],
);

/** A case's full history, in `seq` order; its clocks are derived from it. */
export const caseEvents = pgTable(
  "case_events",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    caseId: uuid("case_id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    /** When it happened (a message's time for events read from a conversation). */
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorUserId: uuid("actor_user_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("case_events_case_seq_key").on(t.orgId, t.caseId, t.seq),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }).onDelete(
      "cascade",
    ),
  ],
);

/** Conversations linked to a case (the one it was opened from, and any added by hand). */
export const caseConversations = pgTable(
  "case_conversations",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    caseId: uuid("case_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("case_conversations_key").on(t.orgId, t.caseId, t.conversationId),
    index("case_conversations_conversation_idx").on(t.orgId, t.conversationId),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }).onDelete(
      "cascade",
    ),
    foreignKey({
      columns: [t.orgId, t.conversationId],
      foreignColumns: [conversations.orgId, conversations.id],
    }).onDelete("cascade"),
  ],
);

/** What an agent may grant without approval, per role and optionally per team. */
export const authorityLimits = pgTable(
  "authority_limits",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    role: text("role").notNull(),
    teamId: uuid("team_id"),
    option: text("option").notNull(),
    maxAmount: numeric("max_amount", { precision: 12, scale: 2, mode: "number" }).notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("authority_limits_key").on(
      t.orgId,
      t.role,
      t.option,
      sql`coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/** Lessons-learned reviews of severe or breached cases; searchable by text. */
export const caseReviews = pgTable(
  "case_reviews",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    caseId: uuid("case_id").notNull(),
    whatHappened: text("what_happened").notNull(),
    rootCauseId: uuid("root_cause_id"),
    whatWillChange: text("what_will_change").notNull(),
    ownerUserId: uuid("owner_user_id"),
    authorUserId: uuid("author_user_id"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("case_reviews_case_key").on(t.orgId, t.caseId),
    index("case_reviews_search_idx").using(
      "gin",
      sql`to_tsvector('english', ${t.whatHappened} || ' ' || ${t.whatWillChange})`,
    ),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }).onDelete(
      "cascade",
    ),
  ],
);

/**
 * In-app notifications. `dedupe_key` (per org) makes each escalation event notify exactly once,
 * however often the job that raises it runs; `emailed_at` records the email sent for it.
 */
export const caseNotifications = pgTable(
  "case_notifications",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    /** Null for a notification about many cases (the executives' weekly digest). */
    caseId: uuid("case_id"),
    userId: uuid("user_id").notNull(),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    message: text("message").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("case_notifications_dedupe_key").on(t.orgId, t.dedupeKey, t.userId),
    index("case_notifications_user_idx").on(t.orgId, t.userId, t.createdAt.desc()),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }).onDelete(
      "cascade",
    ),
  ],
);

/**
 * SLA compliance pre-aggregated per ISO week of resolution, team, channel and category: the
 * compliance report reads these few thousand rows instead of scanning a year of cases. A case adds
 * its facts when it is resolved and takes them back when it reopens (service code, same
 * transaction); the key's NULLs are stored as '' / the nil UUID so one unique index covers it.
 */
export const caseRollups = pgTable(
  "case_rollups",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    week: text("week").notNull(),
    teamId: uuid("team_id").notNull(),
    channel: text("channel").notNull(),
    category: text("category").notNull(),
    resolved: integer("resolved").notNull().default(0),
    firstResponseMet: integer("first_response_met").notNull().default(0),
    resolutionMet: integer("resolution_met").notNull().default(0),
    breached: integer("breached").notNull().default(0),
    firstResponseMinutes: doublePrecision("first_response_minutes").notNull().default(0),
    resolutionMinutes: doublePrecision("resolution_minutes").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("case_rollups_key").on(t.orgId, t.week, t.teamId, t.channel, t.category),
  ],
);

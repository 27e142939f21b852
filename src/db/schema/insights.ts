import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, orgIdColumn, timestamps } from "./columns.ts";
import { conversations } from "./conversations.ts";
import { organizations, users } from "./orgs.ts";

/**
 * Contact reasons found by clustering customer messages (docs/insights.md). `label` is the
 * machine name from the most telling terms; `name` is a leader's rename and wins. `weights` (stemmed
 * term → weight) is the reason's share of the assignment model, so a new conversation gets its
 * reason without refitting. A merged reason keeps its row with `merged_into_id` set, so re-clustering
 * maps topics that resemble it onto the reason it was merged into.
 */
export const contactReasons = pgTable(
  "contact_reasons",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    label: text("label").notNull(),
    name: text("name"),
    terms: text("terms")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    weights: jsonb("weights").$type<Record<string, number>>().notNull().default({}),
    /** The reason's word-vector half (reason-model.ts), scaled like `weights`; null without one. */
    vector: jsonb("vector").$type<number[]>(),
    pinned: boolean("pinned").notNull().default(false),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    mergedIntoId: uuid("merged_into_id"),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * The vocabulary (stemmed terms and their IDF) the org's reason weights are expressed in, and the
 * word-vector space the reasons' vectors live in (the fit's mean and common component; null for a
 * model fitted without word vectors).
 */
export const reasonModels = pgTable("reason_models", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  idf: jsonb("idf").$type<Record<string, number>>().notNull(),
  vectorSpace: jsonb("vector_space").$type<{ mean: number[]; component: number[] }>(),
  fittedAt: timestamp("fitted_at", { withTimezone: true }).notNull(),
  conversations: integer("conversations").notNull(),
  ...timestamps,
});

/**
 * Each conversation's contact reason: the shared vocabulary that cases, surveys, QA and reports
 * join on (`org_id, conversation_id → reason_id`). `source` is `model` or `manual`.
 */
export const conversationReasons = pgTable(
  "conversation_reasons",
  {
    orgId: orgIdColumn(),
    conversationId: uuid("conversation_id").notNull(),
    reasonId: uuid("reason_id").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    source: text("source").notNull().default("model"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.conversationId] }),
    index("conversation_reasons_reason_started_idx").on(t.orgId, t.reasonId, t.startedAt),
    foreignKey({
      columns: [t.orgId, t.conversationId],
      foreignColumns: [conversations.orgId, conversations.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.orgId, t.reasonId],
      foreignColumns: [contactReasons.orgId, contactReasons.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Conversations per contact reason and UTC day of their start, for the weekly trends: signed delta
 * rows appended by statement-level triggers on `conversation_reasons` (migration 0017), so a
 * reason's count for a day is the sum of its rows; the hourly insights job folds them.
 */
export const reasonDayCounts = pgTable(
  "reason_day_counts",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    reasonId: uuid("reason_id").notNull(),
    day: date("day").notNull(),
    conversations: integer("conversations").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("reason_day_counts_org_day_idx").on(t.orgId, t.day),
  ],
);

/** A weekly spike of a reason above its control limit; one row per reason and week. */
export const reasonSpikes = pgTable(
  "reason_spikes",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    reasonId: uuid("reason_id").notNull(),
    weekStart: date("week_start").notNull(),
    count: integer("count").notNull(),
    expected: doublePrecision("expected").notNull(),
    upperLimit: doublePrecision("upper_limit").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("reason_spikes_reason_week_key").on(t.orgId, t.reasonId, t.weekStart),
    foreignKey({
      columns: [t.orgId, t.reasonId],
      foreignColumns: [contactReasons.orgId, contactReasons.id],
    }).onDelete("cascade"),
  ],
);

/**
 * A fix: what was changed, by whom, when it shipped and what it targets (`{ search?, reasonId?,
 * rootCauseCode? }`). Its impact is computed on demand from conversations, never stored.
 */
export const fixes = pgTable(
  "fixes",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    title: text("title").notNull(),
    description: text("description"),
    shippedAt: timestamp("shipped_at", { withTimezone: true }).notNull(),
    target: jsonb("target")
      .$type<{ search?: string; reasonId?: string; rootCauseCode?: string }>()
      .notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    /**
     * The saved search `fix_conversations` was last filled for. While it is not `target.search`
     * (a new fix, an edited target) the impact matches the search live and the fill job catches up.
     */
    searchFilledFor: text("search_filled_for"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("fixes_org_shipped_idx").on(t.orgId, t.shippedAt.desc()),
  ],
);

/**
 * The conversations a fix's saved search matches (any of their messages), kept per fix so its
 * impact reads a small indexed set instead of matching the search across the window: filled when
 * the fix is created or its target changes, kept current as conversations arrive or change (the
 * `conversations.changed` listener) and as retention empties texts (trigger, migration 0017).
 * Other domains can join it on (org_id, conversation_id) with the conversation's start.
 */
export const fixConversations = pgTable(
  "fix_conversations",
  {
    orgId: orgIdColumn(),
    fixId: uuid("fix_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    /**
     * The conversation's analysis facts the impact counts, copied from `conversation_analyses` when
     * filling and by the listener after each (re-)analysis, so the impact reads no analysis: its
     * `repeat_contact` and `complaint` signals, and its predicted satisfaction (null: not analysed).
     */
    repeatContact: boolean("repeat_contact").notNull().default(false),
    complaint: boolean("complaint").notNull().default(false),
    satisfaction: doublePrecision("satisfaction"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.fixId, t.conversationId] }),
    index("fix_conversations_fix_started_idx").on(t.orgId, t.fixId, t.startedAt),
    index("fix_conversations_conversation_idx").on(t.orgId, t.conversationId),
    foreignKey({
      columns: [t.orgId, t.fixId],
      foreignColumns: [fixes.orgId, fixes.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.orgId, t.conversationId],
      foreignColumns: [conversations.orgId, conversations.id],
    }).onDelete("cascade"),
  ],
);

/** The executives' weekly digest as written by the scheduled job, one per org and week. */
export const insightDigests = pgTable(
  "insight_digests",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    weekStart: date("week_start").notNull(),
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("insight_digests_week_key").on(t.orgId, t.weekStart),
  ],
);

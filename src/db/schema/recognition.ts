import { sql } from "drizzle-orm";
import {
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
import { organizations } from "./orgs.ts";

export const WOW_STORY_STATUSES = ["candidate", "published", "dismissed"] as const;
export type WowStoryStatus = (typeof WOW_STORY_STATUSES)[number];
export const WOW_STORY_SOURCES = ["praise", "survey"] as const;
export type WowStorySource = (typeof WOW_STORY_SOURCES)[number];

/**
 * Wow stories: one per conversation, collected as a candidate on the org's schedule (praise in the
 * conversation, or a top survey answer with a comment), then anonymised and published by a curator.
 * `evidence` holds the customer's words as stored (already redacted at ingest); `story` is the
 * curator's anonymised text, redacted again on publish.
 */
export const wowStories = pgTable(
  "wow_stories",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    conversationId: uuid("conversation_id").notNull(),
    agentId: uuid("agent_id"),
    teamId: uuid("team_id"),
    source: text("source").$type<WowStorySource>().notNull(),
    status: text("status").$type<WowStoryStatus>().notNull().default("candidate"),
    evidence: jsonb("evidence").$type<string[]>().notNull().default([]),
    /** How strong the praise is: the praise signal score, or the survey score scaled to [0, 1]. */
    strength: doublePrecision("strength").notNull().default(0),
    title: text("title"),
    story: text("story"),
    collectedAt: timestamp("collected_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by"),
    /** When the story went out in an e-mail digest; null until then. */
    digestedAt: timestamp("digested_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("wow_stories_org_conversation_key").on(t.orgId, t.conversationId),
    index("wow_stories_org_status_idx").on(t.orgId, t.status, t.publishedAt),
  ],
);

/** One row per scheduled collection slot that ran: the unique slot makes the job idempotent. */
export const recognitionRuns = pgTable(
  "recognition_runs",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    slot: timestamp("slot", { withTimezone: true }).notNull(),
    collected: integer("collected").notNull().default(0),
    digestSent: integer("digest_sent").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("recognition_runs_org_slot_key").on(t.orgId, t.slot),
  ],
);

/** Kudos from one colleague to another, about one conversation. */
export const kudos = pgTable(
  "kudos",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    fromUserId: uuid("from_user_id").notNull(),
    toUserId: uuid("to_user_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    message: text("message").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("kudos_org_to_idx").on(t.orgId, t.toUserId, t.createdAt),
  ],
);

/** Exemplary conversations a curator put in the library under one scorecard criterion. */
export const bestPractices = pgTable(
  "best_practices",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    conversationId: uuid("conversation_id").notNull(),
    criterionKey: text("criterion_key").notNull(),
    note: text("note").notNull().default(""),
    qaScore: doublePrecision("qa_score"),
    satisfaction: doublePrecision("satisfaction"),
    praised: integer("praised").notNull().default(0),
    excerpt: text("excerpt").notNull().default(""),
    addedBy: uuid("added_by"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("best_practices_org_criterion_conversation_key").on(
      t.orgId,
      t.criterionKey,
      t.conversationId,
    ),
  ],
);

export const IDEA_STATUSES = ["new", "reviewing", "planned", "done", "declined"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
export const IDEA_SOURCES = ["employee", "customer_suggestion", "internal_note"] as const;
export type IdeaSource = (typeof IDEA_SOURCES)[number];

/**
 * The innovation box. Mined ideas (customer suggestions, internal notes) carry their evidence and
 * `minedFrom` (the message id) so that re-analysis never files the same one twice. `fixId` points
 * at an insights fix; deleting the fix unlinks it (insights/fixes.repo.ts). No foreign key: on the
 * composite key (org_id, fix_id), ON DELETE SET NULL would null org_id too.
 */
export const ideas = pgTable(
  "ideas",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status").$type<IdeaStatus>().notNull().default("new"),
    declineReason: text("decline_reason"),
    source: text("source").$type<IdeaSource>().notNull().default("employee"),
    evidence: jsonb("evidence").$type<string[]>().notNull().default([]),
    conversationId: uuid("conversation_id"),
    minedFrom: uuid("mined_from"),
    authorUserId: uuid("author_user_id"),
    fixId: uuid("fix_id"),
    votes: integer("votes").notNull().default(0),
    comments: integer("comments").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("ideas_org_mined_from_key")
      .on(t.orgId, t.minedFrom)
      .where(sql`mined_from is not null`),
    index("ideas_org_status_idx").on(t.orgId, t.status),
  ],
);

/** One vote per voter (`u:<user id>` or `k:<api key id>`) per idea. */
export const ideaVotes = pgTable(
  "idea_votes",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    ideaId: uuid("idea_id").notNull(),
    voter: text("voter").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("idea_votes_org_idea_voter_key").on(t.orgId, t.ideaId, t.voter),
    foreignKey({
      columns: [t.orgId, t.ideaId],
      foreignColumns: [ideas.orgId, ideas.id],
    }).onDelete("cascade"),
  ],
);

export const ideaComments = pgTable(
  "idea_comments",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    ideaId: uuid("idea_id").notNull(),
    authorUserId: uuid("author_user_id"),
    body: text("body").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("idea_comments_org_idea_idx").on(t.orgId, t.ideaId, t.createdAt),
    foreignKey({
      columns: [t.orgId, t.ideaId],
      foreignColumns: [ideas.orgId, ideas.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Messages from the org's internal chat channels (Slack, Teams, …) that the engine marked
 * `disrespect` toward customers, for the culture view. Only marked messages are kept (redacted);
 * the rest of a channel is analysed and dropped. One row per (source, external id): a resend is a
 * no-op.
 */
export const cultureChannelMessages = pgTable(
  "culture_channel_messages",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    channel: text("channel").notNull(),
    authorAgentId: uuid("author_agent_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    text: text("text").notNull(),
    spans: text("spans").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("culture_channel_messages_source_key").on(t.orgId, t.source, t.externalId),
    index("culture_channel_messages_sent_idx").on(t.orgId, t.sentAt),
  ],
);

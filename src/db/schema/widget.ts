import {
  foreignKey,
  doublePrecision,
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

/** Where a widget chat is: answered by the bot, waiting in a queue, with an agent, or over. */
export const WIDGET_CHAT_STATUSES = ["bot", "queued", "assigned", "closed"] as const;
export type WidgetChatStatus = (typeof WIDGET_CHAT_STATUSES)[number];

/** Why a chat went to a human: the customer asked, the bot did not know twice, or an alert. */
export const HANDOFF_REASONS = ["requested", "low_confidence", "alert"] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** Who wrote a widget message; `system` lines (handoff notices) are shown but not analysed. */
export const WIDGET_MESSAGE_ROLES = ["customer", "bot", "agent", "system"] as const;
export type WidgetMessageRole = (typeof WIDGET_MESSAGE_ROLES)[number];

/**
 * One website visitor's chat through the widget. The same messages are stored as a Rapport
 * conversation (channel chat, source "widget", externalId = this id) for analysis; this row holds
 * what the conversation model has no place for: the bot/queue/agent state and the handoff.
 */
export const widgetChats = pgTable(
  "widget_chats",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    visitorId: text("visitor_id").notNull(),
    origin: text("origin").notNull(),
    conversationId: uuid("conversation_id"),
    status: text("status").$type<WidgetChatStatus>().notNull().default("bot"),
    /** The queue: the team the chat waits for (null: the organization's general queue). */
    teamId: uuid("team_id"),
    assignedUserId: uuid("assigned_user_id"),
    handoffReason: text("handoff_reason").$type<HandoffReason>(),
    /** Signals behind an alert handoff, e.g. ["churn_threat"]. */
    handoffSignals: jsonb("handoff_signals").$type<string[]>().notNull().default([]),
    /** Seq of the last message before the handoff: messages after it are the human part. */
    handoffSeq: integer("handoff_seq"),
    handedOffAt: timestamp("handed_off_at", { withTimezone: true }),
    firstHumanReplyAt: timestamp("first_human_reply_at", { withTimezone: true }),
    /** Consecutive bot answers below the confidence threshold (two in a row hand off). */
    misses: integer("misses").notNull().default(0),
    lastSeq: integer("last_seq").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("widget_chats_org_status_idx").on(t.orgId, t.status, t.handedOffAt),
    index("widget_chats_org_visitor_idx").on(t.orgId, t.visitorId),
  ],
);

/** An article the bot considered for one customer message, with its search score. */
export interface BotAttempt {
  articleId: string;
  title: string;
  score: number;
}

/** Messages of a widget chat in order (`seq` from 1); the widget polls for those after a seq. */
export const widgetMessages = pgTable(
  "widget_messages",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    chatId: uuid("chat_id").notNull(),
    seq: integer("seq").notNull(),
    role: text("role").$type<WidgetMessageRole>().notNull(),
    /** Redacted with the organization's settings before it is stored. */
    text: text("text").notNull(),
    authorUserId: uuid("author_user_id"),
    /** For bot answers: the cited article; for every bot turn: the articles tried. */
    citation: jsonb("citation").$type<{ articleId: string; title: string; url: string | null }>(),
    attempts: jsonb("attempts").$type<BotAttempt[]>(),
    confidence: doublePrecision("confidence"),
    /** Engine signals detected in this message (customer messages). */
    signals: jsonb("signals").$type<string[]>().notNull().default([]),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("widget_messages_chat_seq_key").on(t.orgId, t.chatId, t.seq),
    // A chat's messages go with it (a customer's erasure deletes the chat by its conversation).
    foreignKey({
      columns: [t.orgId, t.chatId],
      foreignColumns: [widgetChats.orgId, widgetChats.id],
    }).onDelete("cascade"),
  ],
);

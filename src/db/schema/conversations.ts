import { customType } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import {
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
import { organizations, teams, users } from "./orgs.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const CHANNELS = ["phone", "email", "chat", "social", "sms", "other"] as const;
export type Channel = (typeof CHANNELS)[number];
export const channelEnum = pgEnum("channel", CHANNELS);

export const CONVERSATION_STATUSES = ["open", "pending", "resolved", "closed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const conversationStatusEnum = pgEnum("conversation_status", CONVERSATION_STATUSES);

export const MESSAGE_ROLES = ["customer", "agent", "bot", "internal"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export const messageRoleEnum = pgEnum("message_role", MESSAGE_ROLES);

/** The people who serve customers. An agent may or may not have a login (`userId`). */
export const agents = pgTable(
  "agents",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    externalId: text("external_id"),
    name: text("name").notNull(),
    email: text("email"),
    teamId: uuid("team_id"),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("agents_org_external_key").on(t.orgId, t.externalId),
    index("agents_org_team_idx").on(t.orgId, t.teamId),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
  ],
);

export const customers = pgTable(
  "customers",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name"),
    email: text("email"),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** How a customer is known on each channel or source system (email address, phone number, handle, CRM id). */
export const customerIdentities = pgTable(
  "customer_identities",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    customerId: uuid("customer_id").notNull(),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("customer_identities_org_source_external_key").on(t.orgId, t.source, t.externalId),
    index("customer_identities_customer_idx").on(t.orgId, t.customerId),
    foreignKey({
      columns: [t.orgId, t.customerId],
      foreignColumns: [customers.orgId, customers.id],
    }).onDelete("cascade"),
  ],
);

export const conversations = pgTable(
  "conversations",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    channel: channelEnum("channel").notNull(),
    status: conversationStatusEnum("status").notNull().default("open"),
    subject: text("subject"),
    customerId: uuid("customer_id"),
    agentId: uuid("agent_id"),
    teamId: uuid("team_id"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    messageCount: integer("message_count").notNull().default(0),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("conversations_org_source_external_key").on(t.orgId, t.source, t.externalId),
    // Keyset paging: newest first within an org, with optional channel/team/agent filters.
    index("conversations_org_started_idx").on(t.orgId, t.startedAt.desc(), t.id.desc()),
    index("conversations_org_channel_started_idx").on(t.orgId, t.channel, t.startedAt.desc()),
    index("conversations_org_team_started_idx").on(t.orgId, t.teamId, t.startedAt.desc()),
    index("conversations_org_agent_started_idx").on(t.orgId, t.agentId, t.startedAt.desc()),
    index("conversations_org_customer_idx").on(t.orgId, t.customerId),
    foreignKey({
      columns: [t.orgId, t.customerId],
      foreignColumns: [customers.orgId, customers.id],
    }),
    foreignKey({ columns: [t.orgId, t.agentId], foreignColumns: [agents.orgId, agents.id] }),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
  ],
);

/** Everyone who took part: the customer, each agent (transfers add more), bots. */
export const conversationParticipants = pgTable(
  "conversation_participants",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    conversationId: uuid("conversation_id").notNull(),
    role: messageRoleEnum("role").notNull(),
    agentId: uuid("agent_id"),
    customerId: uuid("customer_id"),
    displayName: text("display_name"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("conversation_participants_conversation_idx").on(t.orgId, t.conversationId),
    foreignKey({
      columns: [t.orgId, t.conversationId],
      foreignColumns: [conversations.orgId, conversations.id],
    }).onDelete("cascade"),
  ],
);

export const messages = pgTable(
  "messages",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    conversationId: uuid("conversation_id").notNull(),
    seq: integer("seq").notNull(),
    role: messageRoleEnum("role").notNull(),
    agentId: uuid("agent_id"),
    externalId: text("external_id"),
    text: text("text").notNull(),
    ts: timestamp("ts", { withTimezone: true }).notNull(),
    /** Speech offsets in seconds from the start of the call. */
    startOffset: doublePrecision("start_offset"),
    endOffset: doublePrecision("end_offset"),
    /** The whole original text (an email with its quoted history and signature) when `text` is its cleaned part. */
    rawText: text("raw_text"),
    redactions: integer("redactions").notNull().default(0),
    /** Full-text search vector of the (redacted) text. */
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('english', text)`),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("messages_conversation_seq_key").on(t.orgId, t.conversationId, t.seq),
    index("messages_org_external_idx")
      .on(t.orgId, t.externalId)
      .where(sql`external_id is not null`),
    index("messages_search_idx").using("gin", t.search),
    // No row-level foreign key to conversations: its per-row check was 40 % of the database's CPU
    // per ingested conversation (docs/decisions.md). Ingest writes a conversation's messages in the
    // transaction that creates or locks it, and a statement-level trigger on conversations deletes
    // their messages (migration 0002), so the cascade still holds.
  ],
);

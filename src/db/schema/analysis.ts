import { sql } from "drizzle-orm";
import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";

/** The engine's result for one message, stamped with the engine version that produced it. */
export const messageAnalyses = pgTable(
  "message_analyses",
  {
    orgId: uuid("org_id").notNull(),
    messageId: uuid("message_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    engineVersion: text("engine_version").notNull(),
    sentimentScore: doublePrecision("sentiment_score").notNull(),
    sentimentLabel: text("sentiment_label").notNull(),
    politeness: doublePrecision("politeness").notNull(),
    emotions: jsonb("emotions").$type<Record<string, number>>().notNull(),
    /** Full signal list with evidence spans and sentiment terms, as the engine returns them. */
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
    signalNames: text("signal_names")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.messageId] }),
    index("message_analyses_conversation_idx").on(t.orgId, t.conversationId),
  ],
);

/** The engine's result for a whole conversation: satisfaction, trajectory, effort, signals. */
export const conversationAnalyses = pgTable(
  "conversation_analyses",
  {
    orgId: uuid("org_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    engineVersion: text("engine_version").notNull(),
    /** How many messages the analysis covered; less than the conversation's count means it is due again. */
    messageCount: integer("message_count").notNull(),
    satisfaction: doublePrecision("satisfaction").notNull(),
    sentimentScore: doublePrecision("sentiment_score").notNull(),
    sentimentLabel: text("sentiment_label").notNull(),
    trajectory: text("trajectory").notNull(),
    signalNames: text("signal_names")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
    analyzedAt: timestamp("analyzed_at", { withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.conversationId] }),
    index("conversation_analyses_org_satisfaction_idx").on(t.orgId, t.satisfaction),
    index("conversation_analyses_org_version_idx").on(t.orgId, t.engineVersion),
    index("conversation_analyses_signals_idx").using("gin", t.signalNames),
    // No foreign key: the conversations delete trigger (migration 0003) deletes a conversation's
    // analysis after taking it out of the report rollups, which a cascade would delete first.
  ],
);

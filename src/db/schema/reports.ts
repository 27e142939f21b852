import {
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { channelEnum } from "./conversations.ts";
import { idColumn, orgIdColumn, timestamps } from "./columns.ts";
import { organizations } from "./orgs.ts";

/**
 * Report rollups: conversation counts and analysis sums per org, UTC day, channel, team and agent, so
 * reports read a few thousand rows instead of scanning conversations. Kept current by statement-level
 * triggers on conversations and conversation_analyses (migration 0003), which APPEND signed delta rows:
 * concurrent ingest transactions never wait on a shared counter row. Readers sum the rows of a key;
 * the `reports.compact-rollups` job folds each key's deltas into one row; `rapport reports rebuild`
 * recomputes an org from the live tables. Several rows per key are therefore normal.
 */
export const conversationRollups = pgTable(
  "conversation_rollups",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    day: date("day", { mode: "string" }).notNull(),
    channel: channelEnum("channel").notNull(),
    teamId: uuid("team_id"),
    agentId: uuid("agent_id"),
    conversations: integer("conversations").notNull().default(0),
    messages: integer("messages").notNull().default(0),
    /** Conversations with a stored analysis; the denominator of the averages below. */
    analysed: integer("analysed").notNull().default(0),
    satisfactionSum: doublePrecision("satisfaction_sum").notNull().default(0),
    sentimentSum: doublePrecision("sentiment_sum").notNull().default(0),
    negative: integer("negative").notNull().default(0),
    neutral: integer("neutral").notNull().default(0),
    positive: integer("positive").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("conversation_rollups_org_day_idx").on(t.orgId, t.day),
  ],
);

/** Conversations per detected signal, with the same keys and the same delta rows as above. */
export const signalRollups = pgTable(
  "signal_rollups",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    day: date("day", { mode: "string" }).notNull(),
    channel: channelEnum("channel").notNull(),
    teamId: uuid("team_id"),
    agentId: uuid("agent_id"),
    signal: text("signal").notNull(),
    conversations: integer("conversations").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("signal_rollups_org_day_idx").on(t.orgId, t.day),
  ],
);

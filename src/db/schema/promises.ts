import {
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, orgIdColumn, timestamps } from "./columns.ts";
import { channelEnum, conversations } from "./conversations.ts";
import { organizations } from "./orgs.ts";

export const PROMISE_STATUSES = ["pending", "kept", "broken", "open_ended"] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];
export const PROMISE_SETTLED_BY = [
  "agent_message",
  "case_update",
  "customer_waiting",
  "deadline",
] as const;
export type PromiseSettledBy = (typeof PROMISE_SETTLED_BY)[number];

/** One `promise` signal the engine found in an agent message, tracked to kept or broken. */
export const promises = pgTable(
  "promises",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    conversationId: uuid("conversation_id").notNull(),
    messageId: uuid("message_id").notNull(),
    customerId: uuid("customer_id"),
    agentId: uuid("agent_id"),
    teamId: uuid("team_id"),
    channel: channelEnum("channel").notNull(),
    /** The conversation's reason label when the promise was found (see promises/reason.ts). */
    reason: text("reason").notNull(),
    /** The words of the promise, at most 300 characters. */
    quote: text("quote").notNull(),
    promisedAt: timestamp("promised_at", { withTimezone: true }).notNull(),
    /** The engine's due expression as it gave it ("PT24H", "2026-11-27", "friday"). */
    dueText: text("due_text"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    status: text("status").$type<PromiseStatus>().notNull(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    settledBy: text("settled_by").$type<PromiseSettledBy>(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("promises_message_key").on(t.orgId, t.messageId),
    index("promises_org_promised_idx").on(t.orgId, t.promisedAt),
    index("promises_pending_due_idx").on(t.status, t.dueAt),
    index("promises_customer_idx").on(t.orgId, t.customerId),
    /** The people scorecard reads a conversation's promises (its keep rate) on every refresh. */
    index("promises_conversation_idx").on(t.orgId, t.conversationId),
    foreignKey({
      columns: [t.orgId, t.conversationId],
      foreignColumns: [conversations.orgId, conversations.id],
    }).onDelete("cascade"),
  ],
);

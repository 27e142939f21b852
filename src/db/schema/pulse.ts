import {
  boolean,
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
import { organizations, users } from "./orgs.ts";

/**
 * Employee pulse surveys (eNPS): one 0–10 question to the organization's users, answered in the
 * app. `teamIds` null means everyone; `invited` is the audience's size when the pulse opened.
 */
export const pulseSurveys = pgTable(
  "pulse_surveys",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    question: text("question").notNull(),
    anonymous: boolean("anonymous").notNull().default(true),
    teamIds: jsonb("team_ids").$type<string[] | null>(),
    invited: integer("invited").notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("pulse_surveys_org_name_key").on(t.orgId, t.name),
  ],
);

/**
 * Who answered a pulse, so nobody answers twice. For an anonymous pulse this is all that links a
 * user to it: the answer itself is in `pulse_responses` without the user, and both rows carry the
 * day only (`answered_on`), so their times cannot be matched.
 */
export const pulseParticipants = pgTable(
  "pulse_participants",
  {
    orgId: orgIdColumn(),
    pulseId: uuid("pulse_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answeredOn: text("answered_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.pulseId, t.userId] }),
    foreignKey({
      columns: [t.orgId, t.pulseId],
      foreignColumns: [pulseSurveys.orgId, pulseSurveys.id],
    }).onDelete("cascade"),
  ],
);

/** An answer: the team it counts for, the user only when the pulse is not anonymous. */
export const pulseResponses = pgTable(
  "pulse_responses",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    pulseId: uuid("pulse_id").notNull(),
    teamId: uuid("team_id"),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    score: integer("score").notNull(),
    comment: text("comment"),
    answeredOn: text("answered_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("pulse_responses_pulse_idx").on(t.orgId, t.pulseId),
    foreignKey({
      columns: [t.orgId, t.pulseId],
      foreignColumns: [pulseSurveys.orgId, pulseSurveys.id],
    }).onDelete("cascade"),
  ],
);

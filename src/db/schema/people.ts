import {
  date,
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

/**
 * One row per conversation with every scorecard metric it carries (null when it has none) and the
 * case-mix stratum it belongs to. Rebuilt by the `people.refresh-facts` listener whenever the
 * conversation, its analysis, its QA evaluations, survey answers or cases change.
 */
export const peopleConversationFacts = pgTable(
  "people_conversation_facts",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    conversationId: uuid("conversation_id").notNull(),
    agentId: uuid("agent_id"),
    teamId: uuid("team_id"),
    customerId: uuid("customer_id"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    /** Monday (UTC) of the week the conversation started. */
    week: date("week", { mode: "string" }).notNull(),
    /**
     * Contact reason (see reason.ts: the insights reason's id when it has one, else the strongest
     * signal), channel, starting sentiment and segment.
     */
    reason: text("reason").notNull(),
    stratum: text("stratum").notNull(),
    /** reason|channel: the coarser stratum used when the full one has too few conversations. */
    coarseStratum: text("coarse_stratum").notNull(),
    qaAuto: doublePrecision("qa_auto"),
    qaHuman: doublePrecision("qa_human"),
    predictedSatisfaction: doublePrecision("predicted_satisfaction"),
    csat: doublePrecision("csat"),
    nps: doublePrecision("nps"),
    ces: doublePrecision("ces"),
    fcr: doublePrecision("fcr"),
    firstResponseMinutes: doublePrecision("first_response_minutes"),
    handleMinutes: doublePrecision("handle_minutes"),
    slaCompliance: doublePrecision("sla_compliance"),
    complaintRate: doublePrecision("complaint_rate"),
    complaintResolved: doublePrecision("complaint_resolved"),
    /** Share of the conversation's settled promises (promises domain) that were kept. */
    promisesKept: doublePrecision("promises_kept"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("people_facts_conversation_key").on(t.orgId, t.conversationId),
    index("people_facts_agent_week_idx").on(t.orgId, t.agentId, t.week),
    index("people_facts_customer_idx").on(t.orgId, t.customerId, t.startedAt),
    index("people_facts_org_week_idx").on(t.orgId, t.week),
  ],
);

/** The org's mean of each metric per case-mix stratum: the reference of "expected" (docs/people.md). */
export const peopleBaselines = pgTable(
  "people_baselines",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    /** A full stratum, a coarse one (reason|channel) or `*` for the whole org. */
    stratum: text("stratum").notNull(),
    metric: text("metric").notNull(),
    n: integer("n").notNull(),
    mean: doublePrecision("mean").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("people_baselines_key").on(t.orgId, t.stratum, t.metric),
  ],
);

/**
 * Sums per agent, week and metric (agent_id null: the whole org), so a scorecard reads a few hundred
 * rows: n, Σy, Σy², Σexpected and Σ(y − expected)² give the observed, expected and adjusted means
 * and their intervals. The metric `conversations` counts the agent's conversations (y = 1).
 */
export const peopleRollups = pgTable(
  "people_rollups",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    /** Null on the org's own rows (every conversation, assigned or not). */
    agentId: uuid("agent_id"),
    teamId: uuid("team_id"),
    week: date("week", { mode: "string" }).notNull(),
    metric: text("metric").notNull(),
    n: integer("n").notNull(),
    sum: doublePrecision("sum").notNull(),
    sumSq: doublePrecision("sum_sq").notNull(),
    sumExpected: doublePrecision("sum_expected").notNull(),
    sumResidualSq: doublePrecision("sum_residual_sq").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("people_rollups_agent_idx").on(t.orgId, t.agentId, t.week),
    index("people_rollups_team_idx").on(t.orgId, t.teamId, t.week),
    index("people_rollups_week_idx").on(t.orgId, t.week),
  ],
);

/** A target on one scorecard metric for an agent, a team or the whole org. */
export const peopleGoals = pgTable(
  "people_goals",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    /** agent | team | org */
    scope: text("scope").notNull(),
    subjectId: uuid("subject_id"),
    metric: text("metric").notNull(),
    target: doublePrecision("target").notNull(),
    /** The value when the goal was set: progress runs from it to the target. */
    startValue: doublePrecision("start_value"),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("people_goals_subject_idx").on(t.orgId, t.scope, t.subjectId),
  ],
);

/** A coaching session: agenda drafted from scorecard gaps, notes, commitments, follow-up. */
export const peopleCoachingSessions = pgTable(
  "people_coaching_sessions",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    agentId: uuid("agent_id").notNull(),
    coachUserId: uuid("coach_user_id"),
    /** The scorecard metric the session works on; its before/after effect is measured. */
    metric: text("metric").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    followUpOn: date("follow_up_on", { mode: "string" }),
    /** The drafted agenda: gaps with best and worst example conversations. */
    agenda: jsonb("agenda").$type<Record<string, unknown>[]>().notNull().default([]),
    notes: text("notes").notNull().default(""),
    commitments: jsonb("commitments").$type<string[]>().notNull().default([]),
    /** QA coaching notes (qa_coaching_notes) this session follows up on. */
    qaCoachingNoteIds: uuid("qa_coaching_note_ids").array().notNull().default([]),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("people_coaching_agent_idx").on(t.orgId, t.agentId, t.heldOn),
  ],
);

import { sql } from "drizzle-orm";
import {
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
import { channelEnum } from "./conversations.ts";
import { organizations } from "./orgs.ts";

/**
 * A scorecard: the stable identity of a QA template (its name and, for the starter ones, which
 * starter it came from). Its content lives in versions; evaluations point at the version they used.
 */
export const qaScorecards = pgTable(
  "qa_scorecards",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    /** "phone" | "email" | "chat" for the starter scorecards every org gets; null for built ones. */
    starterKey: text("starter_key"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("qa_scorecards_org_starter_key").on(t.orgId, t.starterKey),
  ],
);

/**
 * One version of a scorecard. A draft is edited in place; publishing freezes it (status
 * `published`, the previous published version becomes `retired`). A published definition is never
 * changed: editing starts a new draft with the next version number.
 */
export const qaScorecardVersions = pgTable(
  "qa_scorecard_versions",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    scorecardId: uuid("scorecard_id").notNull(),
    version: integer("version").notNull(),
    /** draft | published | retired */
    status: text("status").notNull(),
    channels: text("channels").array().notNull(),
    /** Sections and criteria (keys, weights, scales, critical, rules): see qa.schemas.ts. */
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("qa_scorecard_versions_org_card_version_key").on(t.orgId, t.scorecardId, t.version),
    // At most one draft and one published version per scorecard.
    uniqueIndex("qa_scorecard_versions_one_draft_key")
      .on(t.orgId, t.scorecardId)
      .where(sql`status = 'draft'`),
    uniqueIndex("qa_scorecard_versions_one_published_key")
      .on(t.orgId, t.scorecardId)
      .where(sql`status = 'published'`),
    foreignKey({
      columns: [t.orgId, t.scorecardId],
      foreignColumns: [qaScorecards.orgId, qaScorecards.id],
    }).onDelete("cascade"),
  ],
);

/**
 * One evaluation of one conversation against one scorecard version: automatic (one per
 * conversation and version, rewritten on every change) or human (one per reviewer, submitted once).
 * Carries the conversation's keys (agent, team, customer, channel, week) so reports join nothing.
 */
export const qaEvaluations = pgTable(
  "qa_evaluations",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    conversationId: uuid("conversation_id").notNull(),
    scorecardId: uuid("scorecard_id").notNull(),
    versionId: uuid("version_id").notNull(),
    version: integer("version").notNull(),
    /** auto | human */
    kind: text("kind").notNull(),
    reviewerUserId: uuid("reviewer_user_id"),
    /** Set when the evaluation belongs to a calibration session (blind until submitted). */
    calibrationSessionId: uuid("calibration_session_id"),
    agentId: uuid("agent_id"),
    teamId: uuid("team_id"),
    customerId: uuid("customer_id"),
    channel: channelEnum("channel").notNull(),
    /** Monday (UTC) of the week the conversation started. */
    week: date("week", { mode: "string" }).notNull(),
    /** 0–100, null when nothing was answered. */
    score: doublePrecision("score"),
    /** Per-criterion answers with evidence, confidence, credited agent and any correction. */
    answers: jsonb("answers").$type<Record<string, unknown>[]>().notNull(),
    /** Reviewer comments on messages: [{ messageId, text }]. */
    comments: jsonb("comments").$type<Record<string, unknown>[]>().notNull().default([]),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("qa_evaluations_auto_key")
      .on(t.orgId, t.conversationId, t.versionId)
      .where(sql`kind = 'auto'`),
    uniqueIndex("qa_evaluations_human_key")
      .on(t.orgId, t.conversationId, t.versionId, t.reviewerUserId)
      .where(sql`kind = 'human' and calibration_session_id is null`),
    uniqueIndex("qa_evaluations_calibration_key")
      .on(t.orgId, t.calibrationSessionId, t.conversationId, t.reviewerUserId)
      .where(sql`calibration_session_id is not null`),
    index("qa_evaluations_conversation_idx").on(t.orgId, t.conversationId),
    index("qa_evaluations_week_idx").on(t.orgId, t.week, t.kind),
    index("qa_evaluations_agent_idx").on(t.orgId, t.agentId, t.week),
    foreignKey({
      columns: [t.orgId, t.versionId],
      foreignColumns: [qaScorecardVersions.orgId, qaScorecardVersions.id],
    }).onDelete("cascade"),
  ],
);

/** A reviewer's turn on the queue: a conversation picked by an assignment rule. */
export const qaReviewAssignments = pgTable(
  "qa_review_assignments",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    conversationId: uuid("conversation_id").notNull(),
    /** random_weekly | low_satisfaction | complaint | low_confidence | disagreement | disputes_upheld */
    reason: text("reason").notNull(),
    agentId: uuid("agent_id"),
    teamId: uuid("team_id"),
    /** The reviewer who claimed it (so two reviewers do not review the same conversation). */
    assigneeUserId: uuid("assignee_user_id"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    /**
     * How the holder got it: `claimed` (took it themselves: lapses after the org's
     * settings.qa.claimLapseHours) or `assigned` (handed to them by someone else: never lapses);
     * null while nobody holds it.
     */
    claimKind: text("claim_kind"),
    /** open | done */
    status: text("status").notNull().default("open"),
    evaluationId: uuid("evaluation_id"),
    /**
     * The conversation's lowest automatic QA score (null: none yet), kept by a trigger on
     * qa_evaluations (migration 0026) so "lowest score first" walks an index.
     */
    autoScore: doublePrecision("auto_score"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("qa_review_assignments_conversation_key").on(t.orgId, t.conversationId),
    index("qa_review_assignments_status_idx").on(t.orgId, t.status),
    index("qa_review_assignments_open_score_idx")
      .on(t.orgId, t.autoScore.asc().nullsLast())
      .where(sql`status = 'open'`),
  ],
);

/** An agent's dispute of an evaluation (whole, or some answers), resolved by another leader. */
export const qaDisputes = pgTable(
  "qa_disputes",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    evaluationId: uuid("evaluation_id").notNull(),
    agentId: uuid("agent_id").notNull(),
    raisedBy: uuid("raised_by").notNull(),
    /** Empty: the whole evaluation. */
    criterionKeys: text("criterion_keys").array().notNull(),
    reason: text("reason").notNull(),
    /** open | upheld | partly | overturned */
    status: text("status").notNull().default("open"),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    resolvedBy: uuid("resolved_by"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolution: text("resolution"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("qa_disputes_evaluation_idx").on(t.orgId, t.evaluationId),
    foreignKey({
      columns: [t.orgId, t.evaluationId],
      foreignColumns: [qaEvaluations.orgId, qaEvaluations.id],
    }).onDelete("cascade"),
  ],
);

/** The same conversations put blind to several reviewers, to measure their agreement. */
export const qaCalibrationSessions = pgTable(
  "qa_calibration_sessions",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    name: text("name").notNull(),
    versionId: uuid("version_id").notNull(),
    conversationIds: uuid("conversation_ids").array().notNull(),
    reviewerUserIds: uuid("reviewer_user_ids").array().notNull(),
    createdBy: uuid("created_by").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.versionId],
      foreignColumns: [qaScorecardVersions.orgId, qaScorecardVersions.id],
    }).onDelete("cascade"),
  ],
);

/** A leader's coaching note for an agent, from an evaluation. */
export const qaCoachingNotes = pgTable(
  "qa_coaching_notes",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    evaluationId: uuid("evaluation_id").notNull(),
    agentId: uuid("agent_id").notNull(),
    authorUserId: uuid("author_user_id").notNull(),
    messageIds: uuid("message_ids").array().notNull(),
    goal: text("goal").notNull(),
    note: text("note").notNull().default(""),
    followUpOn: date("follow_up_on", { mode: "string" }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("qa_coaching_notes_agent_idx").on(t.orgId, t.agentId),
    // The coaching list pages newest first by (created_at, id).
    index("qa_coaching_notes_created_idx").on(t.orgId, t.createdAt, t.id),
    foreignKey({
      columns: [t.orgId, t.evaluationId],
      foreignColumns: [qaEvaluations.orgId, qaEvaluations.id],
    }).onDelete("cascade"),
  ],
);

/** Progress of scoring every stored conversation against a newly published version. */
export const qaBackfills = pgTable(
  "qa_backfills",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    versionId: uuid("version_id").notNull(),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * QA report rollups: signed delta rows per org, week, kind, channel, team and agent, appended by
 * statement-level triggers on qa_evaluations (migration 0005) in the writing transaction, so the QA
 * report reads a few thousand rows instead of every evaluation. Readers sum a key's rows;
 * `qa.compact-rollups` folds them. Calibration evaluations are left out.
 */
export const qaScoreRollups = pgTable(
  "qa_score_rollups",
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: "cascade" }),
    id: idColumn(),
    week: date("week", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    channel: channelEnum("channel").notNull(),
    teamId: uuid("team_id"),
    agentId: uuid("agent_id"),
    evaluations: integer("evaluations").notNull().default(0),
    /** Evaluations with a score, and the sum of their scores. */
    scored: integer("scored").notNull().default(0),
    scoreSum: doublePrecision("score_sum").notNull().default(0),
    /** Scored evaluations at 50 or above. */
    passed: integer("passed").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("qa_score_rollups_org_week_idx").on(t.orgId, t.week),
  ],
);

CREATE TABLE "qa_backfills" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_backfills_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "qa_calibration_sessions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"version_id" uuid NOT NULL,
	"conversation_ids" uuid[] NOT NULL,
	"reviewer_user_ids" uuid[] NOT NULL,
	"created_by" uuid NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_calibration_sessions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "qa_coaching_notes" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"message_ids" uuid[] NOT NULL,
	"goal" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"follow_up_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_coaching_notes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "qa_disputes" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"raised_by" uuid NOT NULL,
	"criterion_keys" text[] NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_disputes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "qa_evaluations" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"reviewer_user_id" uuid,
	"calibration_session_id" uuid,
	"agent_id" uuid,
	"team_id" uuid,
	"customer_id" uuid,
	"channel" "channel" NOT NULL,
	"week" date NOT NULL,
	"score" double precision,
	"answers" jsonb NOT NULL,
	"comments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_evaluations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "qa_review_assignments" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"agent_id" uuid,
	"team_id" uuid,
	"assignee_user_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"evaluation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_review_assignments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "qa_score_rollups" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"week" date NOT NULL,
	"kind" text NOT NULL,
	"channel" "channel" NOT NULL,
	"team_id" uuid,
	"agent_id" uuid,
	"evaluations" integer DEFAULT 0 NOT NULL,
	"scored" integer DEFAULT 0 NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL,
	"passed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_score_rollups_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "qa_scorecard_versions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"channels" text[] NOT NULL,
	"definition" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_scorecard_versions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "qa_scorecards" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starter_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_scorecards_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "qa_calibration_sessions" ADD CONSTRAINT "qa_calibration_sessions_org_id_version_id_qa_scorecard_versions_org_id_id_fk" FOREIGN KEY ("org_id","version_id") REFERENCES "public"."qa_scorecard_versions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_coaching_notes" ADD CONSTRAINT "qa_coaching_notes_org_id_evaluation_id_qa_evaluations_org_id_id_fk" FOREIGN KEY ("org_id","evaluation_id") REFERENCES "public"."qa_evaluations"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_disputes" ADD CONSTRAINT "qa_disputes_org_id_evaluation_id_qa_evaluations_org_id_id_fk" FOREIGN KEY ("org_id","evaluation_id") REFERENCES "public"."qa_evaluations"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_evaluations" ADD CONSTRAINT "qa_evaluations_org_id_version_id_qa_scorecard_versions_org_id_id_fk" FOREIGN KEY ("org_id","version_id") REFERENCES "public"."qa_scorecard_versions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_score_rollups" ADD CONSTRAINT "qa_score_rollups_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_scorecard_versions" ADD CONSTRAINT "qa_scorecard_versions_org_id_scorecard_id_qa_scorecards_org_id_id_fk" FOREIGN KEY ("org_id","scorecard_id") REFERENCES "public"."qa_scorecards"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_scorecards" ADD CONSTRAINT "qa_scorecards_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qa_coaching_notes_agent_idx" ON "qa_coaching_notes" USING btree ("org_id","agent_id");--> statement-breakpoint
CREATE INDEX "qa_disputes_evaluation_idx" ON "qa_disputes" USING btree ("org_id","evaluation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_evaluations_auto_key" ON "qa_evaluations" USING btree ("org_id","conversation_id","version_id") WHERE kind = 'auto';--> statement-breakpoint
CREATE UNIQUE INDEX "qa_evaluations_human_key" ON "qa_evaluations" USING btree ("org_id","conversation_id","version_id","reviewer_user_id") WHERE kind = 'human' and calibration_session_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "qa_evaluations_calibration_key" ON "qa_evaluations" USING btree ("org_id","calibration_session_id","conversation_id","reviewer_user_id") WHERE calibration_session_id is not null;--> statement-breakpoint
CREATE INDEX "qa_evaluations_conversation_idx" ON "qa_evaluations" USING btree ("org_id","conversation_id");--> statement-breakpoint
CREATE INDEX "qa_evaluations_week_idx" ON "qa_evaluations" USING btree ("org_id","week","kind");--> statement-breakpoint
CREATE INDEX "qa_evaluations_agent_idx" ON "qa_evaluations" USING btree ("org_id","agent_id","week");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_review_assignments_conversation_key" ON "qa_review_assignments" USING btree ("org_id","conversation_id");--> statement-breakpoint
CREATE INDEX "qa_review_assignments_status_idx" ON "qa_review_assignments" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "qa_score_rollups_org_week_idx" ON "qa_score_rollups" USING btree ("org_id","week");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_scorecard_versions_org_card_version_key" ON "qa_scorecard_versions" USING btree ("org_id","scorecard_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_scorecard_versions_one_draft_key" ON "qa_scorecard_versions" USING btree ("org_id","scorecard_id") WHERE status = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "qa_scorecard_versions_one_published_key" ON "qa_scorecard_versions" USING btree ("org_id","scorecard_id") WHERE status = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "qa_scorecards_org_starter_key" ON "qa_scorecards" USING btree ("org_id","starter_key");--> statement-breakpoint
-- QA report rollups: each statement on qa_evaluations appends signed delta rows per org, week, kind,
-- channel, team and agent (+ for new rows, − for old ones), in the same transaction. Calibration
-- evaluations are left out. Keys whose deltas cancel append nothing.
CREATE FUNCTION "qa_rollup_deltas"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO qa_score_rollups (org_id, week, kind, channel, team_id, agent_id, evaluations, scored, score_sum, passed)
    SELECT org_id, week, kind, channel, team_id, agent_id, count(*), count(score), coalesce(sum(score), 0),
      count(*) FILTER (WHERE score >= 50)
    FROM new_rows WHERE calibration_session_id IS NULL
    GROUP BY org_id, week, kind, channel, team_id, agent_id;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO qa_score_rollups (org_id, week, kind, channel, team_id, agent_id, evaluations, scored, score_sum, passed)
    SELECT org_id, week, kind, channel, team_id, agent_id, -count(*), -count(score), -coalesce(sum(score), 0),
      -count(*) FILTER (WHERE score >= 50)
    FROM old_rows WHERE calibration_session_id IS NULL
    GROUP BY org_id, week, kind, channel, team_id, agent_id;
  ELSE
    INSERT INTO qa_score_rollups (org_id, week, kind, channel, team_id, agent_id, evaluations, scored, score_sum, passed)
    SELECT org_id, week, kind, channel, team_id, agent_id, sum(n), sum(s), sum(ss), sum(p)
    FROM (
      SELECT org_id, week, kind, channel, team_id, agent_id, 1 AS n, (score IS NOT NULL)::int AS s,
        coalesce(score, 0) AS ss, (score >= 50)::int AS p
      FROM new_rows WHERE calibration_session_id IS NULL
      UNION ALL
      SELECT org_id, week, kind, channel, team_id, agent_id, -1, -(score IS NOT NULL)::int,
        -coalesce(score, 0), -(coalesce(score >= 50, false))::int
      FROM old_rows WHERE calibration_session_id IS NULL
    ) d
    GROUP BY org_id, week, kind, channel, team_id, agent_id
    HAVING sum(n) <> 0 OR sum(s) <> 0 OR sum(ss) <> 0 OR sum(p) <> 0;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "qa_evaluations_rollups_insert" AFTER INSERT ON "qa_evaluations"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "qa_rollup_deltas"();--> statement-breakpoint
CREATE TRIGGER "qa_evaluations_rollups_update" AFTER UPDATE ON "qa_evaluations"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "qa_rollup_deltas"();--> statement-breakpoint
CREATE TRIGGER "qa_evaluations_rollups_delete" AFTER DELETE ON "qa_evaluations"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "qa_rollup_deltas"();

CREATE TYPE "public"."kb_source" AS ENUM('manual', 'markdown', 'html', 'csv');--> statement-breakpoint
CREATE TYPE "public"."assist_rule_kind" AS ENUM('action', 'offer');--> statement-breakpoint
CREATE TYPE "public"."framing_signal" AS ENUM('policy_framing', 'negative_framing', 'jargon', 'blame_shifting');--> statement-breakpoint
CREATE TYPE "public"."suggestion_decision" AS ENUM('used', 'dismissed');--> statement-breakpoint
CREATE TABLE "pulse_participants" (
	"org_id" uuid NOT NULL,
	"pulse_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"answered_on" text NOT NULL,
	CONSTRAINT "pulse_participants_org_id_pulse_id_user_id_pk" PRIMARY KEY("org_id","pulse_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "pulse_responses" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pulse_id" uuid NOT NULL,
	"team_id" uuid,
	"user_id" uuid,
	"score" integer NOT NULL,
	"comment" text,
	"answered_on" text NOT NULL,
	CONSTRAINT "pulse_responses_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "pulse_surveys" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"question" text NOT NULL,
	"anonymous" boolean DEFAULT true NOT NULL,
	"team_ids" jsonb,
	"invited" integer NOT NULL,
	"closes_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pulse_surveys_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "contact_reasons" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"name" text,
	"terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"owner_user_id" uuid,
	"merged_into_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_reasons_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "conversation_reasons" (
	"org_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"reason_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"source" text DEFAULT 'model' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_reasons_org_id_conversation_id_pk" PRIMARY KEY("org_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "fixes" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"shipped_at" timestamp with time zone NOT NULL,
	"target" jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fixes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "insight_digests" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"week_start" date NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insight_digests_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "reason_models" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"idf" jsonb NOT NULL,
	"fitted_at" timestamp with time zone NOT NULL,
	"conversations" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reason_spikes" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"reason_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"count" integer NOT NULL,
	"expected" double precision NOT NULL,
	"upper_limit" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reason_spikes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "kb_articles" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"source" "kb_source" DEFAULT 'manual' NOT NULL,
	"external_key" text,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_articles_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "assist_join_requests" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"conversation_ref" text NOT NULL,
	"requested_by_user_id" uuid,
	"requested_by_name" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assist_join_requests_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "assist_rewrites" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"signal" "framing_signal" NOT NULL,
	"phrases" text[] NOT NULL,
	"suggestion" text NOT NULL,
	"principle" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assist_rewrites_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "assist_rules" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "assist_rule_kind" NOT NULL,
	"title" text NOT NULL,
	"conditions" jsonb NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assist_rules_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "assist_suggestions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"conversation_ref" text NOT NULL,
	"conversation_id" uuid,
	"customer_external_id" text,
	"decision" "suggestion_decision" NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assist_suggestions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "widget_chats" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"visitor_id" text NOT NULL,
	"origin" text NOT NULL,
	"conversation_id" uuid,
	"status" text DEFAULT 'bot' NOT NULL,
	"team_id" uuid,
	"assigned_user_id" uuid,
	"handoff_reason" text,
	"handoff_signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"handoff_seq" integer,
	"handed_off_at" timestamp with time zone,
	"first_human_reply_at" timestamp with time zone,
	"misses" integer DEFAULT 0 NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "widget_chats_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "widget_messages" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"chat_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"role" text NOT NULL,
	"text" text NOT NULL,
	"author_user_id" uuid,
	"citation" jsonb,
	"attempts" jsonb,
	"confidence" double precision,
	"signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "widget_messages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "people_baselines" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"stratum" text NOT NULL,
	"metric" text NOT NULL,
	"n" integer NOT NULL,
	"mean" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_baselines_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "people_coaching_sessions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"coach_user_id" uuid,
	"metric" text NOT NULL,
	"held_on" date NOT NULL,
	"follow_up_on" date,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"commitments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"qa_coaching_note_ids" uuid[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_coaching_sessions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "people_conversation_facts" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"agent_id" uuid,
	"team_id" uuid,
	"customer_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"week" date NOT NULL,
	"reason" text NOT NULL,
	"stratum" text NOT NULL,
	"coarse_stratum" text NOT NULL,
	"qa_auto" double precision,
	"qa_human" double precision,
	"predicted_satisfaction" double precision,
	"csat" double precision,
	"nps" double precision,
	"ces" double precision,
	"fcr" double precision,
	"first_response_minutes" double precision,
	"handle_minutes" double precision,
	"sla_compliance" double precision,
	"complaint_rate" double precision,
	"complaint_resolved" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_conversation_facts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "people_goals" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"scope" text NOT NULL,
	"subject_id" uuid,
	"metric" text NOT NULL,
	"target" double precision NOT NULL,
	"start_value" double precision,
	"starts_on" date NOT NULL,
	"due_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_goals_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "people_rollups" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid,
	"team_id" uuid,
	"week" date NOT NULL,
	"metric" text NOT NULL,
	"n" integer NOT NULL,
	"sum" double precision NOT NULL,
	"sum_sq" double precision NOT NULL,
	"sum_expected" double precision NOT NULL,
	"sum_residual_sq" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_rollups_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "promises" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"customer_id" uuid,
	"agent_id" uuid,
	"team_id" uuid,
	"channel" "channel" NOT NULL,
	"reason" text NOT NULL,
	"quote" text NOT NULL,
	"promised_at" timestamp with time zone NOT NULL,
	"due_text" text,
	"due_at" timestamp with time zone,
	"status" text NOT NULL,
	"settled_at" timestamp with time zone,
	"settled_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promises_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "vendor_contracts" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"monthly_fee" double precision NOT NULL,
	"currency" text NOT NULL,
	"cap_percent" double precision NOT NULL,
	"service_levels" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_contracts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "vendor_metric_imports" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" uuid NOT NULL,
	"month" date NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_metric_imports_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "vendor_teams" (
	"org_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_teams_org_id_team_id_pk" PRIMARY KEY("org_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendors_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "customer_personas" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"distance" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_personas_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "personas" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"rank" integer NOT NULL,
	"name" text NOT NULL,
	"size" integer NOT NULL,
	"profile" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personas_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "best_practices" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"criterion_key" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"qa_score" double precision,
	"satisfaction" double precision,
	"praised" integer DEFAULT 0 NOT NULL,
	"excerpt" text DEFAULT '' NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "best_practices_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "idea_comments" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"author_user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_comments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "idea_votes" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"voter" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_votes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "ideas" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"decline_reason" text,
	"source" text DEFAULT 'employee' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"conversation_id" uuid,
	"mined_from" uuid,
	"author_user_id" uuid,
	"fix_id" uuid,
	"votes" integer DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ideas_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "kudos" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kudos_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "recognition_runs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"collected" integer DEFAULT 0 NOT NULL,
	"digest_sent" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recognition_runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "wow_stories" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"agent_id" uuid,
	"team_id" uuid,
	"source" text NOT NULL,
	"status" text DEFAULT 'candidate' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"strength" double precision DEFAULT 0 NOT NULL,
	"title" text,
	"story" text,
	"collected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"digested_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wow_stories_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
DROP INDEX "import_runs_org_format_hash_key";--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "source" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "import_runs" SET "source" = "format";--> statement-breakpoint
ALTER TABLE "pulse_participants" ADD CONSTRAINT "pulse_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_participants" ADD CONSTRAINT "pulse_participants_org_id_pulse_id_pulse_surveys_org_id_id_fk" FOREIGN KEY ("org_id","pulse_id") REFERENCES "public"."pulse_surveys"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_responses" ADD CONSTRAINT "pulse_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_responses" ADD CONSTRAINT "pulse_responses_org_id_pulse_id_pulse_surveys_org_id_id_fk" FOREIGN KEY ("org_id","pulse_id") REFERENCES "public"."pulse_surveys"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_surveys" ADD CONSTRAINT "pulse_surveys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_reasons" ADD CONSTRAINT "contact_reasons_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_reasons" ADD CONSTRAINT "contact_reasons_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_reasons" ADD CONSTRAINT "conversation_reasons_org_id_conversation_id_conversations_org_id_id_fk" FOREIGN KEY ("org_id","conversation_id") REFERENCES "public"."conversations"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_reasons" ADD CONSTRAINT "conversation_reasons_org_id_reason_id_contact_reasons_org_id_id_fk" FOREIGN KEY ("org_id","reason_id") REFERENCES "public"."contact_reasons"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fixes" ADD CONSTRAINT "fixes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fixes" ADD CONSTRAINT "fixes_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_digests" ADD CONSTRAINT "insight_digests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reason_models" ADD CONSTRAINT "reason_models_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reason_spikes" ADD CONSTRAINT "reason_spikes_org_id_reason_id_contact_reasons_org_id_id_fk" FOREIGN KEY ("org_id","reason_id") REFERENCES "public"."contact_reasons"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_join_requests" ADD CONSTRAINT "assist_join_requests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_rewrites" ADD CONSTRAINT "assist_rewrites_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_rules" ADD CONSTRAINT "assist_rules_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_suggestions" ADD CONSTRAINT "assist_suggestions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_chats" ADD CONSTRAINT "widget_chats_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_messages" ADD CONSTRAINT "widget_messages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_messages" ADD CONSTRAINT "widget_messages_org_id_chat_id_widget_chats_org_id_id_fk" FOREIGN KEY ("org_id","chat_id") REFERENCES "public"."widget_chats"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_baselines" ADD CONSTRAINT "people_baselines_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_coaching_sessions" ADD CONSTRAINT "people_coaching_sessions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_conversation_facts" ADD CONSTRAINT "people_conversation_facts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_goals" ADD CONSTRAINT "people_goals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_rollups" ADD CONSTRAINT "people_rollups_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_org_id_conversation_id_conversations_org_id_id_fk" FOREIGN KEY ("org_id","conversation_id") REFERENCES "public"."conversations"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_contracts" ADD CONSTRAINT "vendor_contracts_org_id_vendor_id_vendors_org_id_id_fk" FOREIGN KEY ("org_id","vendor_id") REFERENCES "public"."vendors"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_metric_imports" ADD CONSTRAINT "vendor_metric_imports_org_id_vendor_id_vendors_org_id_id_fk" FOREIGN KEY ("org_id","vendor_id") REFERENCES "public"."vendors"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_teams" ADD CONSTRAINT "vendor_teams_org_id_vendor_id_vendors_org_id_id_fk" FOREIGN KEY ("org_id","vendor_id") REFERENCES "public"."vendors"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_teams" ADD CONSTRAINT "vendor_teams_org_id_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_personas" ADD CONSTRAINT "customer_personas_org_id_persona_id_personas_org_id_id_fk" FOREIGN KEY ("org_id","persona_id") REFERENCES "public"."personas"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_personas" ADD CONSTRAINT "customer_personas_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personas" ADD CONSTRAINT "personas_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_practices" ADD CONSTRAINT "best_practices_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_org_id_idea_id_ideas_org_id_id_fk" FOREIGN KEY ("org_id","idea_id") REFERENCES "public"."ideas"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_votes" ADD CONSTRAINT "idea_votes_org_id_idea_id_ideas_org_id_id_fk" FOREIGN KEY ("org_id","idea_id") REFERENCES "public"."ideas"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kudos" ADD CONSTRAINT "kudos_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_runs" ADD CONSTRAINT "recognition_runs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wow_stories" ADD CONSTRAINT "wow_stories_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pulse_responses_pulse_idx" ON "pulse_responses" USING btree ("org_id","pulse_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pulse_surveys_org_name_key" ON "pulse_surveys" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "conversation_reasons_reason_started_idx" ON "conversation_reasons" USING btree ("org_id","reason_id","started_at");--> statement-breakpoint
CREATE INDEX "fixes_org_shipped_idx" ON "fixes" USING btree ("org_id","shipped_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "insight_digests_week_key" ON "insight_digests" USING btree ("org_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "reason_spikes_reason_week_key" ON "reason_spikes" USING btree ("org_id","reason_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_articles_org_external_key" ON "kb_articles" USING btree ("org_id","external_key");--> statement-breakpoint
CREATE INDEX "kb_articles_search_idx" ON "kb_articles" USING gin ("search");--> statement-breakpoint
CREATE INDEX "assist_join_requests_ref_idx" ON "assist_join_requests" USING btree ("org_id","conversation_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "assist_rules_org_name_key" ON "assist_rules" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "assist_suggestions_rule_ref_key" ON "assist_suggestions" USING btree ("org_id","rule_id","conversation_ref");--> statement-breakpoint
CREATE INDEX "assist_suggestions_customer_idx" ON "assist_suggestions" USING btree ("org_id","customer_external_id");--> statement-breakpoint
CREATE INDEX "widget_chats_org_status_idx" ON "widget_chats" USING btree ("org_id","status","handed_off_at");--> statement-breakpoint
CREATE INDEX "widget_chats_org_visitor_idx" ON "widget_chats" USING btree ("org_id","visitor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "widget_messages_chat_seq_key" ON "widget_messages" USING btree ("org_id","chat_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "people_baselines_key" ON "people_baselines" USING btree ("org_id","stratum","metric");--> statement-breakpoint
CREATE INDEX "people_coaching_agent_idx" ON "people_coaching_sessions" USING btree ("org_id","agent_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "people_facts_conversation_key" ON "people_conversation_facts" USING btree ("org_id","conversation_id");--> statement-breakpoint
CREATE INDEX "people_facts_agent_week_idx" ON "people_conversation_facts" USING btree ("org_id","agent_id","week");--> statement-breakpoint
CREATE INDEX "people_facts_customer_idx" ON "people_conversation_facts" USING btree ("org_id","customer_id","started_at");--> statement-breakpoint
CREATE INDEX "people_facts_org_week_idx" ON "people_conversation_facts" USING btree ("org_id","week");--> statement-breakpoint
CREATE INDEX "people_goals_subject_idx" ON "people_goals" USING btree ("org_id","scope","subject_id");--> statement-breakpoint
CREATE INDEX "people_rollups_agent_idx" ON "people_rollups" USING btree ("org_id","agent_id","week");--> statement-breakpoint
CREATE INDEX "people_rollups_team_idx" ON "people_rollups" USING btree ("org_id","team_id","week");--> statement-breakpoint
CREATE INDEX "people_rollups_week_idx" ON "people_rollups" USING btree ("org_id","week");--> statement-breakpoint
CREATE UNIQUE INDEX "promises_message_key" ON "promises" USING btree ("org_id","message_id");--> statement-breakpoint
CREATE INDEX "promises_org_promised_idx" ON "promises" USING btree ("org_id","promised_at");--> statement-breakpoint
CREATE INDEX "promises_pending_due_idx" ON "promises" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "promises_customer_idx" ON "promises" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "vendor_contracts_vendor_idx" ON "vendor_contracts" USING btree ("org_id","vendor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_metric_imports_key" ON "vendor_metric_imports" USING btree ("org_id","vendor_id","month","metric");--> statement-breakpoint
CREATE INDEX "vendor_teams_vendor_idx" ON "vendor_teams" USING btree ("org_id","vendor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendors_org_name_key" ON "vendors" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "customer_personas_persona_idx" ON "customer_personas" USING btree ("org_id","persona_id");--> statement-breakpoint
CREATE INDEX "personas_org_rank_idx" ON "personas" USING btree ("org_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "best_practices_org_criterion_conversation_key" ON "best_practices" USING btree ("org_id","criterion_key","conversation_id");--> statement-breakpoint
CREATE INDEX "idea_comments_org_idea_idx" ON "idea_comments" USING btree ("org_id","idea_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "idea_votes_org_idea_voter_key" ON "idea_votes" USING btree ("org_id","idea_id","voter");--> statement-breakpoint
CREATE UNIQUE INDEX "ideas_org_mined_from_key" ON "ideas" USING btree ("org_id","mined_from") WHERE mined_from is not null;--> statement-breakpoint
CREATE INDEX "ideas_org_status_idx" ON "ideas" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "kudos_org_to_idx" ON "kudos" USING btree ("org_id","to_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_runs_org_slot_key" ON "recognition_runs" USING btree ("org_id","slot");--> statement-breakpoint
CREATE UNIQUE INDEX "wow_stories_org_conversation_key" ON "wow_stories" USING btree ("org_id","conversation_id");--> statement-breakpoint
CREATE INDEX "wow_stories_org_status_idx" ON "wow_stories" USING btree ("org_id","status","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "import_runs_org_format_source_hash_key" ON "import_runs" USING btree ("org_id","format","source","file_hash");
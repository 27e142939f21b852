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
ALTER TABLE "people_baselines" ADD CONSTRAINT "people_baselines_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_coaching_sessions" ADD CONSTRAINT "people_coaching_sessions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_conversation_facts" ADD CONSTRAINT "people_conversation_facts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_goals" ADD CONSTRAINT "people_goals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_rollups" ADD CONSTRAINT "people_rollups_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "people_baselines_key" ON "people_baselines" USING btree ("org_id","stratum","metric");--> statement-breakpoint
CREATE INDEX "people_coaching_agent_idx" ON "people_coaching_sessions" USING btree ("org_id","agent_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "people_facts_conversation_key" ON "people_conversation_facts" USING btree ("org_id","conversation_id");--> statement-breakpoint
CREATE INDEX "people_facts_agent_week_idx" ON "people_conversation_facts" USING btree ("org_id","agent_id","week");--> statement-breakpoint
CREATE INDEX "people_facts_customer_idx" ON "people_conversation_facts" USING btree ("org_id","customer_id","started_at");--> statement-breakpoint
CREATE INDEX "people_facts_org_week_idx" ON "people_conversation_facts" USING btree ("org_id","week");--> statement-breakpoint
CREATE INDEX "people_goals_subject_idx" ON "people_goals" USING btree ("org_id","scope","subject_id");--> statement-breakpoint
CREATE INDEX "people_rollups_agent_idx" ON "people_rollups" USING btree ("org_id","agent_id","week");--> statement-breakpoint
CREATE INDEX "people_rollups_team_idx" ON "people_rollups" USING btree ("org_id","team_id","week");--> statement-breakpoint
CREATE INDEX "people_rollups_week_idx" ON "people_rollups" USING btree ("org_id","week");
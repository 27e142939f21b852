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
ALTER TABLE "pulse_participants" ADD CONSTRAINT "pulse_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_participants" ADD CONSTRAINT "pulse_participants_org_id_pulse_id_pulse_surveys_org_id_id_fk" FOREIGN KEY ("org_id","pulse_id") REFERENCES "public"."pulse_surveys"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_responses" ADD CONSTRAINT "pulse_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_responses" ADD CONSTRAINT "pulse_responses_org_id_pulse_id_pulse_surveys_org_id_id_fk" FOREIGN KEY ("org_id","pulse_id") REFERENCES "public"."pulse_surveys"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_surveys" ADD CONSTRAINT "pulse_surveys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pulse_responses_pulse_idx" ON "pulse_responses" USING btree ("org_id","pulse_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pulse_surveys_org_name_key" ON "pulse_surveys" USING btree ("org_id","name");
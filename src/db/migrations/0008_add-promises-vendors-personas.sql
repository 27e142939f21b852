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
CREATE UNIQUE INDEX "promises_message_key" ON "promises" USING btree ("org_id","message_id");--> statement-breakpoint
CREATE INDEX "promises_org_promised_idx" ON "promises" USING btree ("org_id","promised_at");--> statement-breakpoint
CREATE INDEX "promises_pending_due_idx" ON "promises" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "promises_customer_idx" ON "promises" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "vendor_contracts_vendor_idx" ON "vendor_contracts" USING btree ("org_id","vendor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_metric_imports_key" ON "vendor_metric_imports" USING btree ("org_id","vendor_id","month","metric");--> statement-breakpoint
CREATE INDEX "vendor_teams_vendor_idx" ON "vendor_teams" USING btree ("org_id","vendor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendors_org_name_key" ON "vendors" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "customer_personas_persona_idx" ON "customer_personas" USING btree ("org_id","persona_id");--> statement-breakpoint
CREATE INDEX "personas_org_rank_idx" ON "personas" USING btree ("org_id","rank");
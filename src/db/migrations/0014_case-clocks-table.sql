CREATE TABLE "case_clocks" (
	"org_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"first_response_due_at" timestamp with time zone,
	"resolution_due_at" timestamp with time zone,
	"first_responded_at" timestamp with time zone,
	"at_risk_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"clock_state" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"clock_key" text GENERATED ALWAYS AS (md5(clock_state::text)) STORED,
	"next_check_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_clocks_org_id_case_id_pk" PRIMARY KEY("org_id","case_id")
);
--> statement-breakpoint
DROP INDEX "cases_next_check_idx";--> statement-breakpoint
DROP INDEX "cases_open_due_idx";--> statement-breakpoint
ALTER TABLE "case_clocks" ADD CONSTRAINT "case_clocks_org_id_case_id_cases_org_id_id_fk" FOREIGN KEY ("org_id","case_id") REFERENCES "public"."cases"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_clocks_next_check_idx" ON "case_clocks" USING btree ("next_check_at") WHERE next_check_at is not null;--> statement-breakpoint
-- Every existing case keeps its stored clocks (written by hand: drizzle-kit moves no data).
INSERT INTO "case_clocks" ("org_id", "case_id", "first_response_due_at", "resolution_due_at", "first_responded_at", "at_risk_at", "breached_at", "clock_state", "next_check_at", "updated_at")
  SELECT "org_id", "id", "first_response_due_at", "resolution_due_at", "first_responded_at", "at_risk_at", "breached_at", "clock_state", "next_check_at", "updated_at" FROM "cases";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "first_response_due_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "resolution_due_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "first_responded_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "at_risk_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "breached_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "clock_state";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "next_check_at";
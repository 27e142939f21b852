CREATE TABLE "throttles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"blocked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "throttles_key_idx" ON "throttles" USING btree ("key");--> statement-breakpoint
CREATE INDEX "throttles_updated_idx" ON "throttles" USING btree ("updated_at");
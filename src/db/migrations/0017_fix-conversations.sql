CREATE TABLE "fix_conversations" (
	"org_id" uuid NOT NULL,
	"fix_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fix_conversations_org_id_fix_id_conversation_id_pk" PRIMARY KEY("org_id","fix_id","conversation_id")
);
--> statement-breakpoint
ALTER TABLE "fixes" ADD COLUMN "search_filled_for" text;--> statement-breakpoint
ALTER TABLE "fix_conversations" ADD CONSTRAINT "fix_conversations_org_id_fix_id_fixes_org_id_id_fk" FOREIGN KEY ("org_id","fix_id") REFERENCES "public"."fixes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fix_conversations" ADD CONSTRAINT "fix_conversations_org_id_conversation_id_conversations_org_id_id_fk" FOREIGN KEY ("org_id","conversation_id") REFERENCES "public"."conversations"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fix_conversations_fix_started_idx" ON "fix_conversations" USING btree ("org_id","fix_id","started_at");--> statement-breakpoint
CREATE INDEX "fix_conversations_conversation_idx" ON "fix_conversations" USING btree ("org_id","conversation_id");--> statement-breakpoint
-- Retention empties message texts, and so their search vectors: a fix's saved search may then no
-- longer match the conversation. Once per statement, drops those fix_conversations rows (the
-- conversations.changed listener keeps the rest current). The regular expression is searchQuery's
-- in src/domains/insights/fixes.repo.ts (a run of minus signs means one).
CREATE FUNCTION "recheck_fix_conversations"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "fix_conversations" fc
    USING (SELECT DISTINCT "org_id", "conversation_id" FROM "changed_messages") m, "fixes" f
    WHERE fc."org_id" = m."org_id" AND fc."conversation_id" = m."conversation_id"
      AND f."org_id" = fc."org_id" AND f."id" = fc."fix_id"
      AND NOT EXISTS (SELECT 1 FROM "messages" x
        WHERE x."org_id" = fc."org_id" AND x."conversation_id" = fc."conversation_id"
          AND x."search" @@ websearch_to_tsquery('english',
            regexp_replace(f."target" ->> 'search', '-[\s-]*-', '-', 'g')));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "messages_recheck_fix_conversations" AFTER UPDATE ON "messages"
  REFERENCING NEW TABLE AS "changed_messages"
  FOR EACH STATEMENT EXECUTE FUNCTION "recheck_fix_conversations"();

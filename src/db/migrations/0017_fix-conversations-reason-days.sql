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
CREATE TABLE "reason_day_counts" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"reason_id" uuid NOT NULL,
	"day" date NOT NULL,
	"conversations" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reason_day_counts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "fixes" ADD COLUMN "search_filled_for" text;--> statement-breakpoint
ALTER TABLE "fix_conversations" ADD CONSTRAINT "fix_conversations_org_id_fix_id_fixes_org_id_id_fk" FOREIGN KEY ("org_id","fix_id") REFERENCES "public"."fixes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fix_conversations" ADD CONSTRAINT "fix_conversations_org_id_conversation_id_conversations_org_id_id_fk" FOREIGN KEY ("org_id","conversation_id") REFERENCES "public"."conversations"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reason_day_counts" ADD CONSTRAINT "reason_day_counts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fix_conversations_fix_started_idx" ON "fix_conversations" USING btree ("org_id","fix_id","started_at");--> statement-breakpoint
CREATE INDEX "fix_conversations_conversation_idx" ON "fix_conversations" USING btree ("org_id","conversation_id");--> statement-breakpoint
CREATE INDEX "reason_day_counts_org_day_idx" ON "reason_day_counts" USING btree ("org_id","day");--> statement-breakpoint
-- Retention empties message texts, and so their search vectors: a fix's saved search may then no
-- longer match the conversation. Once per statement, drops those fix_conversations rows (the
-- conversations.changed listener keeps the rest current). The regular expression is websearchQuery's
-- in src/db/search-query.ts (a run of minus signs means one).
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
--> statement-breakpoint
-- Daily counts per contact reason, kept current by statement-level triggers that append signed
-- delta rows (as the report rollups of migration 0003): an assignment counts on its conversation's
-- UTC start day, an update appends -old and +new, and keys whose deltas cancel append nothing.
CREATE FUNCTION "rollup_reason_days"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  signed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS s, * FROM old_rows'
    ELSE 'SELECT -1 AS s, * FROM old_rows UNION ALL SELECT 1 AS s, * FROM new_rows' END;
BEGIN
  EXECUTE 'INSERT INTO reason_day_counts (org_id, reason_id, day, conversations)
    SELECT x.org_id, x.reason_id, (x.started_at AT TIME ZONE ''UTC'')::date, sum(x.s)
    FROM (' || signed || ') x
    ' || CASE TG_OP WHEN 'DELETE'
      -- While an organization is being deleted its counts go with it: add none back.
      THEN 'WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = x.org_id)' ELSE '' END || '
    GROUP BY 1, 2, 3 HAVING sum(x.s) <> 0';
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER "conversation_reasons_days_insert" AFTER INSERT ON "conversation_reasons"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "rollup_reason_days"();--> statement-breakpoint
CREATE TRIGGER "conversation_reasons_days_update" AFTER UPDATE ON "conversation_reasons"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "rollup_reason_days"();--> statement-breakpoint
CREATE TRIGGER "conversation_reasons_days_delete" AFTER DELETE ON "conversation_reasons"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "rollup_reason_days"();--> statement-breakpoint
-- Existing assignments: one row per key.
INSERT INTO reason_day_counts (org_id, reason_id, day, conversations)
SELECT org_id, reason_id, (started_at AT TIME ZONE 'UTC')::date, count(*)
FROM conversation_reasons GROUP BY 1, 2, 3;

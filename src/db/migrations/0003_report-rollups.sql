CREATE TABLE "conversation_rollups" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"channel" "channel" NOT NULL,
	"team_id" uuid,
	"agent_id" uuid,
	"conversations" integer DEFAULT 0 NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"analysed" integer DEFAULT 0 NOT NULL,
	"satisfaction_sum" double precision DEFAULT 0 NOT NULL,
	"sentiment_sum" double precision DEFAULT 0 NOT NULL,
	"negative" integer DEFAULT 0 NOT NULL,
	"neutral" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_rollups_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "signal_rollups" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"channel" "channel" NOT NULL,
	"team_id" uuid,
	"agent_id" uuid,
	"signal" text NOT NULL,
	"conversations" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signal_rollups_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "conversation_analyses" DROP CONSTRAINT "conversation_analyses_org_id_conversation_id_conversations_org_id_id_fk";
--> statement-breakpoint
ALTER TABLE "conversation_rollups" ADD CONSTRAINT "conversation_rollups_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_rollups" ADD CONSTRAINT "signal_rollups_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_rollups_org_day_idx" ON "conversation_rollups" USING btree ("org_id","day");--> statement-breakpoint
CREATE INDEX "signal_rollups_org_day_idx" ON "signal_rollups" USING btree ("org_id","day");--> statement-breakpoint
-- Report rollups are kept current by statement-level triggers that append signed delta rows (see
-- src/db/schema/reports.ts). One function serves both tables: a conversation's rows carry its own counts
-- and its stored analysis (so moving it to another day, channel, team or agent moves both); an analysis's
-- rows carry only the analysis, under its conversation's keys. An update appends -old and +new, and keys
-- whose deltas cancel (an update that changes nothing a report counts) append nothing.
CREATE FUNCTION "rollup_conversation_deltas"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  signed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS s, * FROM old_rows'
    ELSE 'SELECT -1 AS s, * FROM old_rows UNION ALL SELECT 1 AS s, * FROM new_rows' END;
  joined text := CASE TG_TABLE_NAME
    WHEN 'conversations' THEN
      'SELECT x.s, 1 AS conv, x.org_id, x.started_at, x.channel, x.team_id, x.agent_id,
              x.message_count, a.conversation_id IS NOT NULL AS has_a, a.satisfaction,
              a.sentiment_score, a.sentiment_label, a.signal_names
         FROM (' || signed || ') x
         LEFT JOIN conversation_analyses a ON a.org_id = x.org_id AND a.conversation_id = x.id'
    ELSE
      'SELECT x.s, 0 AS conv, c.org_id, c.started_at, c.channel, c.team_id, c.agent_id,
              0 AS message_count, true AS has_a, x.satisfaction,
              x.sentiment_score, x.sentiment_label, x.signal_names
         FROM (' || signed || ') x
         JOIN conversations c ON c.org_id = x.org_id AND c.id = x.conversation_id' END;
BEGIN
  EXECUTE 'WITH d AS (
      SELECT j.*, (j.started_at AT TIME ZONE ''UTC'')::date AS day FROM (' || joined || ') j
      -- While an organization is being deleted its rollups go with it: add none back.
      ' || CASE TG_OP WHEN 'DELETE'
        THEN 'WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = j.org_id)' ELSE '' END || '
    ), r AS (
      INSERT INTO conversation_rollups (org_id, day, channel, team_id, agent_id, conversations,
        messages, analysed, satisfaction_sum, sentiment_sum, negative, neutral, positive)
      SELECT org_id, day, channel, team_id, agent_id, sum(s * conv), sum(s * conv * message_count),
        sum(s * has_a::int), sum(s * coalesce(satisfaction, 0)), sum(s * coalesce(sentiment_score, 0)),
        sum(s * (sentiment_label IS NOT DISTINCT FROM ''negative'')::int), sum(s * (sentiment_label IS NOT DISTINCT FROM ''neutral'')::int),
        sum(s * (sentiment_label IS NOT DISTINCT FROM ''positive'')::int)
      FROM d GROUP BY org_id, day, channel, team_id, agent_id
      HAVING sum(s * conv) <> 0 OR sum(s * conv * message_count) <> 0 OR sum(s * has_a::int) <> 0
        OR sum(s * coalesce(satisfaction, 0)) <> 0 OR sum(s * coalesce(sentiment_score, 0)) <> 0
        OR sum(s * (sentiment_label IS NOT DISTINCT FROM ''negative'')::int) <> 0
        OR sum(s * (sentiment_label IS NOT DISTINCT FROM ''neutral'')::int) <> 0
        OR sum(s * (sentiment_label IS NOT DISTINCT FROM ''positive'')::int) <> 0
      RETURNING 1
    )
    INSERT INTO signal_rollups (org_id, day, channel, team_id, agent_id, signal, conversations)
    SELECT org_id, day, channel, team_id, agent_id, signal, sum(s)
    FROM d CROSS JOIN LATERAL unnest(d.signal_names) AS signal
    GROUP BY org_id, day, channel, team_id, agent_id, signal
    HAVING sum(s) <> 0';
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER "conversations_1_rollups_insert" AFTER INSERT ON "conversations"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "rollup_conversation_deltas"();--> statement-breakpoint
CREATE TRIGGER "conversations_1_rollups_update" AFTER UPDATE ON "conversations"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "rollup_conversation_deltas"();--> statement-breakpoint
CREATE TRIGGER "conversations_1_rollups_delete" AFTER DELETE ON "conversations"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "rollup_conversation_deltas"();--> statement-breakpoint
CREATE TRIGGER "conversation_analyses_rollups_insert" AFTER INSERT ON "conversation_analyses"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "rollup_conversation_deltas"();--> statement-breakpoint
CREATE TRIGGER "conversation_analyses_rollups_update" AFTER UPDATE ON "conversation_analyses"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "rollup_conversation_deltas"();--> statement-breakpoint
CREATE TRIGGER "conversation_analyses_rollups_delete" AFTER DELETE ON "conversation_analyses"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "rollup_conversation_deltas"();--> statement-breakpoint
-- Deleting conversations now deletes their analyses here too (the foreign key's cascade is gone): AFTER
-- triggers fire in name order, so the rollup trigger above reads the analyses before this one deletes them.
ALTER TRIGGER "conversations_delete_messages" ON "conversations" RENAME TO "conversations_2_delete_children";--> statement-breakpoint
CREATE OR REPLACE FUNCTION "delete_conversation_messages"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "conversation_analyses" a USING "deleted_conversations" d
    WHERE a."org_id" = d."org_id" AND a."conversation_id" = d."id";
  DELETE FROM "message_analyses" a USING "deleted_conversations" d
    WHERE a."org_id" = d."org_id" AND a."conversation_id" = d."id";
  DELETE FROM "messages" m USING "deleted_conversations" d
    WHERE m."org_id" = d."org_id" AND m."conversation_id" = d."id";
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Existing data: one row per key from the live tables.
INSERT INTO conversation_rollups (org_id, day, channel, team_id, agent_id, conversations, messages,
  analysed, satisfaction_sum, sentiment_sum, negative, neutral, positive)
SELECT c.org_id, (c.started_at AT TIME ZONE 'UTC')::date, c.channel, c.team_id, c.agent_id, count(*),
  sum(c.message_count), count(a.conversation_id), coalesce(sum(a.satisfaction), 0),
  coalesce(sum(a.sentiment_score), 0), count(*) FILTER (WHERE a.sentiment_label = 'negative'),
  count(*) FILTER (WHERE a.sentiment_label = 'neutral'), count(*) FILTER (WHERE a.sentiment_label = 'positive')
FROM conversations c
LEFT JOIN conversation_analyses a ON a.org_id = c.org_id AND a.conversation_id = c.id
GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO signal_rollups (org_id, day, channel, team_id, agent_id, signal, conversations)
SELECT c.org_id, (c.started_at AT TIME ZONE 'UTC')::date, c.channel, c.team_id, c.agent_id, s, count(*)
FROM conversations c
JOIN conversation_analyses a ON a.org_id = c.org_id AND a.conversation_id = c.id
CROSS JOIN LATERAL unnest(a.signal_names) AS s
GROUP BY 1, 2, 3, 4, 5, 6;

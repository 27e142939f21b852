ALTER TABLE "messages" DROP CONSTRAINT "messages_org_id_conversation_id_conversations_org_id_id_fk";
--> statement-breakpoint
-- Deleting conversations deletes their messages and per-message analyses, once per statement
-- (the row-level foreign key this replaces cost a check per inserted message).
CREATE FUNCTION "delete_conversation_messages"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "message_analyses" a USING "deleted_conversations" d
    WHERE a."org_id" = d."org_id" AND a."conversation_id" = d."id";
  DELETE FROM "messages" m USING "deleted_conversations" d
    WHERE m."org_id" = d."org_id" AND m."conversation_id" = d."id";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "conversations_delete_messages" AFTER DELETE ON "conversations"
  REFERENCING OLD TABLE AS "deleted_conversations"
  FOR EACH STATEMENT EXECUTE FUNCTION "delete_conversation_messages"();

ALTER TABLE "qa_review_assignments" ADD COLUMN "auto_score" double precision;--> statement-breakpoint
CREATE INDEX "qa_review_assignments_open_score_idx" ON "qa_review_assignments" USING btree ("org_id","auto_score") WHERE status = 'open';--> statement-breakpoint
-- A queued conversation's lowest automatic score, kept with its assignment in the same transaction
-- as the evaluations change (inserted, re-scored, overturned in a dispute, deleted with a version).
CREATE FUNCTION "qa_assignment_auto_scores"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE qa_review_assignments a SET auto_score = s.score
    FROM (SELECT c.org_id, c.conversation_id,
            (SELECT min(e.score) FROM qa_evaluations e WHERE e.org_id = c.org_id
               AND e.conversation_id = c.conversation_id AND e.kind = 'auto') AS score
          FROM (SELECT DISTINCT org_id, conversation_id FROM old_rows WHERE kind = 'auto') c) s
    WHERE a.org_id = s.org_id AND a.conversation_id = s.conversation_id
      AND a.auto_score IS DISTINCT FROM s.score;
  ELSE
    UPDATE qa_review_assignments a SET auto_score = s.score
    FROM (SELECT c.org_id, c.conversation_id,
            (SELECT min(e.score) FROM qa_evaluations e WHERE e.org_id = c.org_id
               AND e.conversation_id = c.conversation_id AND e.kind = 'auto') AS score
          FROM (SELECT DISTINCT org_id, conversation_id FROM new_rows WHERE kind = 'auto') c) s
    WHERE a.org_id = s.org_id AND a.conversation_id = s.conversation_id
      AND a.auto_score IS DISTINCT FROM s.score;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "qa_evaluations_assignment_scores_insert" AFTER INSERT ON "qa_evaluations"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "qa_assignment_auto_scores"();--> statement-breakpoint
CREATE TRIGGER "qa_evaluations_assignment_scores_update" AFTER UPDATE ON "qa_evaluations"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "qa_assignment_auto_scores"();--> statement-breakpoint
CREATE TRIGGER "qa_evaluations_assignment_scores_delete" AFTER DELETE ON "qa_evaluations"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "qa_assignment_auto_scores"();--> statement-breakpoint
UPDATE "qa_review_assignments" a SET "auto_score" = (
  SELECT min(e."score") FROM "qa_evaluations" e
  WHERE e."org_id" = a."org_id" AND e."conversation_id" = a."conversation_id" AND e."kind" = 'auto');

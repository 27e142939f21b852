-- The QA coaching list (GET /qa/coaching) pages newest first by (created_at, id).
CREATE INDEX "qa_coaching_notes_created_idx" ON "qa_coaching_notes" USING btree ("org_id","created_at","id");
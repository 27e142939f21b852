ALTER TABLE "qa_review_assignments" ADD COLUMN "claim_kind" text;--> statement-breakpoint
-- Present holders: handed out when the audit log shows someone else (or an API key) handing it to
-- them since they got it; otherwise they claimed it themselves.
UPDATE "qa_review_assignments" a SET "claim_kind" = CASE WHEN EXISTS (
  SELECT 1 FROM "audit_log" l
  WHERE l."org_id" = a."org_id" AND l."action" = 'qa.review.assigned'
    AND l."target_id" = a."id"::text AND l."details" ->> 'to' = a."assignee_user_id"::text
    AND l."actor_user_id" IS DISTINCT FROM a."assignee_user_id" AND l."created_at" >= a."claimed_at"
) THEN 'assigned' ELSE 'claimed' END
WHERE a."assignee_user_id" IS NOT NULL;

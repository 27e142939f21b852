ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_org_id_survey_id_surveys_org_id_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_org_id_customer_id_customers_org_id_id_fk";
--> statement-breakpoint
DROP INDEX "survey_invitations_queued_idx";--> statement-breakpoint
DROP INDEX "survey_invitations_customer_idx";--> statement-breakpoint
CREATE INDEX "survey_invitations_customer_idx" ON "survey_invitations" USING btree ("org_id","customer_id","created_at" DESC NULLS LAST) WHERE status <> 'suppressed';
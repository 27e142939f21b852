DROP INDEX "survey_invitations_survey_conversation_key";--> statement-breakpoint
DROP INDEX "survey_invitations_conversation_idx";--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "purpose" text DEFAULT 'support' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_conversation_survey_key" ON "survey_invitations" USING btree ("org_id","conversation_id","survey_id");
ALTER TABLE "fix_conversations" ADD COLUMN "repeat_contact" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "fix_conversations" ADD COLUMN "complaint" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "fix_conversations" ADD COLUMN "satisfaction" double precision;--> statement-breakpoint
-- Existing rows: their conversations' facts as the analyses hold them now (the
-- conversations.changed listener keeps them current from here on).
UPDATE "fix_conversations" fc
  SET "repeat_contact" = 'repeat_contact' = ANY(a."signal_names"),
    "complaint" = 'complaint' = ANY(a."signal_names"),
    "satisfaction" = a."satisfaction"
  FROM "conversation_analyses" a
  WHERE a."org_id" = fc."org_id" AND a."conversation_id" = fc."conversation_id";

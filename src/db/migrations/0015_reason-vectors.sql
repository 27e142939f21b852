ALTER TABLE "contact_reasons" ADD COLUMN "vector" jsonb;--> statement-breakpoint
ALTER TABLE "reason_models" ADD COLUMN "vector_space" jsonb;
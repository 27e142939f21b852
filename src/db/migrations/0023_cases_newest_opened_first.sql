DROP INDEX "cases_org_created_idx";--> statement-breakpoint
CREATE INDEX "cases_org_opened_idx" ON "cases" USING btree ("org_id","opened_at" DESC NULLS LAST,"id" DESC NULLS LAST);
DROP INDEX "import_runs_org_format_hash_key";--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "source" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "import_runs" SET "source" = "format";--> statement-breakpoint
CREATE UNIQUE INDEX "import_runs_org_format_source_hash_key" ON "import_runs" USING btree ("org_id","format","source","file_hash");
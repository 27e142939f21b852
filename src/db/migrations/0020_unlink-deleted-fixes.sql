-- Before deleting a fix unlinked its ideas (insights/fixes.repo.ts), an idea kept the id of a deleted
-- fix, which answers 404: unlink those, as the delete now does.
UPDATE "ideas" SET "fix_id" = NULL, "updated_at" = now()
WHERE "fix_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "fixes" f WHERE f."org_id" = "ideas"."org_id" AND f."id" = "ideas"."fix_id");

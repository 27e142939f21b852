ALTER TABLE "case_clocks" DROP COLUMN "clock_key";--> statement-breakpoint
ALTER TABLE "case_clocks" ALTER COLUMN "clock_state" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "case_clocks" ALTER COLUMN "clock_state" SET DATA TYPE json USING "clock_state"::json;--> statement-breakpoint
ALTER TABLE "case_clocks" ALTER COLUMN "clock_state" SET DEFAULT '[]'::json;--> statement-breakpoint
-- Each clock object becomes the array of its seven fields, written exactly as clockStateText
-- writes it (src/db/schema/clock-state.ts), so a recompute after this finds nothing changed.
UPDATE "case_clocks" SET "clock_state" = (
  SELECT ('[' || string_agg('[' || concat_ws(',', coalesce(e->'key', 'null'), coalesce(e->'kind', 'null'),
      coalesce(e->'state', 'null'), coalesce(e->'dueAt', 'null'), coalesce(e->'atRiskAt', 'null'),
      coalesce(e->'breachedAt', 'null'), coalesce(e->'stoppedAt', 'null')) || ']', ',' ORDER BY n) || ']')::json
  FROM json_array_elements("clock_state") WITH ORDINALITY AS x(e, n))
WHERE json_array_length("clock_state") > 0;

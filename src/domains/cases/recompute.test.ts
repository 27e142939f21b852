import { hash } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { clockStateText } from "./recompute.service.ts";

const instant = fc.option(fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 }), {
  nil: null,
});
const clockStateArb = fc.array(
  fc.record({
    key: fc.constantFrom("first_response", "resolution", "next_response", "fca_final"),
    kind: fc.constantFrom("sla", "regulatory"),
    state: fc.constantFrom("running", "paused", "met", "breached"),
    dueAt: instant,
    atRiskAt: instant,
    breachedAt: instant,
    stoppedAt: instant,
  }),
  { maxLength: 5 },
);

describeEachBackend("cases: the bulk recompute's view of stored clock state", ({ database }) => {
  it("renders a clock state exactly as the database prints it as jsonb", async () => {
    await fc.assert(
      fc.asyncProperty(clockStateArb, async (state) => {
        const [row] = await queryRows<{ text: string; key: string }>(
          database().db,
          sql`select s::text as text, md5(s::text) as key from (select ${JSON.stringify(state)}::jsonb as s) x`,
        );
        expect(clockStateText(state)).toBe(row!.text);
        // What the bulk recompute compares with `case_clocks.clock_key`.
        expect(hash("md5", clockStateText(state))).toBe(row!.key);
      }),
      { numRuns: 50 },
    );
  });
});

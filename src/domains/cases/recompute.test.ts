import { hash } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { clockStateFrom, clockStateText } from "../../db/schema/index.ts";
import { describeEachBackend } from "../../../test/db.ts";

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

describeEachBackend("cases: the stored clock state", ({ database }) => {
  it("reads back every clock as written, with the md5 the bulk recompute compares", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(clockStateArb, { minLength: 1, maxLength: 4 }), async (states) => {
        const texts = states.map(clockStateText);
        // As the bulk write passes states: one `json` array cut into its elements.
        const rows = await queryRows<{ state: unknown; key: string }>(
          database().db,
          sql`select e as state, md5(e::text) as key
              from json_array_elements(${`[${texts.join(",")}]`}::json) with ordinality as x(e, n)
              order by n`,
        );
        expect(rows.map((r) => clockStateFrom(r.state))).toEqual(states);
        expect(rows.map((r) => r.key)).toEqual(texts.map((t) => hash("md5", t)));
      }),
      { numRuns: 50 },
    );
  });

  it("stores each clock as an array of its fields, half the bytes of the objects as JSON", () => {
    const at = { dueAt: null, atRiskAt: null, breachedAt: null, stoppedAt: null };
    const state = [
      { key: "resolution", kind: "sla", state: "running", ...at, dueAt: 1796040000000 },
      { key: "fca_final", kind: "regulatory", state: "met", ...at, stoppedAt: 1795496438954 },
    ];
    const text = clockStateText(state);
    expect(text).toBe(
      '[["resolution","sla","running",1796040000000,null,null,null],' +
        '["fca_final","regulatory","met",null,null,null,1795496438954]]',
    );
    expect(text.length).toBeLessThan(JSON.stringify(state).length * 0.6);
    expect(clockStateFrom(JSON.parse(text))).toEqual(state);
  });
});

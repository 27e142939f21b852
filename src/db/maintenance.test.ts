import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeEachBackend } from "../../test/db.ts";
import { buildConversation, buildOrg } from "../../test/factories.ts";
import { queryRows } from "./client.ts";
import { maintainTables, planMaintenance, type TableActivity } from "./maintenance.ts";

const table = (over: Partial<TableActivity>): TableActivity => ({
  table: "t",
  liveRows: 1000,
  deadRows: 0,
  modifiedSinceAnalyze: 0,
  everAnalyzed: true,
  hasData: true,
  ...over,
});

describe("planMaintenance", () => {
  it("analyses a table once a tenth of it changed, as autovacuum would", () => {
    expect(planMaintenance([table({ modifiedSinceAnalyze: 150 })]).analyze).toEqual([]);
    expect(planMaintenance([table({ modifiedSinceAnalyze: 151 })]).analyze).toEqual(["t"]);
  });

  it("analyses a never-analysed table that holds data, and leaves an empty one", () => {
    expect(planMaintenance([table({ everAnalyzed: false, liveRows: 0 })]).analyze).toEqual(["t"]);
    expect(
      planMaintenance([table({ everAnalyzed: false, liveRows: 0, hasData: false })]).analyze,
    ).toEqual([]);
  });

  it("vacuums only past a fifth of dead rows", () => {
    expect(planMaintenance([table({ deadRows: 250 })]).vacuum).toEqual([]);
    expect(planMaintenance([table({ deadRows: 251 })]).vacuum).toEqual(["t"]);
  });

  it("never plans work for a table that is analysed and unchanged", () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), (liveRows) => {
        const plan = planMaintenance([table({ liveRows })]);
        return plan.analyze.length === 0 && plan.vacuum.length === 0;
      }),
    );
  });
});

describeEachBackend("maintainTables", ({ database }) => {
  it("analyses tables where no autovacuum runs (PGlite always), else leaves them to it", async () => {
    const { db, kind } = database();
    const org = await buildOrg(db);
    for (let i = 0; i < 3; i++) await buildConversation(db, org.orgId, { texts: ["Hello", "Hi"] });
    const launchers = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum launcher'`,
    );
    const autovacuum = Number(launchers[0]!.n) > 0;
    if (kind === "pglite") expect(autovacuum).toBe(false);
    const result = await maintainTables(db);
    expect(result.skipped).toBe(autovacuum);
    if (autovacuum) return;
    expect(result.analyze).toEqual(expect.arrayContaining(["conversations", "messages"]));
    const rows = await queryRows<{ reltuples: number }>(
      db,
      sql`select reltuples from pg_class where relname = 'conversations'`,
    );
    expect(Number(rows[0]!.reltuples)).toBeGreaterThanOrEqual(0);
    // Done: a second pass has nothing left to analyse in those tables.
    expect((await maintainTables(db)).analyze).not.toContain("conversations");
  });
});

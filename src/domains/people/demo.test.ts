import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildTestApp, loginAs, type Session } from "../../../test/http.ts";
import { queryRows, type Db } from "../../db/client.ts";
import { seedDemo } from "../demo/index.ts";
import { reclusterReasons } from "../insights/index.ts";
import { catchUp } from "./refresh.service.ts";

interface Metric {
  key: string;
  value: number | null;
  expected: number | null;
  adjusted: number | null;
  n: number;
  ci95: [number, number] | null;
}

describeEachBackend("people demo: promises kept and contact reasons", ({ database }) => {
  let db: Db;
  let orgId: string;
  let leader: Session;

  beforeAll(async () => {
    db = database().db;
    ({ orgId } = await seedDemo(db, { conversations: 300, days: 60, seed: 11 }));
    // What the worker does after the first start: insights' reasons, then the people catch-up.
    await reclusterReasons(db, orgId);
    await catchUp(db, orgId, new Date(Date.now() - 3_600_000), 100_000);
    leader = await loginAs(buildTestApp(database()), "leader@demo.rapport.local", "rapport-demo");
  });

  it("scores the demo's settled promises on the org scorecard", async () => {
    const res = await leader.request("GET", "/api/v1/people/scorecards");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { org: { metrics: Metric[] } };
    const m = body.org.metrics.find((x) => x.key === "promises_kept")!;
    expect(m.n).toBeGreaterThan(5);
    // The demo's teams keep 58–88 % of their promises.
    expect(m.value!).toBeGreaterThan(0.4);
    expect(m.value!).toBeLessThan(1);
    expect(m.ci95![0]).toBeLessThan(m.value!);
  });

  it("uses the insights contact reasons as the case-mix reason", async () => {
    const [row] = await queryRows<{ total: number; by_reason: number }>(
      db,
      sql`select count(*)::int as total,
            count(*) filter (where f.reason = cr.reason_id::text)::int as by_reason
          from people_conversation_facts f
          join conversation_reasons cr on cr.org_id = f.org_id and cr.conversation_id = f.conversation_id
          where f.org_id = ${orgId}::uuid`,
    );
    expect(row!.total).toBeGreaterThan(100);
    expect(row!.by_reason).toBe(row!.total);
  });
});

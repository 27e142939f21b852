import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import * as repo from "./reasons.repo.ts";
import { foldReasonDays } from "./trends.service.ts";

const DAY = 86_400_000;
const FROM = new Date("2026-09-07T00:00:00Z");

describeEachBackend("reason_day_counts: the trends' daily counts", ({ database }) => {
  let org: TestOrg;
  let other: TestOrg;
  const db = () => database().db;

  /** What the trends counted before the rollups: the rows themselves. */
  const counted = async (orgId: string) => {
    const [reasons, totals] = await Promise.all([
      queryRows<{ reason_id: string; day: string; n: number }>(
        db(),
        sql`select reason_id, to_char((started_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day,
              count(*)::int as n from conversation_reasons
            where org_id = ${orgId} and started_at >= ${FROM} group by 1, 2 order by 2, 1`,
      ),
      queryRows<{ day: string; n: number }>(
        db(),
        sql`select to_char((started_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day,
              count(*)::int as n from conversations
            where org_id = ${orgId} and started_at >= ${FROM} group by 1 order by 1`,
      ),
    ]);
    return { reasons, totals };
  };
  const rolled = (orgId: string) => repo.findDailyCounts(db(), orgId, FROM);
  const reasonOf = async (orgId: string, label: string) =>
    (await repo.insertReason(db(), { orgId, label })).id;

  let a: string;
  let b: string;
  let ids: string[];

  beforeAll(async () => {
    org = await buildOrg(db());
    other = await buildOrg(db());
    a = await reasonOf(org.orgId, "a");
    b = await reasonOf(org.orgId, "b");
    ids = [];
    // Before the window too, and at a day's last minute (UTC days, whatever the session zone).
    for (let i = -3; i < 12; i++) {
      const startedAt = new Date(FROM.getTime() + i * DAY + (i % 2 ? 86_340_000 : 3_600_000));
      ids.push(await buildConversation(db(), org.orgId, { startedAt }));
    }
    const started = await queryRows<{ id: string; started_at: string | Date }>(
      db(),
      sql`select id, started_at from conversations where org_id = ${org.orgId}`,
    );
    await repo.upsertAssignments(
      db(),
      org.orgId,
      started.map((c, i) => ({
        conversationId: c.id,
        reasonId: i % 3 ? a : b,
        startedAt: new Date(c.started_at),
      })),
    );
    const theirs = await reasonOf(other.orgId, "theirs");
    const mine = await buildConversation(db(), other.orgId, { startedAt: FROM });
    await repo.upsertAssignments(db(), other.orgId, [
      { conversationId: mine, reasonId: theirs, startedAt: FROM },
    ]);
  });

  it("equals counting the rows after assignments, moves, deletions and folding", async () => {
    const expectSame = async () => {
      const got = await rolled(org.orgId);
      expect(got).toEqual(await counted(org.orgId));
      return got;
    };
    const first = await expectSame();
    expect(first.reasons.length).toBeGreaterThan(10);
    await repo.moveConversations(db(), org.orgId, [b], a, ids.slice(0, 6));
    await expectSame();
    await db().execute(sql`delete from conversations where id in (${ids[4]!}, ${ids[5]!})`);
    await expectSame();
    await repo.deleteReasons(db(), org.orgId, [b]);
    const beforeFold = await expectSame();
    expect(await foldReasonDays(db())).toBeGreaterThan(0);
    expect(await expectSame()).toEqual(beforeFold);
    const [left] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from reason_day_counts where org_id = ${org.orgId}
          group by reason_id, day order by 1 desc limit 1`,
    );
    expect(left!.n).toBe(1);
  });

  it("keeps tenants apart", async () => {
    const theirs = await rolled(other.orgId);
    expect(theirs).toEqual(await counted(other.orgId));
    expect(theirs.reasons).toHaveLength(1);
    expect(theirs.totals).toContainEqual({ day: "2026-09-07", n: 1 });
  });
});

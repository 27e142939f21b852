import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { Queue } from "../../jobs/queue.ts";
import { JOB_DEFINITIONS } from "../../jobs/registry.ts";
import { startWorker } from "../../jobs/worker.ts";
import { createLogger } from "../../logger.ts";
import { enqueueMissingAnalyses } from "../conversations/index.ts";
import { seedDemo } from "../demo/index.ts";
import { describeEachBackend } from "../../../test/db.ts";

describeEachBackend("demo QA data", ({ database }) => {
  it("seeds reviews, a dispute, a calibration, coaching notes and claims, and scores every demo conversation", async () => {
    const db = database().db;
    const queue = new Queue(db);
    const { orgId } = await seedDemo(db, {
      conversations: 200,
      now: new Date("2026-11-30T12:00:00Z"),
    });
    await enqueueMissingAnalyses({ db, queue }, orgId);
    const worker = startWorker({ db, queue, logger: createLogger("silent") }, JOB_DEFINITIONS, {
      pollMs: 60_000,
    });
    await worker.drain();
    await worker.stop();
    const count = async (q: ReturnType<typeof sql>) =>
      (await queryRows<{ n: number }>(db, q))[0]!.n;
    // Every conversation has an automatic evaluation: no coverage holes, whatever the channel.
    expect(
      await count(sql`select count(*)::int as n from conversations c where c.org_id = ${orgId}
        and not exists (select 1 from qa_evaluations e where e.org_id = c.org_id
          and e.conversation_id = c.id and e.kind = 'auto')`),
    ).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from qa_evaluations where org_id = ${orgId}
        and kind = 'human' and calibration_session_id is null`),
    ).toBeGreaterThanOrEqual(5);
    expect(
      await count(sql`select count(*)::int as n from qa_disputes where org_id = ${orgId}`),
    ).toBe(1);
    // The leader's coaching notes: three agents, each on a review of their own conversation.
    expect(
      await count(sql`select count(distinct n.agent_id)::int as n from qa_coaching_notes n
        join qa_evaluations e on e.org_id = n.org_id and e.id = n.evaluation_id
        where n.org_id = ${orgId} and e.kind = 'human' and e.agent_id = n.agent_id`),
    ).toBe(3);
    expect(
      await count(sql`select count(*)::int as n from qa_evaluations where org_id = ${orgId}
        and calibration_session_id is not null`),
    ).toBe(2);
    // A reviewer's correction names the answer the automatic QA actually stored.
    const mismatched = await count(sql`
      select count(*)::int as n from qa_evaluations h
      cross join lateral jsonb_array_elements(h.answers) ha
      join qa_evaluations a on a.org_id = h.org_id and a.conversation_id = h.conversation_id
        and a.version_id = h.version_id and a.kind = 'auto'
      cross join lateral jsonb_array_elements(a.answers) aa
      where h.org_id = ${orgId} and h.kind = 'human' and ha ? 'original'
        and aa ->> 'key' = ha ->> 'key' and aa ->> 'answer' <> ha -> 'original' ->> 'answer'`);
    expect(mismatched).toBe(0);
    // Two of the leader's team's queued conversations are claimed: one by the analyst, one by the leader.
    expect(
      await count(sql`select count(distinct a.assignee_user_id)::int as n from qa_review_assignments a
        join memberships m on m.org_id = a.org_id and m.user_id = a.assignee_user_id
        where a.org_id = ${orgId} and a.status = 'open' and m.role in ('qa', 'leader')
          and a.claimed_at is not null`),
    ).toBe(2);
    // The review queue has work from the assignment rules.
    expect(
      await count(
        sql`select count(*)::int as n from qa_review_assignments where org_id = ${orgId}`,
      ),
    ).toBeGreaterThan(0);
  }, 120_000);
});

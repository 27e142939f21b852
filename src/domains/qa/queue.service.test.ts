import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg } from "../../../test/factories.ts";
import { scoreConversations } from "./index.ts";
import { WEEKLY_SAMPLE } from "./queue.service.ts";

describeEachBackend("review queue: the random weekly sample", ({ database }) => {
  it("queues at most WEEKLY_SAMPLE of an agent's week, across batches", async () => {
    const db = database().db;
    const org = await buildOrg(db);
    // Conversations the id-based draw makes eligible (one in four), all in one week.
    const eligible: string[] = [];
    for (let i = 0; eligible.length < WEEKLY_SAMPLE + 2 && i < 200; i++) {
      const id = await buildConversation(db, org.orgId, {
        agentId: org.agentId,
        teamId: org.teamId,
        startedAt: new Date(Date.parse("2026-11-02T09:00:00Z") + i * 60_000),
      });
      if (parseInt(id.slice(-2), 16) % 4 === 0) eligible.push(id);
    }
    expect(eligible).toHaveLength(WEEKLY_SAMPLE + 2);
    await scoreConversations(db, org.orgId, eligible.slice(0, 1), { assign: true });
    await scoreConversations(db, org.orgId, eligible.slice(1), { assign: true });
    const queued = await queryRows<{ conversation_id: string }>(
      db,
      sql`select conversation_id from qa_review_assignments
          where org_id = ${org.orgId} and reason = 'random_weekly' and agent_id = ${org.agentId}`,
    );
    // The first batch's one, then only as many more as the week still had room for.
    expect(queued).toHaveLength(WEEKLY_SAMPLE);
    expect(queued.map((r) => r.conversation_id)).toContain(eligible[0]);
  });
});

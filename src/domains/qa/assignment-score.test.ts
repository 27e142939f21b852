import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg } from "../../../test/factories.ts";
import { queryRows, type Db } from "../../db/client.ts";
import { scoreConversations } from "./index.ts";
import { insertAssignments, updateEvaluationAnswers } from "./reviews.repo.ts";

/** Each assignment's kept score beside its conversation's lowest automatic score now. */
async function scores(db: Db, orgId: string) {
  const rows = await queryRows<{
    conversation_id: string;
    kept: number | null;
    now: number | null;
  }>(
    db,
    sql`select a.conversation_id, a.auto_score as kept,
          (select min(e.score) from qa_evaluations e where e.org_id = a.org_id
             and e.conversation_id = a.conversation_id and e.kind = 'auto') as now
        from qa_review_assignments a where a.org_id = ${orgId}::uuid`,
  );
  return new Map(rows.map((r) => [r.conversation_id, r]));
}

describeEachBackend("the automatic score a queued conversation keeps", ({ database }) => {
  it("follows its automatic evaluations: scored, re-scored, overturned, deleted", async () => {
    const db = database().db;
    const org = await buildOrg(db);
    const [a, b] = [org.conversationId, org.otherConversationId];
    await scoreConversations(db, org.orgId, [a]);
    const queued = [a, b].map((conversation_id) => ({
      conversation_id,
      reason: "random_weekly",
      agent_id: null,
      team_id: null,
    }));
    await insertAssignments(db, org.orgId, queued);
    let s = await scores(db, org.orgId);
    expect(s.get(a)!.kept).not.toBeNull();
    expect(s.get(a)!.kept).toBe(s.get(a)!.now);
    expect(s.get(b)!.kept).toBeNull();

    // Scored after it was queued (the QA listener runs later than the assignment).
    await scoreConversations(db, org.orgId, [b]);
    s = await scores(db, org.orgId);
    expect(s.get(b)!.now).not.toBeNull();
    expect(s.get(b)!.kept).toBe(s.get(b)!.now);

    // An answer overturned in a dispute re-scores the evaluation in place.
    const [evaluation] = await queryRows<{ id: string; answers: never[] }>(
      db,
      sql`select id, answers from qa_evaluations where org_id = ${org.orgId}::uuid
          and conversation_id = ${a}::uuid and kind = 'auto' limit 1`,
    );
    await updateEvaluationAnswers(db, org.orgId, evaluation!.id, evaluation!.answers, 1.5);
    expect((await scores(db, org.orgId)).get(a)!.kept).toBe(1.5);

    await db.execute(sql`delete from qa_evaluations where org_id = ${org.orgId}::uuid
        and conversation_id = ${a}::uuid`);
    expect((await scores(db, org.orgId)).get(a)!.kept).toBeNull();
  });
});

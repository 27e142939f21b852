import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../src/db/client.ts";
import { scoreConversations } from "../src/domains/qa/index.ts";
import type { TestOrg } from "./factories.ts";

/**
 * QA records for the access matrix: in org A a scorecard whose version 1 is a draft (so edits and
 * publishing succeed without touching a published version) and the agent's automatic evaluation;
 * in org B a scorecard, an evaluation and a review assignment whose ids must answer 404 from org A.
 */
export async function setUpQa(db: Db, a: TestOrg, b: TestOrg) {
  await scoreConversations(db, a.orgId, [a.conversationId]);
  await scoreConversations(db, b.orgId, [b.conversationId]);
  const [cardA] = await queryRows<{ id: string }>(
    db,
    sql`with s as (insert into qa_scorecards (org_id, name) values (${a.orgId}, 'Matrix') returning id)
        insert into qa_scorecard_versions (org_id, scorecard_id, version, status, channels, definition)
        select ${a.orgId}::uuid, s.id, 1, 'draft', '{chat}',
          '{"name":"Matrix","channels":["chat"],"sections":[]}'::jsonb from s
        returning scorecard_id as id`,
  );
  const evaluation = async (org: TestOrg) =>
    (
      await queryRows<{ id: string; scorecard_id: string }>(
        db,
        sql`select id, scorecard_id from qa_evaluations where org_id = ${org.orgId}
            and conversation_id = ${org.conversationId} limit 1`,
      )
    )[0]!;
  const evA = await evaluation(a);
  const evB = await evaluation(b);
  const [assignmentB] = await queryRows<{ id: string }>(
    db,
    sql`insert into qa_review_assignments (org_id, conversation_id, reason)
        values (${b.orgId}, ${b.conversationId}, 'complaint')
        on conflict (org_id, conversation_id) do update set reason = excluded.reason returning id`,
  );
  return {
    a: { scorecardA: cardA!.id, evaluationA: evA.id },
    foreign: {
      scorecardId: evB.scorecard_id,
      evaluationId: evB.id,
      reviewAssignmentId: assignmentB!.id,
    },
  };
}

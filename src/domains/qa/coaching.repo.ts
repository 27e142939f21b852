import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

export interface CoachingRow {
  id: string;
  evaluation_id: string;
  agent_id: string;
  author_user_id: string;
  message_ids: string[];
  goal: string;
  note: string;
  follow_up_on: string | null;
  created_at: string;
}

export async function insertCoachingNote(
  db: Db,
  orgId: string,
  n: {
    evaluationId: string;
    agentId: string;
    authorUserId: string;
    messageIds: string[];
    goal: string;
    note: string;
    followUpOn: string | null;
  },
): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into qa_coaching_notes (org_id, evaluation_id, agent_id, author_user_id, message_ids, goal, note,
          follow_up_on)
        values (${orgId}, ${n.evaluationId}, ${n.agentId}, ${n.authorUserId},
          array(select jsonb_array_elements_text(${JSON.stringify(n.messageIds)}::jsonb)::uuid),
          ${n.goal}, ${n.note}, ${n.followUpOn}::date)
        returning id`,
  );
  return rows[0]!.id;
}

export function listCoachingNotes(
  db: Db,
  orgId: string,
  f: { agentIds?: string[] | undefined; id?: string },
): Promise<CoachingRow[]> {
  return queryRows<CoachingRow>(
    db,
    sql`select id, evaluation_id, agent_id, author_user_id, message_ids, goal, note,
          follow_up_on::text as follow_up_on,
          to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
        from qa_coaching_notes where org_id = ${orgId}
          ${f.agentIds ? sql`and agent_id::text in (select jsonb_array_elements_text(${JSON.stringify(f.agentIds)}::jsonb))` : sql``}
          ${f.id ? sql`and id = ${f.id}` : sql``}
        order by created_at desc limit 200`,
  );
}

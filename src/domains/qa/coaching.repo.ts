import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { isoMs, keysetAt, pastKeyset } from "../../lib/cursor.ts";

export interface CoachingRow {
  id: string;
  evaluation_id: string;
  conversation_id: string;
  agent_id: string;
  agent_name: string | null;
  author_user_id: string;
  author_name: string | null;
  message_ids: string[];
  goal: string;
  note: string;
  follow_up_on: string | null;
  created_at: string;
  cursor_at: string;
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

/** Which notes a page lists: an agent's own, a team's, one agent's, or one note by id. */
export interface CoachingFilter {
  agentIds?: string[] | undefined;
  teamId?: string | undefined;
  id?: string | undefined;
  before?: { at: string; id: string } | undefined;
  limit: number;
}

/** Coaching notes, newest first, with the agent's and author's names and the evaluated conversation. */
export function listCoachingNotes(
  db: Db,
  orgId: string,
  f: CoachingFilter,
): Promise<CoachingRow[]> {
  return queryRows<CoachingRow>(
    db,
    sql`select n.id, n.evaluation_id, e.conversation_id, n.agent_id, ag.name as agent_name,
          n.author_user_id, u.name as author_name, n.message_ids, n.goal, n.note,
          n.follow_up_on::text as follow_up_on,
          ${isoMs(sql`n.created_at`)} as created_at,
          ${keysetAt(sql`n.created_at`)} as cursor_at
        from qa_coaching_notes n
        join qa_evaluations e on e.org_id = n.org_id and e.id = n.evaluation_id
        left join agents ag on ag.org_id = n.org_id and ag.id = n.agent_id
        left join users u on u.id = n.author_user_id
        where n.org_id = ${orgId}
          ${f.agentIds ? sql`and n.agent_id::text in (select jsonb_array_elements_text(${JSON.stringify(f.agentIds)}::jsonb))` : sql``}
          ${f.teamId ? sql`and ag.team_id = ${f.teamId}` : sql``}
          ${f.id ? sql`and n.id = ${f.id}` : sql``}
          ${f.before ? sql`and ${pastKeyset(sql`n.created_at`, sql`n.id`, f.before)}` : sql``}
        order by n.created_at desc, n.id desc limit ${f.limit}`,
  );
}

import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

export interface IncidentRow {
  message_id: string;
  conversation_id: string;
  text: string;
  ts: string;
  week: string;
  channel: string;
  author_name: string | null;
  team_id: string | null;
  team_name: string | null;
  result: { signals?: { name: string; evidence?: { text: string }[] }[] } | null;
}

/**
 * Internal notes the engine marked `disrespect` since a time, with the note's team (the author's,
 * else the conversation's) and its ISO week (Monday, UTC).
 */
export async function findIncidents(db: Db, orgId: string, since: Date) {
  return queryRows<IncidentRow>(
    db,
    sql`select m.id as message_id, m.conversation_id, m.text,
        to_char(m.ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ts,
        to_char(date_trunc('week', m.ts at time zone 'UTC'), 'YYYY-MM-DD') as week,
        c.channel, coalesce(author.name, handler.name) as author_name,
        coalesce(author.team_id, c.team_id) as team_id, t.name as team_name, ma.result
      from message_analyses ma
      join messages m on m.org_id = ma.org_id and m.id = ma.message_id
      join conversations c on c.org_id = m.org_id and c.id = m.conversation_id
      left join agents author on author.org_id = m.org_id and author.id = m.agent_id
      left join agents handler on handler.org_id = c.org_id and handler.id = c.agent_id
      left join teams t on t.org_id = c.org_id and t.id = coalesce(author.team_id, c.team_id)
      where ma.org_id = ${orgId} and ma.signal_names @> array['disrespect']::text[]
        and m.role = 'internal' and m.ts >= ${since.toISOString()}::timestamptz
      order by m.ts desc
      limit 5000`,
  );
}

/** How many agents each team has: the group a team's figures describe. */
export async function teamSizes(db: Db, orgId: string) {
  const rows = await queryRows<{ team_id: string | null; name: string | null; n: number }>(
    db,
    sql`select a.team_id, t.name, count(*)::int as n from agents a
      left join teams t on t.org_id = a.org_id and t.id = a.team_id
      where a.org_id = ${orgId} group by a.team_id, t.name`,
  );
  return rows;
}

import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { cultureChannelMessages } from "../../db/schema/index.ts";
import { isoMs } from "../../lib/cursor.ts";

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
        ${isoMs(sql`m.ts`)} as ts,
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

export interface ChannelIncidentRow {
  id: string;
  source: string;
  channel: string;
  text: string;
  spans: string[];
  ts: string;
  week: string;
  author_name: string | null;
  team_id: string | null;
  team_name: string | null;
}

/** Internal channel messages marked `disrespect` since a time, with the author's team and ISO week. */
export async function findChannelIncidents(db: Db, orgId: string, since: Date) {
  return queryRows<ChannelIncidentRow>(
    db,
    sql`select m.id, m.source, m.channel, m.text, m.spans,
        ${isoMs(sql`m.sent_at`)} as ts,
        to_char(date_trunc('week', m.sent_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
        a.name as author_name, a.team_id, t.name as team_name
      from culture_channel_messages m
      left join agents a on a.org_id = m.org_id and a.id = m.author_agent_id
      left join teams t on t.org_id = a.org_id and t.id = a.team_id
      where m.org_id = ${orgId} and m.sent_at >= ${since.toISOString()}::timestamptz
      order by m.sent_at desc
      limit 5000`,
  );
}

/** The org's agents by lower-cased email and by external id, for the given keys. */
export async function findAuthors(db: Db, orgId: string, emails: string[], externalIds: string[]) {
  return queryRows<{ id: string; email: string | null; external_id: string | null }>(
    db,
    sql`select id, lower(email) as email, external_id from agents
      where org_id = ${orgId}
        and (lower(email) = any(${sql.param(emails)}::text[])
          or external_id = any(${sql.param(externalIds)}::text[]))`,
  );
}

/** Stores marked messages; a (source, external id) already stored is skipped. Returns how many were new. */
export async function insertChannelMessages(
  db: Db,
  rows: (typeof cultureChannelMessages.$inferInsert)[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(cultureChannelMessages)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: cultureChannelMessages.id });
  return inserted.length;
}

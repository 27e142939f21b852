import { sql } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";

export async function listOrgRetention(
  db: Db,
): Promise<{ orgId: string; rawTextDays: number | null }[]> {
  const rows = await queryRows<{ id: string; days: number | null }>(
    db,
    sql`select id, (settings -> 'retention' ->> 'rawTextDays')::int as days from organizations
        where settings -> 'retention' ->> 'rawTextDays' is not null`,
  );
  return rows.map((r) => ({ orgId: r.id, rawTextDays: r.days === null ? null : Number(r.days) }));
}

/**
 * Empties the text of up to `limit` messages older than `cutoff` whose text is still there, and
 * marks them; returns their ids and conversations. `text` is emptied, so its search vector is too.
 */
export async function removeMessageTexts(
  db: Db,
  orgId: string,
  cutoff: Date,
  limit: number,
): Promise<{ id: string; conversation_id: string }[]> {
  return queryRows(
    db,
    sql`with expired as (
          select id from messages
          where org_id = ${orgId} and ts < ${cutoff.toISOString()} and not (metadata ? 'textRemovedAt')
          limit ${limit})
        update messages m set text = '', raw_text = null, updated_at = now(),
          metadata = m.metadata || jsonb_build_object('textRemovedAt', now())
        from expired e where m.org_id = ${orgId} and m.id = e.id
        returning m.id, m.conversation_id`,
  );
}

export async function loadMessageResults(db: Db, orgId: string, messageIds: string[]) {
  return queryRows<{ id: string; result: unknown }>(
    db,
    sql`select message_id as id, result from message_analyses
        where org_id = ${orgId} and message_id = any(${uuids(messageIds)})`,
  );
}

export async function loadConversationResults(db: Db, orgId: string, conversationIds: string[]) {
  return queryRows<{ id: string; result: unknown }>(
    db,
    sql`select conversation_id as id, result from conversation_analyses
        where org_id = ${orgId} and conversation_id = any(${uuids(conversationIds)})`,
  );
}

/** Writes rewritten analysis results back, one statement per table. */
export async function saveResults(
  db: Db,
  orgId: string,
  table: "message_analyses" | "conversation_analyses",
  rows: { id: string; result: unknown }[],
): Promise<void> {
  if (rows.length === 0) return;
  const key = sql.identifier(table === "message_analyses" ? "message_id" : "conversation_id");
  await db.execute(
    sql`update ${sql.identifier(table)} t set result = v.result::jsonb
        from (select unnest(${uuids(rows.map((r) => r.id))}) as id,
                     unnest(${sql.param(rows.map((r) => JSON.stringify(r.result)))}::text[]) as result) v
        where t.org_id = ${orgId} and t.${key} = v.id`,
  );
}

/** Subjects are the customer's words too. */
export async function clearSubjects(db: Db, orgId: string, conversationIds: string[]) {
  await db.execute(
    sql`update conversations set subject = null, updated_at = now()
        where org_id = ${orgId} and id = any(${uuids(conversationIds)}) and subject is not null`,
  );
}

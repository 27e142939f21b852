import { sql } from "drizzle-orm";
import { eachChunk, queryRows, type Db, uuids } from "../../db/client.ts";
import type { RowOf, WithInstantsAsText } from "../../db/rows.ts";
import type {
  conversationAnalyses,
  conversations,
  messageAnalyses,
  messages,
} from "../../db/schema/index.ts";
import { isoMs } from "../../lib/cursor.ts";

// Row types name their columns by SQL name from the Drizzle tables (db/rows.ts): renaming or
// retyping a column in db/schema fails typecheck here, beside the SQL that uses it.

/** `ts` is read as ISO text (`to_char`). */
export type MessageForAnalysis = WithInstantsAsText<
  RowOf<
    typeof messages,
    "id" | "conversation_id" | "role" | "text" | "ts" | "start_offset" | "end_offset" | "agent_id"
  >
>;

export async function loadMessagesForAnalysis(
  db: Db,
  orgId: string,
  conversationIds: string[],
): Promise<MessageForAnalysis[]> {
  if (conversationIds.length === 0) return [];
  return queryRows<MessageForAnalysis>(
    db,
    sql`select id, conversation_id, role, text, ${isoMs(sql`ts`)} as ts,
          start_offset, end_offset, agent_id
        from messages
        where org_id = ${orgId} and conversation_id = any(${uuids(conversationIds)})
        order by conversation_id, seq`,
  );
}

export type MessageAnalysisRow = RowOf<
  typeof messageAnalyses,
  | "message_id"
  | "conversation_id"
  | "sentiment_score"
  | "sentiment_label"
  | "politeness"
  | "emotions"
  | "result"
  | "signal_names"
>;

export async function upsertMessageAnalyses(
  db: Db,
  orgId: string,
  version: string,
  rows: MessageAnalysisRow[],
): Promise<void> {
  await eachChunk(
    db,
    rows,
    1000,
    (json) => sql`
    insert into message_analyses (org_id, message_id, conversation_id, engine_version, sentiment_score, sentiment_label,
      politeness, emotions, result, signal_names)
    select ${orgId}::uuid, r.message_id, r.conversation_id, ${version}, r.sentiment_score, r.sentiment_label, r.politeness,
      r.emotions, r.result, array(select jsonb_array_elements_text(r.signal_names))
    from jsonb_to_recordset(${json}::jsonb) as r(message_id uuid, conversation_id uuid, sentiment_score float8,
      sentiment_label text, politeness float8, emotions jsonb, result jsonb, signal_names jsonb)
    on conflict (org_id, message_id) do update set engine_version = excluded.engine_version,
      sentiment_score = excluded.sentiment_score, sentiment_label = excluded.sentiment_label,
      politeness = excluded.politeness, emotions = excluded.emotions, result = excluded.result,
      signal_names = excluded.signal_names, updated_at = now()`,
  );
}

export type ConversationAnalysisRow = RowOf<
  typeof conversationAnalyses,
  | "conversation_id"
  | "message_count"
  | "satisfaction"
  | "sentiment_score"
  | "sentiment_label"
  | "trajectory"
  | "signal_names"
  | "result"
>;

export async function upsertConversationAnalyses(
  db: Db,
  orgId: string,
  version: string,
  rows: ConversationAnalysisRow[],
): Promise<void> {
  await eachChunk(
    db,
    rows,
    500,
    (json) => sql`
    insert into conversation_analyses (org_id, conversation_id, engine_version, message_count, satisfaction, sentiment_score,
      sentiment_label, trajectory, signal_names, result, analyzed_at)
    select ${orgId}::uuid, r.conversation_id, ${version}, r.message_count, r.satisfaction, r.sentiment_score, r.sentiment_label,
      r.trajectory, array(select jsonb_array_elements_text(r.signal_names)), r.result, now()
    from jsonb_to_recordset(${json}::jsonb) as r(conversation_id uuid, message_count int, satisfaction float8,
      sentiment_score float8, sentiment_label text, trajectory text, signal_names jsonb, result jsonb)
    on conflict (org_id, conversation_id) do update set engine_version = excluded.engine_version,
      message_count = excluded.message_count, satisfaction = excluded.satisfaction, sentiment_score = excluded.sentiment_score,
      sentiment_label = excluded.sentiment_label, trajectory = excluded.trajectory, signal_names = excluded.signal_names,
      result = excluded.result, analyzed_at = now(), updated_at = now()`,
  );
}

/** Conversations never analysed, analysed by another engine version, or with messages added since. */
export async function findConversationsToAnalyze(
  db: Db,
  opts: {
    orgId?: string | undefined;
    since?: Date | undefined;
    version: string;
    all: boolean;
    afterId?: string;
    limit: number;
  },
): Promise<RowOf<typeof conversations, "org_id" | "id">[]> {
  return queryRows<RowOf<typeof conversations, "org_id" | "id">>(
    db,
    sql`select c.org_id, c.id from conversations c
        left join conversation_analyses a on a.org_id = c.org_id and a.conversation_id = c.id
        where true
          ${opts.orgId ? sql`and c.org_id = ${opts.orgId}` : sql``}
          ${opts.since ? sql`and c.started_at >= ${opts.since.toISOString()}::timestamptz` : sql``}
          ${opts.all ? sql`` : sql`and (a.conversation_id is null or a.engine_version <> ${opts.version} or a.message_count <> c.message_count)`}
          ${opts.afterId ? sql`and c.id > ${opts.afterId}::uuid` : sql``}
        order by c.id
        limit ${opts.limit}`,
  );
}

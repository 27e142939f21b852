import { sql, type SQL } from "drizzle-orm";

/**
 * A user's search as a tsquery (`websearch_to_tsquery`, English). It nests one operator per `-`,
 * and PostgreSQL refuses a query whose operators nest past its parser's stack ("tsquery stack too
 * small", from 33 in a row). A run of minus signs means no more than one, so a run is collapsed to
 * one; the query a user meant is unchanged. Migration 0017's retention trigger repeats the rule in
 * SQL for fixes' saved searches.
 */
export function websearchQuery(q: string): SQL {
  return sql`websearch_to_tsquery('english', ${q.replace(/-[\s-]*-/g, "-")})`;
}

/** Whether the conversation (`orgId`, `conversationId`) has a message matching the search `q`. */
export function hasMessageMatching(orgId: SQL, conversationId: SQL, q: string): SQL {
  return sql`exists (select 1 from messages m where m.org_id = ${orgId}
    and m.conversation_id = ${conversationId} and m.search @@ ${websearchQuery(q)})`;
}

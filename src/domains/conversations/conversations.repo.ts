import { and, asc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { hasMessageMatching } from "../../db/search-query.ts";
import { keysetAt, pastKeyset } from "../../lib/cursor.ts";
import {
  agents,
  conversationAnalyses,
  conversationParticipants,
  messageAnalyses,
  conversations,
  customers,
  messages,
  teams,
  type Channel,
  type ConversationStatus,
} from "../../db/schema/index.ts";

export interface ConversationFilter {
  orgId: string;
  channel?: Channel | undefined;
  teamId?: string | undefined;
  agentId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  customerId?: string | undefined;
  /** Full-text query over message text (PostgreSQL websearch syntax: words, "phrases", -exclusions, or). */
  q?: string | undefined;
  /** Conversation-level customer sentiment label. */
  sentiment?: "negative" | "neutral" | "positive" | undefined;
  /** Any detected signal, by name. */
  signal?: string | undefined;
  minSatisfaction?: number | undefined;
  maxSatisfaction?: number | undefined;
  /** Contact reason (insights' conversation_reasons). */
  reasonId?: string | undefined;
  /** Restricts to these agents' conversations (an agent sees only their own). */
  onlyAgentIds?: string[] | undefined;
}

/** A row's place in the list: its start (ISO text to the microsecond, see lib/cursor.ts) and id. */
export interface Keyset {
  at: string;
  id: string;
}

function filterConditions(f: ConversationFilter): (SQL | undefined)[] {
  return [
    eq(conversations.orgId, f.orgId),
    f.channel ? eq(conversations.channel, f.channel) : undefined,
    f.teamId ? eq(conversations.teamId, f.teamId) : undefined,
    f.agentId ? eq(conversations.agentId, f.agentId) : undefined,
    f.from ? gte(conversations.startedAt, f.from) : undefined,
    f.to ? lt(conversations.startedAt, f.to) : undefined,
    f.onlyAgentIds ? inArray(conversations.agentId, f.onlyAgentIds) : undefined,
    f.customerId ? eq(conversations.customerId, f.customerId) : undefined,
    f.q
      ? hasMessageMatching(sql`${conversations.orgId}`, sql`${conversations.id}`, f.q)
      : undefined,
    f.reasonId
      ? hasContactReason(sql`${conversations.orgId}`, sql`${conversations.id}`, f.reasonId)
      : undefined,
    f.sentiment ? eq(conversationAnalyses.sentimentLabel, f.sentiment) : undefined,
    f.signal ? sql`${conversationAnalyses.signalNames} @> array[${f.signal}]::text[]` : undefined,
    f.minSatisfaction !== undefined
      ? gte(conversationAnalyses.satisfaction, f.minSatisfaction)
      : undefined,
    f.maxSatisfaction !== undefined
      ? sql`${conversationAnalyses.satisfaction} <= ${f.maxSatisfaction}`
      : undefined,
  ];
}

/**
 * Whether the conversation (its `orgId` and `id` columns in the outer query) has this contact
 * reason (insights' conversation_reasons): the one filter conversations, cases and the review
 * queue share.
 */
export function hasContactReason(orgId: SQL, id: SQL, reasonId: string): SQL {
  return sql`exists (select 1 from conversation_reasons cr where cr.org_id = ${orgId}
    and cr.conversation_id = ${id} and cr.reason_id = ${reasonId})`;
}

/**
 * What the customer came for: their first message, else the first message (an agent's outbound
 * contact), up to 160 characters. Two index walks in seq order (messages_conversation_seq_key)
 * that stop at the first hit: cheap for a page of 50. `orgId` and `id` name the conversation's
 * columns in the outer query.
 */
export function conversationPreview(orgId: SQL, id: SQL): SQL<string | null> {
  const first = (customer: boolean) => sql`(select left(m.text, 160) from messages m
      where m.org_id = ${orgId} and m.conversation_id = ${id}
        ${customer ? sql`and m.role = 'customer'` : sql``}
      order by m.seq limit 1)`;
  return sql<string | null>`coalesce(${first(true)}, ${first(false)})`;
}

/**
 * The analysis of the outer query's message (`message` names its row) as a LATERAL subquery, for
 * `left join lateral … on true`: one primary-key lookup per message, whatever the planner believes
 * of the tables' sizes (`limit 1` keeps PostgreSQL from flattening it into a plain join). As a
 * plain join, with statistics older than a burst of ingest, it scanned the organization's analyses
 * once per message: 62 s for a 500-conversation batch of automatic QA (bench:qa, 2026-12-07).
 * `columns` name the row as `a`.
 */
export function analysisOf(message: SQL, columns: SQL): SQL {
  return sql`(select ${columns} from message_analyses a
    where a.org_id = ${message}.org_id and a.message_id = ${message}.id limit 1)`;
}

const summaryColumns = {
  id: conversations.id,
  externalId: conversations.externalId,
  source: conversations.source,
  channel: conversations.channel,
  status: conversations.status,
  subject: conversations.subject,
  startedAt: conversations.startedAt,
  endedAt: conversations.endedAt,
  messageCount: conversations.messageCount,
  metadata: conversations.metadata,
  customerId: conversations.customerId,
  customerName: customers.name,
  agentId: conversations.agentId,
  agentName: agents.name,
  teamId: conversations.teamId,
  teamName: teams.name,
  satisfaction: conversationAnalyses.satisfaction,
  sentimentLabel: conversationAnalyses.sentimentLabel,
  sentimentScore: conversationAnalyses.sentimentScore,
  trajectory: conversationAnalyses.trajectory,
  signalNames: conversationAnalyses.signalNames,
  engineVersion: conversationAnalyses.engineVersion,
  analysis: conversationAnalyses.result,
  preview: conversationPreview(sql`${conversations.orgId}`, sql`${conversations.id}`),
};

/** Join condition from a conversation to its analysis row. */
const analysisOfConversation = and(
  eq(conversationAnalyses.orgId, conversations.orgId),
  eq(conversationAnalyses.conversationId, conversations.id),
);

function joined(db: Db) {
  return db
    .select(summaryColumns)
    .from(conversations)
    .leftJoin(
      customers,
      and(eq(customers.orgId, conversations.orgId), eq(customers.id, conversations.customerId)),
    )
    .leftJoin(
      agents,
      and(eq(agents.orgId, conversations.orgId), eq(agents.id, conversations.agentId)),
    )
    .leftJoin(teams, and(eq(teams.orgId, conversations.orgId), eq(teams.id, conversations.teamId)))
    .leftJoin(conversationAnalyses, analysisOfConversation);
}

export type ConversationRow = Awaited<ReturnType<typeof findConversation>> & object;

type PageCursor = { keyset: Keyset; direction: "after" | "before" };

/**
 * One page, newest first, by keyset on (started_at, id) so that page 1,000 costs what page 1 does.
 * `direction: "before"` walks towards newer rows (the previous page) and returns them newest first.
 */
export async function listConversationPage(
  db: Db,
  f: ConversationFilter,
  limit: number,
  cursor?: PageCursor,
) {
  const ascending = cursor?.direction === "before";
  // Two steps: pick the page's ids from conversations alone, walking the (org_id, started_at, id)
  // index, then join names and analyses for those 50 rows. One joined query lets the planner
  // hash-join the whole org before sorting (260 ms at 50k rows instead of ~1 ms).
  const ids = f.q
    ? await db.transaction(async (tx) => {
        // A search walks the index and probes each conversation's messages until the page is
        // full. Parallel workers each walk their own share until each has its part of the page:
        // on 2 cores that was 2–3× slower at 1 M rows (bench:search).
        await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
        return pageIds(tx, f, limit + 1, cursor);
      })
    : await pageIds(db, f, limit + 1, cursor);
  const hasMore = ids.length > limit;
  const page = ids.slice(0, limit);
  if (ascending) page.reverse();
  if (page.length === 0) return { rows: [], hasMore, first: undefined, last: undefined };
  const rows = await joined(db).where(
    and(
      eq(conversations.orgId, f.orgId),
      inArray(
        conversations.id,
        page.map((k) => k.id),
      ),
    ),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    rows: page.map((k) => byId.get(k.id)!).filter(Boolean),
    hasMore,
    first: page[0],
    last: page[page.length - 1],
  };
}

/** The ids and keysets of the first `limit` rows matching `f` past `cursor`, in walk order. */
function pageIds(db: Db, f: ConversationFilter, limit: number, cursor?: PageCursor) {
  const conditions = filterConditions(f);
  if (cursor) {
    // Newest first: the next page ("after") lies below the cursor's row, the previous one above it.
    const op = cursor.direction === "after" ? "<" : ">";
    conditions.push(pastKeyset(conversations.startedAt, conversations.id, cursor.keyset, op));
  }
  const ascending = cursor?.direction === "before";
  const usesAnalysis =
    f.sentiment !== undefined ||
    f.signal !== undefined ||
    f.minSatisfaction !== undefined ||
    f.maxSatisfaction !== undefined;
  const base = db
    .select({ id: conversations.id, at: keysetAt(conversations.startedAt) })
    .from(conversations);
  return (
    (usesAnalysis ? base.innerJoin(conversationAnalyses, analysisOfConversation) : base)
      .where(and(...conditions))
      // Null placement spelled out to match the index (DESC NULLS LAST), or PostgreSQL sorts instead.
      .orderBy(
        ascending
          ? sql`${conversations.startedAt} asc nulls first`
          : sql`${conversations.startedAt} desc nulls last`,
        ascending
          ? sql`${conversations.id} asc nulls first`
          : sql`${conversations.id} desc nulls last`,
      )
      .limit(limit)
  );
}

export async function findConversation(db: Db, orgId: string, id: string) {
  const rows = await joined(db)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** The conversation's contact reason (insights), by the name leaders see, and who set it. */
export async function findContactReason(db: Db, orgId: string, id: string) {
  const rows = await queryRows<{ id: string; name: string; source: "model" | "manual" }>(
    db,
    sql`select r.id, coalesce(r.name, r.label) as name, cr.source from conversation_reasons cr
        join contact_reasons r on r.org_id = cr.org_id and r.id = cr.reason_id
        where cr.org_id = ${orgId} and cr.conversation_id = ${id}`,
  );
  return rows[0] ?? null;
}

export async function listMessages(db: Db, orgId: string, conversationId: string) {
  return db
    .select({
      id: messages.id,
      seq: messages.seq,
      role: messages.role,
      text: messages.text,
      ts: messages.ts,
      startOffset: messages.startOffset,
      endOffset: messages.endOffset,
      agentId: messages.agentId,
      agentName: agents.name,
      redactions: messages.redactions,
      rawText: messages.rawText,
      textRemovedAt: sql<string | null>`${messages.metadata} ->> 'textRemovedAt'`,
      analysis: messageAnalyses.result,
      politeness: messageAnalyses.politeness,
      emotions: messageAnalyses.emotions,
    })
    .from(messages)
    .leftJoin(agents, and(eq(agents.orgId, messages.orgId), eq(agents.id, messages.agentId)))
    .leftJoin(
      messageAnalyses,
      and(eq(messageAnalyses.orgId, messages.orgId), eq(messageAnalyses.messageId, messages.id)),
    )
    .where(and(eq(messages.orgId, orgId), eq(messages.conversationId, conversationId)))
    .orderBy(asc(messages.seq));
}

export async function listParticipants(db: Db, orgId: string, conversationId: string) {
  return db
    .select({
      role: conversationParticipants.role,
      displayName: conversationParticipants.displayName,
    })
    .from(conversationParticipants)
    .where(
      and(
        eq(conversationParticipants.orgId, orgId),
        eq(conversationParticipants.conversationId, conversationId),
      ),
    )
    .orderBy(asc(conversationParticipants.createdAt));
}

export async function findAgentIdsOfUser(db: Db, orgId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.orgId, orgId), eq(agents.userId, userId)));
  return rows.map((r) => r.id);
}

/** Sets a conversation's status; returns false when the org has no such conversation. */
export async function updateConversationStatus(
  db: Db,
  orgId: string,
  id: string,
  status: ConversationStatus,
): Promise<boolean> {
  const rows = await db
    .update(conversations)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, id)))
    .returning({ id: conversations.id });
  return rows.length > 0;
}

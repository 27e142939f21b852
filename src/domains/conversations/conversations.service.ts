import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Principal } from "../../lib/principal.ts";
import { AppError } from "../../lib/errors.ts";
import { decodeKeysetCursor, encodeKeysetCursor } from "../../lib/cursor.ts";
import * as repo from "./conversations.repo.ts";
import type { Queue } from "../../jobs/queue.ts";
import type { ListConversationsQuery, UpdateConversationBody } from "./conversations.schemas.ts";
import { announceConversationsChanged } from "./events.ts";
import { toAnalysisDetail, toMessageAnalysis } from "./analysis.schemas.ts";

/** Agents see only their own conversations; every other role and API keys see the organization's. */
async function visibilityFilter(db: Db, principal: Principal): Promise<string[] | undefined> {
  if (principal.kind === "session" && principal.role === "agent") {
    return repo.findAgentIdsOfUser(db, principal.orgId, principal.userId);
  }
  return undefined;
}

const DIRECTIONS = ["after", "before"] as const;

function decodeCursor(cursor: string): {
  keyset: repo.Keyset;
  direction: (typeof DIRECTIONS)[number];
} {
  const { at, id, tag } = decodeKeysetCursor(cursor, DIRECTIONS);
  return { keyset: { at, id }, direction: tag! };
}

/**
 * The confidence and outcome the engine stored with its prediction (engine 2026.12.1 onward);
 * null for results stored by an older engine.
 */
function satisfactionEvidence(result: unknown): {
  satisfactionConfidence: number | null;
  satisfactionOutcome: "observed" | "unknown" | null;
} {
  const parsed = StoredSatisfactionSchema.safeParse(
    (result as { satisfaction?: unknown } | null)?.satisfaction,
  );
  return parsed.success
    ? {
        satisfactionConfidence: parsed.data.confidence,
        satisfactionOutcome: parsed.data.outcome,
      }
    : { satisfactionConfidence: null, satisfactionOutcome: null };
}

const StoredSatisfactionSchema = z.object({
  confidence: z.number().min(0).max(1),
  outcome: z.enum(["observed", "unknown"]),
});

function summarize(row: NonNullable<Awaited<ReturnType<typeof repo.findConversation>>>) {
  return {
    id: row.id,
    externalId: row.externalId,
    source: row.source,
    channel: row.channel,
    status: row.status,
    subject: row.subject,
    preview: row.preview,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
    messageCount: row.messageCount,
    customer: row.customerId ? { id: row.customerId, name: row.customerName } : null,
    agent: row.agentId && row.agentName ? { id: row.agentId, name: row.agentName } : null,
    team: row.teamId && row.teamName ? { id: row.teamId, name: row.teamName } : null,
    analysis:
      row.satisfaction !== null && row.sentimentLabel !== null && row.sentimentScore !== null
        ? {
            satisfaction: row.satisfaction,
            ...satisfactionEvidence(row.analysis),
            sentiment: row.sentimentLabel as "negative" | "neutral" | "positive",
            sentimentScore: row.sentimentScore,
            trajectory: row.trajectory ?? "unknown",
            signals: row.signalNames ?? [],
          }
        : null,
  };
}

export async function listConversations(db: Db, principal: Principal, q: ListConversationsQuery) {
  const filter: repo.ConversationFilter = {
    orgId: principal.orgId,
    channel: q.channel,
    teamId: q.teamId,
    agentId: q.agentId,
    customerId: q.customerId,
    q: q.q,
    sentiment: q.sentiment,
    signal: q.signal,
    reasonId: q.reasonId,
    minSatisfaction: q.minSatisfaction,
    maxSatisfaction: q.maxSatisfaction,
    from: q.from,
    to: q.to,
    onlyAgentIds: await visibilityFilter(db, principal),
  };
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  const { rows, hasMore, first, last } = await repo.listConversationPage(
    db,
    filter,
    q.limit,
    cursor,
  );
  // Going forward there is a previous page whenever we came from a cursor; going back, only if more rows exist.
  const hasNewer = cursor?.direction === "before" ? hasMore : cursor !== undefined;
  const hasOlder = cursor?.direction === "before" ? true : hasMore;
  return {
    items: rows.map(summarize),
    nextCursor: hasOlder && last ? encodeKeysetCursor(last.at, last.id, "after") : null,
    prevCursor: hasNewer && first ? encodeKeysetCursor(first.at, first.id, "before") : null,
  };
}

/** The conversation if the principal may see it (agents: their own), else CONVERSATION_NOT_FOUND. */
async function findVisibleConversation(db: Db, principal: Principal, id: string) {
  const row = await repo.findConversation(db, principal.orgId, id);
  const visible = await visibilityFilter(db, principal);
  if (!row || (visible && (!row.agentId || !visible.includes(row.agentId)))) {
    throw new AppError("CONVERSATION_NOT_FOUND", { message: "No such conversation" });
  }
  return row;
}

/**
 * Changes a conversation's status (an agent resolving it, a leader reopening it) and announces the
 * change, so surveys, QA and cases react as they do to ingest.
 */
export async function updateConversation(
  deps: { db: Db; queue: Queue },
  principal: Principal,
  id: string,
  body: UpdateConversationBody,
) {
  const row = await findVisibleConversation(deps.db, principal, id);
  if (row.status !== body.status) {
    await deps.db.transaction(async (tx) => {
      await repo.updateConversationStatus(tx, principal.orgId, id, body.status);
      await announceConversationsChanged(deps.queue, tx, principal.orgId, [id]);
    });
  }
  return summarize({ ...row, status: body.status });
}

export async function getConversation(db: Db, principal: Principal, id: string) {
  const row = await findVisibleConversation(db, principal, id);
  const [msgs, participants, contactReason] = await Promise.all([
    repo.listMessages(db, principal.orgId, id),
    repo.listParticipants(db, principal.orgId, id),
    repo.findContactReason(db, principal.orgId, id),
  ]);
  return {
    conversation: {
      ...summarize(row),
      metadata: row.metadata,
      contactReason,
      analysisDetail: row.analysis ? toAnalysisDetail(row.analysis, row.engineVersion) : null,
    },
    messages: msgs.map((m) => ({
      id: m.id,
      seq: m.seq,
      role: m.role,
      text: m.text,
      ts: m.ts.toISOString(),
      startOffset: m.startOffset,
      endOffset: m.endOffset,
      agent: m.agentId && m.agentName ? { id: m.agentId, name: m.agentName } : null,
      redactions: m.redactions,
      rawText: m.rawText,
      textRemovedAt: m.textRemovedAt ? new Date(m.textRemovedAt).toISOString() : null,
      analysis:
        m.analysis && m.emotions && m.politeness !== null
          ? toMessageAnalysis(m.analysis, m.politeness, m.emotions)
          : null,
    })),
    participants,
  };
}

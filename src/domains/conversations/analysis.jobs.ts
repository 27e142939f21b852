import { z } from "zod";
import { analyzeConversation, ENGINE_VERSION, type MessageInput } from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import { defineJob } from "../../jobs/worker.ts";
import * as repo from "./analysis.repo.ts";
import { announceConversationsChanged } from "./events.ts";

export const ANALYZE_JOB = "ingest.analyze";
/** Conversations per analysis job: big enough to batch the writes, small enough to retry cheaply. */
export const ANALYZE_BATCH = 100;

/**
 * Analyses whole conversations and stores per-message and per-conversation results stamped with the
 * engine version, in the transaction (or database) it is given. `messages` must hold every message of
 * each conversation in `seq` order: conversation-level results such as trajectory and satisfaction
 * depend on all of them. Idempotent: storing again overwrites.
 */
export async function analyzeAndStore(
  db: Db,
  orgId: string,
  messages: readonly repo.MessageForAnalysis[],
): Promise<void> {
  await storeAnalysisRows(db, orgId, buildAnalysisRows(messages));
}

export interface AnalysisRows {
  messageRows: repo.MessageAnalysisRow[];
  conversationRows: repo.ConversationAnalysisRow[];
}

/** Runs the engine over whole conversations (CPU only, no I/O); see {@link analyzeAndStore}. */
export function buildAnalysisRows(messages: readonly repo.MessageForAnalysis[]): AnalysisRows {
  const byConversation = new Map<string, repo.MessageForAnalysis[]>();
  for (const row of messages) {
    const list = byConversation.get(row.conversation_id);
    if (list) list.push(row);
    else byConversation.set(row.conversation_id, [row]);
  }
  const messageRows: repo.MessageAnalysisRow[] = [];
  const conversationRows: repo.ConversationAnalysisRow[] = [];
  for (const [conversationId, list] of byConversation) {
    const inputs: MessageInput[] = list.map((m) => ({
      role: m.role,
      text: m.text,
      ts: m.ts,
      ...(m.start_offset === null ? {} : { startOffset: m.start_offset }),
      ...(m.end_offset === null ? {} : { endOffset: m.end_offset }),
      ...(m.agent_id ? { author: m.agent_id } : {}),
    }));
    const result = analyzeConversation(inputs);
    result.messages.forEach((analysis, i) => {
      messageRows.push({
        message_id: list[i]!.id,
        conversation_id: conversationId,
        sentiment_score: analysis.sentiment.score,
        sentiment_label: analysis.sentiment.label,
        politeness: analysis.politeness,
        emotions: analysis.emotions,
        result: { sentiment: analysis.sentiment, signals: analysis.signals },
        signal_names: [...new Set(analysis.signals.map((s) => s.name))],
      });
    });
    const { messages: _perMessage, ...conversation } = result;
    conversationRows.push({
      conversation_id: conversationId,
      message_count: list.length,
      satisfaction: result.satisfaction.predicted,
      sentiment_score: result.sentiment.score,
      sentiment_label: result.sentiment.label,
      trajectory: result.trajectory,
      signal_names: [...new Set(result.signals.map((s) => s.name))],
      result: conversation as unknown as Record<string, unknown>,
    });
  }
  return { messageRows, conversationRows };
}

export async function storeAnalysisRows(db: Db, orgId: string, rows: AnalysisRows): Promise<void> {
  await repo.upsertMessageAnalyses(db, orgId, ENGINE_VERSION, rows.messageRows);
  await repo.upsertConversationAnalyses(db, orgId, ENGINE_VERSION, rows.conversationRows);
}

/**
 * Analyses conversations whose messages are already stored: appends to known conversations, a new
 * engine version (`rapport reanalyze`), first start. New conversations are analysed by ingest itself.
 */
export const analyzeConversationsJob = defineJob({
  name: ANALYZE_JOB,
  payload: z.object({ orgId: z.uuid(), conversationIds: z.array(z.uuid()).min(1).max(1000) }),
  async handle({ orgId, conversationIds }, { db, queue }) {
    const rows = await repo.loadMessagesForAnalysis(db, orgId, conversationIds);
    await db.transaction(async (tx) => {
      await analyzeAndStore(tx, orgId, rows);
      await announceConversationsChanged(queue, tx, orgId, conversationIds);
    });
  },
});

import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";

/**
 * Announced whenever conversations are new, changed (messages, status, agent) or re-analysed, after
 * their analysis is stored. Other domains (QA, surveys, cases) react through their own jobs, which
 * `src/jobs/registry.ts` fans this event out to; each must be idempotent, because a conversation is
 * announced again every time it changes.
 */
export const CONVERSATIONS_CHANGED_JOB = "conversations.changed";

export const ConversationsChangedSchema = z.object({
  orgId: z.uuid(),
  conversationIds: z.array(z.uuid()).min(1).max(1000),
});
export type ConversationsChanged = z.infer<typeof ConversationsChangedSchema>;

/** Enqueues the event, in the caller's transaction when `db` is one. No-op for no conversations. */
export async function announceConversationsChanged(
  queue: Queue,
  db: Db,
  orgId: string,
  conversationIds: readonly string[],
): Promise<void> {
  for (let i = 0; i < conversationIds.length; i += 1000) {
    const batch = conversationIds.slice(i, i + 1000);
    await queue.enqueue(
      CONVERSATIONS_CHANGED_JOB,
      { orgId, conversationIds: batch },
      { orgId },
      db,
    );
  }
}

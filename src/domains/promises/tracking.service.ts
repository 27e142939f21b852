import type { Db } from "../../db/client.ts";
import {
  resolveDue,
  settlePromise,
  STILL_WAITING_PATTERN,
  type PromiseEvent,
  type Settlement,
} from "./clock.ts";
import * as repo from "./promises.repo.ts";
import { groupBy } from "../../lib/group-by.ts";

/**
 * Tracking: promises enter from the engine's `promise` signals as conversations are announced, and
 * settle from what happens next. Both steps are idempotent, because conversations are announced
 * again every time they change.
 */

/** How many overdue promises one run of the settling job settles; the next run takes the rest. */
export const SETTLE_BATCH = 5_000;

/** Records the promises found in these conversations and settles what their new events decide. */
export async function trackPromises(
  db: Db,
  orgId: string,
  conversationIds: readonly string[],
  now = new Date(),
): Promise<{ found: number; settled: number }> {
  const signals = await repo.findPromiseSignals(db, orgId, conversationIds);
  const found = await repo.insertPromises(
    db,
    signals.map((s) => {
      const promisedAt = new Date(s.ts);
      const dueAt = s.due ? resolveDue(s.due, promisedAt) : null;
      return {
        orgId,
        conversationId: s.conversation_id,
        messageId: s.message_id,
        customerId: s.customer_id,
        agentId: s.agent_id,
        teamId: s.team_id,
        channel: s.channel,
        reason: s.reason.slice(0, 200),
        quote: s.quote,
        promisedAt,
        dueText: s.due,
        dueAt,
        status: dueAt ? ("pending" as const) : ("open_ended" as const),
      };
    }),
  );
  const pending = await repo.findPendingFor(db, orgId, conversationIds);
  const settled = await settleAll(db, orgId, pending, now);
  return { found, settled };
}

/** Settles every organization's pending promises whose due time has passed. */
export async function settleOverduePromises(db: Db, now = new Date()): Promise<number> {
  const overdue = await repo.findOverdue(db, now, SETTLE_BATCH);
  const byOrg = groupBy(overdue, (p) => p.orgId);
  let settled = 0;
  for (const [orgId, rows] of byOrg) settled += await settleAll(db, orgId, rows, now);
  return settled;
}

/** Loads the events that could settle these promises once, then settles each with the clock. */
async function settleAll(db: Db, orgId: string, rows: repo.PromiseRow[], now: Date) {
  if (rows.length === 0) return 0;
  const since = new Date(Math.min(...rows.map((p) => p.promisedAt.getTime())));
  const events = await repo.findEvents(db, orgId, {
    conversationIds: [...new Set(rows.map((p) => p.conversationId))],
    customerIds: [...new Set(rows.flatMap((p) => (p.customerId ? [p.customerId] : [])))],
    since,
  });
  // Index the events once by customer and by conversation: a batch holds thousands of each.
  const byKey = new Map<string, (repo.EventRow & { at: Date })[]>();
  const push = (key: string, e: repo.EventRow & { at: Date }) => {
    const list = byKey.get(key);
    if (list) list.push(e);
    else byKey.set(key, [e]);
  };
  for (const e of events) {
    push(`v:${e.conversation_id}`, e);
    if (e.customer_id) push(`c:${e.customer_id}`, e);
  }
  const decided: (Settlement & { id: string })[] = [];
  for (const p of rows) {
    const key = p.customerId ? `c:${p.customerId}` : `v:${p.conversationId}`;
    const mine = (byKey.get(key) ?? []).flatMap((e): PromiseEvent[] => {
      const kind = classify(e, p.conversationId);
      return kind ? [{ kind, at: e.at }] : [];
    });
    const s = settlePromise(p, mine, now);
    if (s.status !== "pending") decided.push({ id: p.id, ...s });
  }
  await repo.updateSettlements(db, orgId, decided);
  return decided.length;
}

/**
 * A customer message counts as "still waiting" when it says so, or when it is a repeat contact in
 * another conversation (the customer came back about the same matter); other customer messages
 * settle nothing.
 */
function classify(
  e: repo.EventRow & { at: Date },
  promiseConversationId: string,
): PromiseEvent["kind"] | null {
  if (e.kind !== "customer_message") return e.kind;
  if (e.text && STILL_WAITING_PATTERN.test(e.text)) return "customer_waiting";
  if (e.repeat_contact && e.conversation_id !== promiseConversationId) return "customer_waiting";
  return null;
}

/**
 * Ingest, step 2 of 3 (write): the shared rows (teams, agents, customers), then, in the batch's
 * transaction, which conversations are new and which known, and the rows each item adds.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { MessageForAnalysis } from "./analysis.repo.ts";
import * as repo from "./ingest.repo.ts";
import type { IngestResult } from "./ingest.schemas.ts";
import { convKey, messageKey, type PreparedItem, type PreparedMessage } from "./ingest.prepare.ts";

/** Ids of the batch's teams (by name), agents and customers (by their keys). */
export interface SharedIds {
  teamIds: Map<string, string>;
  agentIds: Map<string, string>;
  customerIds: Map<string, string>;
}

/**
 * Teams, agents and customers, in a short transaction of their own: they are shared by concurrent
 * batches, and holding their row locks through the long message write would make those batches
 * queue behind each other. Should the main write fail, they stay, as they would anyway.
 */
export async function upsertSharedRows(
  db: Db,
  orgId: string,
  prepared: PreparedItem[],
): Promise<SharedIds> {
  return db.transaction(async (tx) => {
    const teamIds = await repo.upsertTeams(tx, orgId, [
      ...new Set(prepared.flatMap((p) => (p.item.team ? [p.item.team] : []))),
    ]);
    const agentRows = new Map<string, repo.AgentUpsert>();
    for (const { item, messages } of prepared) {
      const teamId = item.team ? (teamIds.get(item.team) ?? null) : null;
      if (item.agent) {
        const { externalId, name, email } = item.agent;
        agentRows.set(externalId, { externalId, name: name ?? null, email: email ?? null, teamId });
      }
      for (const m of messages) {
        if (m.agentExternalId && !agentRows.has(m.agentExternalId)) {
          const externalId = m.agentExternalId;
          agentRows.set(externalId, { externalId, name: null, email: null, teamId });
        }
      }
    }
    const agentIds = await repo.upsertAgents(tx, orgId, [...agentRows.values()]);
    const customers = new Map(
      prepared.map(({ item }) => [convKey(item.source, item.customer.externalId), item]),
    );
    const customerIds = await repo.upsertCustomers(
      tx,
      orgId,
      [...customers.values()].map((item) => ({
        source: item.source,
        externalId: item.customer.externalId,
        name: item.customer.name ?? null,
        email: item.customer.email ?? null,
        candidateId: randomUUID(),
      })),
    );
    return { teamIds, agentIds, customerIds };
  });
}

/** The batch's conversations by convKey: the known ones (locked) and the ids of those inserted. */
export interface ResolvedConversations {
  existing: Map<string, repo.ExistingConversation>;
  newIds: Map<string, string>;
}

/** Locks the known conversations and inserts the new ones, complete with their counts. */
export async function insertNewConversations(
  tx: Db,
  orgId: string,
  prepared: PreparedItem[],
  ids: SharedIds,
): Promise<ResolvedConversations> {
  const keyed = (rows: repo.ExistingConversation[]) =>
    rows.map((c) => [convKey(c.source, c.external_id), c] as const);
  const items = prepared.map(({ item }) => item);
  let existing = new Map(keyed(await repo.findConversationsByExternalIds(tx, orgId, items)));
  const toCreate = prepared.filter(
    ({ item }) => !existing.has(convKey(item.source, item.externalId)),
  );
  const newIds = new Map(
    toCreate.map(({ item }) => [convKey(item.source, item.externalId), randomUUID()]),
  );
  const inserted = await repo.insertConversations(
    tx,
    orgId,
    toCreate.map((p) =>
      conversationRow(p, newIds.get(convKey(p.item.source, p.item.externalId))!, ids),
    ),
  );
  // A concurrent request may have created some of them first: those become appends.
  const lost = toCreate.filter(
    ({ item }) => !inserted.has(newIds.get(convKey(item.source, item.externalId))!),
  );
  if (lost.length > 0) {
    const again = await repo.findConversationsByExternalIds(
      tx,
      orgId,
      lost.map(({ item }) => item),
    );
    existing = new Map([...existing, ...keyed(again)]);
  }
  return { existing, newIds };
}

function conversationRow(
  { item, messages }: PreparedItem,
  id: string,
  ids: SharedIds,
): Parameters<typeof repo.insertConversations>[2][number] {
  const first = messages[0]?.ts ?? new Date().toISOString();
  const last = messages[messages.length - 1]?.ts ?? first;
  const status = item.status ?? "open";
  return {
    id,
    source: item.source,
    external_id: item.externalId,
    channel: item.channel,
    status,
    subject: item.subject ?? null,
    customer_id: ids.customerIds.get(convKey(item.source, item.customer.externalId))!,
    agent_id: item.agent ? (ids.agentIds.get(item.agent.externalId) ?? null) : null,
    team_id: item.team ? (ids.teamIds.get(item.team) ?? null) : null,
    started_at: first,
    ended_at: status === "resolved" || status === "closed" ? last : null,
    // Repeats inside one item are stored once (below), so they are counted once.
    message_count: new Set(messages.map((m) => m.key)).size,
    metadata: item.metadata ?? {},
  };
}

/** Message keys and the last seq of each known conversation, to skip messages delivered again. */
export async function findStoredKeys(
  tx: Db,
  orgId: string,
  conversationIds: string[],
): Promise<Map<string, { keys: Set<string>; maxSeq: number }>> {
  const storedKeys = new Map<string, { keys: Set<string>; maxSeq: number }>();
  for (const m of await repo.findMessageKeys(tx, orgId, conversationIds)) {
    const entry = storedKeys.get(m.conversation_id) ?? { keys: new Set<string>(), maxSeq: -1 };
    entry.keys.add(messageKey(m.external_id, m.role, m.ts, m.text));
    entry.maxSeq = Math.max(entry.maxSeq, m.seq);
    storedKeys.set(m.conversation_id, entry);
  }
  return storedKeys;
}

/** Everything the batch writes in its transaction, gathered item by item. */
export interface BatchRows {
  messageRows: repo.MessageInsert[];
  patches: repo.ConversationPatch[];
  participants: Parameters<typeof repo.insertParticipants>[2];
  /** Messages of new conversations: analysed in the transaction that stores them. */
  toAnalyze: MessageForAnalysis[];
  /** Known conversations that changed: their analysis needs the stored messages too, so it is queued. */
  toQueue: string[];
}

export function emptyBatchRows(): BatchRows {
  return { messageRows: [], patches: [], participants: [], toAnalyze: [], toQueue: [] };
}

/** One item's message rows, participants and patch; answers its result. */
export function addItemRows(
  rows: BatchRows,
  { item, messages }: PreparedItem,
  conversationId: string,
  prior: repo.ExistingConversation | undefined,
  known: { keys: Set<string>; maxSeq: number },
  { teamIds, agentIds, customerIds }: SharedIds,
): IngestResult {
  const fresh = messages.filter((m) => {
    if (known.keys.has(m.key)) return false;
    known.keys.add(m.key); // repeated inside one item: keep the first
    return true;
  });
  const itemAgentId = item.agent ? (agentIds.get(item.agent.externalId) ?? null) : null;
  fresh.forEach((m, i) => {
    const row = messageRow(m, conversationId, known.maxSeq + 1 + i, agentIds, itemAgentId);
    rows.messageRows.push(row);
    if (!prior) rows.toAnalyze.push({ ...row, role: m.role });
  });
  const agentsHere = new Set<string>();
  if (item.agent) agentsHere.add(agentIds.get(item.agent.externalId)!);
  for (const m of fresh) if (m.agentExternalId) agentsHere.add(agentIds.get(m.agentExternalId)!);
  if (!prior) {
    const customerId = customerIds.get(convKey(item.source, item.customer.externalId)) ?? null;
    const display_name = item.customer.name ?? null;
    const row = { agent_id: null, customer_id: customerId, display_name };
    rows.participants.push({ conversation_id: conversationId, role: "customer", ...row });
  }
  for (const agentId of agentsHere) {
    const row = { agent_id: agentId, customer_id: null, display_name: null };
    rows.participants.push({ conversation_id: conversationId, role: "agent", ...row });
  }
  const status: IngestResult["status"] = !prior
    ? "created"
    : fresh.length > 0 ||
        fieldsChanged(item, prior, item.agent ? agentIds.get(item.agent.externalId) : undefined)
      ? "updated"
      : "unchanged";
  // A new conversation was inserted complete; a known one is recounted from its stored messages.
  if (prior && status !== "unchanged") {
    rows.toQueue.push(conversationId);
    rows.patches.push({
      id: conversationId,
      status: item.status ?? null,
      subject: item.subject ?? null,
      metadata: item.metadata ?? null,
      agent_id: itemAgentId,
      team_id: item.team ? (teamIds.get(item.team) ?? null) : null,
    });
  }
  return { externalId: item.externalId, status, id: conversationId };
}

function messageRow(
  m: PreparedMessage,
  conversationId: string,
  seq: number,
  agentIds: Map<string, string>,
  itemAgentId: string | null,
): repo.MessageInsert {
  return {
    id: randomUUID(),
    conversation_id: conversationId,
    seq,
    role: m.role,
    agent_id: m.agentExternalId
      ? (agentIds.get(m.agentExternalId) ?? null)
      : m.role === "agent"
        ? itemAgentId
        : null,
    external_id: m.externalId ?? null,
    text: m.text,
    raw_text: m.rawText ?? null,
    ts: m.ts,
    start_offset: m.startOffset ?? null,
    end_offset: m.endOffset ?? null,
    redactions: m.redactions,
    metadata: m.metadata ?? {},
  };
}

function fieldsChanged(
  item: PreparedItem["item"],
  prior: repo.ExistingConversation,
  agentId: string | undefined,
): boolean {
  return (
    (item.status !== undefined && item.status !== prior.status) ||
    (item.subject !== undefined && item.subject !== prior.subject) ||
    (item.metadata !== undefined &&
      canonicalJson(item.metadata) !== canonicalJson(prior.metadata)) ||
    (item.agent !== undefined && agentId !== prior.agent_id)
  );
}

/** JSON with object keys sorted, so that jsonb's own key order does not look like a change. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

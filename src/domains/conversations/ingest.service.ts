import { randomUUID } from "node:crypto";
import { chunks, type Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import {
  ANALYZE_BATCH,
  ANALYZE_JOB,
  buildAnalysisRows,
  storeAnalysisRows,
} from "./analysis.jobs.ts";
import type { MessageForAnalysis } from "./analysis.repo.ts";
import { announceConversationsChanged } from "./events.ts";
import { findOrgSettings } from "../orgs/index.ts";
import * as repo from "./ingest.repo.ts";
import {
  IngestConversationSchema,
  type IngestConversation,
  type IngestMessage,
  type IngestResult,
} from "./ingest.schemas.ts";
import { redactText, RedactionSettingsSchema, type RedactionSettings } from "./redaction.ts";

export interface IngestDeps {
  db: Db;
  queue: Queue;
}

/** Identity of a conversation (or customer) within an org: its source and external id. */
function convKey(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

/** The identity used to recognise a message delivered again, for incoming and stored messages alike. */
function messageKey(
  externalId: string | null | undefined,
  role: string,
  ts: string,
  text: string,
): string {
  return externalId ? `id:${externalId}` : `${role}|${ts}|${text}`;
}

function describeIssue(err: {
  issues: { path: PropertyKey[]; message: string; code: string; keys?: string[] }[];
}): string {
  const issue = err.issues[0];
  if (!issue) return "invalid conversation";
  const path = issue.path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");
  if (issue.code === "unrecognized_keys" && issue.keys)
    return `${path ? `${path}: ` : ""}unknown field ${issue.keys.join(", ")}`;
  return `${path || "item"}: ${issue.message}`;
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

function readExternalId(raw: unknown): string | null {
  if (raw && typeof raw === "object" && "externalId" in raw) {
    const v = (raw as { externalId: unknown }).externalId;
    if (typeof v === "string") return v;
  }
  return null;
}

/** The organization's redaction settings (`organizations.settings.redaction`), defaults filled in. */
export async function getRedactionSettings(db: Db, orgId: string): Promise<RedactionSettings> {
  const settings = await findOrgSettings(db, orgId);
  const parsed = RedactionSettingsSchema.safeParse(settings?.redaction ?? {});
  return parsed.success ? parsed.data : RedactionSettingsSchema.parse({});
}

interface PreparedMessage extends IngestMessage {
  redactions: number;
  /** The identity used to recognise a message delivered again. */
  key: string;
}

function prepareMessages(
  messages: IngestMessage[],
  settings: RedactionSettings,
): PreparedMessage[] {
  const prepared = messages.map((m, i) => {
    // Redaction happens before anything is stored, analysed or logged.
    const text = redactText(m.text, settings);
    const raw = m.rawText === undefined ? undefined : redactText(m.rawText, settings);
    const tsIso = new Date(m.ts).toISOString();
    return {
      ...m,
      ts: tsIso,
      text: text.text,
      ...(raw ? { rawText: raw.text } : {}),
      // The original contains the analysed text, so its count covers both.
      redactions: raw ? Math.max(raw.total, text.total) : text.total,
      key: messageKey(m.externalId, m.role, tsIso, text.text),
      order: i,
    };
  });
  // Stable sort by timestamp: ingest stores messages in time order whatever order they came in.
  prepared.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.order - b.order));
  return prepared.map(({ order: _order, ...m }) => m);
}

/**
 * Stores a batch of conversations. Each item is validated on its own: a bad item is rejected with its
 * reason while the others are stored. Idempotent on (org, source, externalId): a re-sent item changes
 * nothing, and new messages of a known conversation are appended in timestamp order. Every accepted
 * item is committed, with its analysis job, in one transaction before this resolves.
 */
export async function ingestConversations(
  deps: IngestDeps,
  orgId: string,
  items: unknown[],
): Promise<IngestResult[]> {
  const results: IngestResult[] = new Array(items.length);
  const valid: { index: number; item: IngestConversation }[] = [];
  const seen = new Map<string, number>();
  items.forEach((raw, index) => {
    const parsed = IngestConversationSchema.safeParse(raw);
    if (!parsed.success) {
      results[index] = {
        externalId: readExternalId(raw),
        status: "rejected",
        error: { code: "VALIDATION_FAILED", message: describeIssue(parsed.error) },
      };
      return;
    }
    const key = convKey(parsed.data.source, parsed.data.externalId);
    const first = seen.get(key);
    if (first !== undefined) {
      results[index] = {
        externalId: parsed.data.externalId,
        status: "rejected",
        error: {
          code: "DUPLICATE_IN_BATCH",
          message: `externalId: same source and externalId as item ${first}; send them as one conversation`,
        },
      };
      return;
    }
    seen.set(key, index);
    valid.push({ index, item: parsed.data });
  });
  if (valid.length === 0) return results;

  const settings = await getRedactionSettings(deps.db, orgId);
  const prepared = valid.map((v) => ({
    ...v,
    messages: prepareMessages(v.item.messages, settings),
  }));

  // Teams, agents and customers first, in a short transaction of their own: they are shared by
  // concurrent batches, and holding their row locks through the long message write would make those
  // batches queue behind each other. Should the main write fail, they stay, as they would anyway.
  const { teamIds, agentIds, customerIds } = await deps.db.transaction(async (tx) => {
    const teamIds = await repo.upsertTeams(tx, orgId, [
      ...new Set(prepared.flatMap((p) => (p.item.team ? [p.item.team] : []))),
    ]);
    const agentRows = new Map<string, repo.AgentUpsert>();
    for (const { item, messages } of prepared) {
      const teamId = item.team ? (teamIds.get(item.team) ?? null) : null;
      if (item.agent) {
        agentRows.set(item.agent.externalId, {
          externalId: item.agent.externalId,
          name: item.agent.name ?? null,
          email: item.agent.email ?? null,
          teamId,
        });
      }
      for (const m of messages) {
        if (m.agentExternalId && !agentRows.has(m.agentExternalId)) {
          agentRows.set(m.agentExternalId, {
            externalId: m.agentExternalId,
            name: null,
            email: null,
            teamId,
          });
        }
      }
    }
    const agentIds = await repo.upsertAgents(tx, orgId, [...agentRows.values()]);
    const customerIds = await repo.upsertCustomers(
      tx,
      orgId,
      [
        ...new Map(
          prepared.map(({ item }) => [convKey(item.source, item.customer.externalId), item]),
        ).values(),
      ].map((item) => ({
        source: item.source,
        externalId: item.customer.externalId,
        name: item.customer.name ?? null,
        email: item.customer.email ?? null,
        candidateId: randomUUID(),
      })),
    );
    return { teamIds, agentIds, customerIds };
  });

  let queued = 0;
  await deps.db.transaction(async (tx) => {
    let existing = new Map(
      (
        await repo.findConversationsByExternalIds(
          tx,
          orgId,
          prepared.map(({ item }) => item),
        )
      ).map((c) => [convKey(c.source, c.external_id), c]),
    );
    const toCreate = prepared.filter(
      ({ item }) => !existing.has(convKey(item.source, item.externalId)),
    );
    const newIds = new Map(
      toCreate.map(({ item }) => [convKey(item.source, item.externalId), randomUUID()]),
    );
    const inserted = await repo.insertConversations(
      tx,
      orgId,
      toCreate.map(({ item, messages }) => {
        const first = messages[0]?.ts ?? new Date().toISOString();
        const last = messages[messages.length - 1]?.ts ?? first;
        const status = item.status ?? "open";
        return {
          id: newIds.get(convKey(item.source, item.externalId))!,
          source: item.source,
          external_id: item.externalId,
          channel: item.channel,
          status,
          subject: item.subject ?? null,
          customer_id: customerIds.get(convKey(item.source, item.customer.externalId))!,
          agent_id: item.agent ? (agentIds.get(item.agent.externalId) ?? null) : null,
          team_id: item.team ? (teamIds.get(item.team) ?? null) : null,
          started_at: first,
          ended_at: status === "resolved" || status === "closed" ? last : null,
          // Repeats inside one item are stored once (below), so they are counted once.
          message_count: new Set(messages.map((m) => m.key)).size,
          metadata: item.metadata ?? {},
        };
      }),
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
      existing = new Map([
        ...existing,
        ...again.map((c) => [convKey(c.source, c.external_id), c] as const),
      ]);
    }

    const existingIds = prepared.flatMap(({ item }) => {
      const c = existing.get(convKey(item.source, item.externalId));
      return c ? [c.id] : [];
    });
    const stored = await repo.findMessageKeys(tx, orgId, existingIds);
    const storedKeys = new Map<string, { keys: Set<string>; maxSeq: number }>();
    for (const m of stored) {
      const entry = storedKeys.get(m.conversation_id) ?? { keys: new Set<string>(), maxSeq: -1 };
      entry.keys.add(messageKey(m.external_id, m.role, m.ts, m.text));
      entry.maxSeq = Math.max(entry.maxSeq, m.seq);
      storedKeys.set(m.conversation_id, entry);
    }

    const messageRows: repo.MessageInsert[] = [];
    const patches: repo.ConversationPatch[] = [];
    const participants: Parameters<typeof repo.insertParticipants>[2] = [];
    // New conversations are analysed here, in the transaction that stores them: their messages are
    // all in hand. Appends to known conversations need the stored messages too, so they go to the queue.
    const toAnalyze: MessageForAnalysis[] = [];
    const toQueue: string[] = [];
    for (const { index, item, messages } of prepared) {
      const key = convKey(item.source, item.externalId);
      const prior = existing.get(key);
      const conversationId = prior?.id ?? newIds.get(key)!;
      const known = storedKeys.get(conversationId) ?? { keys: new Set<string>(), maxSeq: -1 };
      let seq = known.maxSeq;
      const fresh = messages.filter((m) => {
        if (known.keys.has(m.key)) return false;
        known.keys.add(m.key); // repeated inside one item: keep the first
        return true;
      });
      for (const m of fresh) {
        seq += 1;
        const row: repo.MessageInsert = {
          id: randomUUID(),
          conversation_id: conversationId,
          seq,
          role: m.role,
          agent_id: m.agentExternalId
            ? (agentIds.get(m.agentExternalId) ?? null)
            : m.role === "agent" && item.agent
              ? (agentIds.get(item.agent.externalId) ?? null)
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
        messageRows.push(row);
        if (!prior) toAnalyze.push({ ...row, role: m.role });
      }
      const customerId = customerIds.get(convKey(item.source, item.customer.externalId)) ?? null;
      const agentIdsHere = new Set<string>();
      if (item.agent) agentIdsHere.add(agentIds.get(item.agent.externalId)!);
      for (const m of fresh)
        if (m.agentExternalId) agentIdsHere.add(agentIds.get(m.agentExternalId)!);
      if (!prior)
        participants.push({
          conversation_id: conversationId,
          role: "customer",
          agent_id: null,
          customer_id: customerId,
          display_name: item.customer.name ?? null,
        });
      for (const agentId of agentIdsHere) {
        participants.push({
          conversation_id: conversationId,
          role: "agent",
          agent_id: agentId,
          customer_id: null,
          display_name: null,
        });
      }

      const changedFields =
        prior !== undefined &&
        ((item.status !== undefined && item.status !== prior.status) ||
          (item.subject !== undefined && item.subject !== prior.subject) ||
          (item.metadata !== undefined &&
            canonicalJson(item.metadata) !== canonicalJson(prior.metadata)) ||
          (item.agent !== undefined && agentIds.get(item.agent.externalId) !== prior.agent_id));
      const status: IngestResult["status"] = !prior
        ? "created"
        : fresh.length > 0 || changedFields
          ? "updated"
          : "unchanged";
      results[index] = { externalId: item.externalId, status, id: conversationId };
      // A new conversation was inserted complete; a known one is recounted from its stored messages.
      if (prior && status !== "unchanged") {
        toQueue.push(conversationId);
        patches.push({
          id: conversationId,
          status: item.status ?? null,
          subject: item.subject ?? null,
          metadata: item.metadata ?? null,
          agent_id: item.agent ? (agentIds.get(item.agent.externalId) ?? null) : null,
          team_id: item.team ? (teamIds.get(item.team) ?? null) : null,
        });
      }
    }
    // The engine runs while the database writes the messages (on PostgreSQL, another process).
    const inserting = repo.insertMessages(tx, orgId, messageRows);
    const analysis = buildAnalysisRows(toAnalyze);
    await inserting;
    await repo.refreshConversations(tx, orgId, patches);
    await repo.insertParticipants(tx, orgId, participants);
    await storeAnalysisRows(tx, orgId, analysis);
    // New conversations are analysed above; changed ones are announced by the analysis job.
    await announceConversationsChanged(
      deps.queue,
      tx,
      orgId,
      analysis.conversationRows.map((r) => r.conversation_id),
    );
    queued = toQueue.length;
    for (const conversationIds of chunks(toQueue, ANALYZE_BATCH)) {
      await deps.queue.enqueue(ANALYZE_JOB, { orgId, conversationIds }, { orgId }, tx);
    }
  });
  // Enqueued inside the transaction; wake local workers now that the jobs are visible.
  if (queued > 0) deps.queue.wakeups.emit("job", ANALYZE_JOB);
  return results;
}

export { findConversationByMessageExternalId } from "./ingest.repo.ts";

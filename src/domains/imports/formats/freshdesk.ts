/**
 * Freshdesk tickets as its API v2 gives them: the list endpoint's JSON array (or
 * `{"tickets": [...]}`), a search response (`{"results": [...], "total": n}`), one ticket (the bare,
 * usually pretty-printed object, e.g. viewed with `include=conversations,requester`), or NDJSON.
 * The ticket's description is its first message — the customer's, or on an outbound e-mail
 * (`source` 10) the agent's; `conversations[]` are the replies and notes.
 */
import type { IngestConversation, IngestMessage } from "../../conversations/ingest.schemas.ts";
import type { Channel, ConversationStatus } from "../../../db/schema/index.ts";
import { messageText } from "../content.ts";
import { arrayAt, readDocumentItems, type DocumentShapes } from "../documents.ts";
import { parseTimestamp } from "../time.ts";
import {
  asObject,
  idString,
  nameAndEmail,
  optionalString,
  reject,
  sortByTime,
  type ImportRecord,
  type ReaderContext,
  type RecordRef,
} from "../records.ts";

/** Freshdesk `source` codes (API v2 reference) mapped to Rapport channels; the rest are "other". */
const CHANNEL_BY_SOURCE: Record<number, Channel> = {
  1: "email",
  2: "other", // portal
  3: "phone",
  5: "social", // Twitter
  6: "social", // Facebook
  7: "chat",
  9: "other", // feedback widget
  10: "email", // outbound email
  13: "chat", // Freshchat / e-commerce messaging
  15: "chat", // web chat
};

/** `source` of a ticket an agent started by e-mailing the customer. */
const OUTBOUND_EMAIL = 10;

/** `include=conversations` embeds at most this many; more need the conversations endpoint. */
export const EMBEDDED_CONVERSATIONS_LIMIT = 10;

/** Freshdesk status codes: 2 Open, 3 Pending, 4 Resolved, 5 Closed. */
const STATUS: Record<number, ConversationStatus> = {
  2: "open",
  3: "pending",
  4: "resolved",
  5: "closed",
};

function isTicket(value: unknown): boolean {
  const o = asObject(value);
  return o !== undefined && idString(o.id) !== undefined && "requester_id" in o;
}

export const FRESHDESK_SHAPES: DocumentShapes = {
  tool: "Freshdesk",
  streamKeys: ["tickets", "results"],
  itemsOf(doc) {
    const list = arrayAt(doc, "tickets", "results");
    if (list) return list;
    const o = asObject(doc);
    if (o && isTicket(o.ticket)) return [o.ticket];
    return isTicket(doc) ? [doc] : undefined;
  },
  accepted:
    'a JSON array of tickets (the list endpoint), {"tickets": [...]}, a search response ' +
    '{"results": [...]}, one ticket object (e.g. with include=conversations,requester), or NDJSON ' +
    "with one ticket per line",
};

export async function* readFreshdesk(ctx: ReaderContext): AsyncGenerator<ImportRecord> {
  let truncated = 0;
  yield* readDocumentItems(ctx, FRESHDESK_SHAPES, (value, ref) => {
    const embedded = asObject(value)?.conversations;
    if (Array.isArray(embedded) && embedded.length >= EMBEDDED_CONVERSATIONS_LIMIT) truncated++;
    return toRecord(ctx.source, value, ref);
  });
  if (truncated > 0) {
    ctx.warn?.(
      `${truncated} ticket(s) carry ${EMBEDDED_CONVERSATIONS_LIMIT} embedded conversations, the most ` +
        "include=conversations returns: later replies may be missing (the direct API import " +
        "`rapport import freshdesk --domain …` fetches them all)",
    );
  }
}

export function toRecord(source: string, value: unknown, ref: RecordRef): ImportRecord {
  const t = asObject(value);
  if (!t) return reject(ref, "ticket is not a JSON object");
  const id = idString(t.id);
  if (id === undefined) return reject(ref, "ticket has no id");
  const requesterId = idString(t.requester_id);
  if (requesterId === undefined) return reject(ref, "ticket has no requester_id", id);
  const createdAt = parseTimestamp(t.created_at);
  if (createdAt === undefined) return reject(ref, "created_at is not a timestamp", id);
  const responderId = idString(t.responder_id);

  const messages: IngestMessage[] = [];
  // An outbound e-mail's description is the agent's first mail to the customer.
  const outbound = t.source === OUTBOUND_EMAIL;
  const description = messageText(t.description_text, t.description);
  if (description !== undefined) {
    const first: IngestMessage = {
      role: outbound ? "agent" : "customer",
      ...description,
      ts: createdAt,
      externalId: `${id}:description`,
    };
    if (outbound && responderId !== undefined) first.agentExternalId = responderId;
    messages.push(first);
  }
  const conversations = Array.isArray(t.conversations) ? t.conversations : [];
  for (const [i, raw] of conversations.entries()) {
    const message = conversationMessage(raw, requesterId);
    if (typeof message === "string") return reject(ref, `conversations[${i}]: ${message}`, id);
    if (message) messages.push(message);
  }
  if (messages.length === 0)
    return reject(ref, "ticket has neither description_text nor conversations", id);

  const item: IngestConversation = {
    externalId: id,
    source,
    channel: (typeof t.source === "number" && CHANNEL_BY_SOURCE[t.source]) || "other",
    customer: { externalId: requesterId, ...nameAndEmail(asObject(t.requester)) },
    messages: sortByTime(messages),
  };
  const status = typeof t.status === "number" ? STATUS[t.status] : undefined;
  if (status) item.status = status;
  const subject = optionalString(t.subject);
  if (subject !== undefined) item.subject = subject.slice(0, 1000);
  if (responderId !== undefined) item.agent = { externalId: responderId };
  // Keys in jsonb's stored order (shorter first): ingest compares metadata as JSON text, so another
  // order would count every re-import as an update.
  const metadata: Record<string, unknown> = {};
  if (Array.isArray(t.tags)) metadata.tags = t.tags.filter((x) => typeof x === "string");
  if (typeof t.priority === "number") metadata.priority = t.priority;
  if (typeof t.source === "number") metadata.freshdeskSource = t.source;
  if (Object.keys(metadata).length > 0) item.metadata = metadata;
  return { kind: "conversation", ref, item };
}

/**
 * One reply or note: private notes are internal; a message the customer sent (`incoming`, or
 * written by the requester) is the customer's; the rest are agents'. Undefined when it has no
 * text, a reason when it cannot be read.
 */
export function conversationMessage(
  raw: unknown,
  requesterId: string,
): IngestMessage | string | undefined {
  const c = asObject(raw);
  const ts = parseTimestamp(c?.created_at);
  if (!c || ts === undefined) return "created_at is not a timestamp";
  const content = messageText(c.body_text, c.body);
  if (content === undefined) return undefined;
  const userId = idString(c.user_id);
  let role: IngestMessage["role"];
  if (c.private === true) role = "internal";
  else if (c.incoming === true || (userId !== undefined && userId === requesterId))
    role = "customer";
  else role = "agent";
  const message: IngestMessage = { role, ...content, ts };
  const messageId = idString(c.id);
  if (messageId !== undefined) message.externalId = messageId;
  if (role !== "customer" && userId !== undefined) message.agentExternalId = userId;
  return message;
}

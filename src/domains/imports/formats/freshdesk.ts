/**
 * Freshdesk ticket export, API v2 JSON: an array of tickets (or `{"tickets": [...]}`), each viewed
 * with `include=conversations,requester`, or NDJSON with one ticket per line. The ticket's
 * `description_text` is the customer's first message; `conversations[]` are the replies and notes.
 */
import type { IngestConversation, IngestMessage } from "../../conversations/ingest.schemas.ts";
import type { Channel, ConversationStatus } from "../../../db/schema/index.ts";
import { parseTimestamp } from "../time.ts";
import {
  asObject,
  idString,
  nameAndEmail,
  optionalString,
  readJsonItems,
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
};

/** Freshdesk status codes: 2 Open, 3 Pending, 4 Resolved, 5 Closed. */
const STATUS: Record<number, ConversationStatus> = {
  2: "open",
  3: "pending",
  4: "resolved",
  5: "closed",
};

export async function* readFreshdesk(ctx: ReaderContext): AsyncGenerator<ImportRecord> {
  yield* readJsonItems(ctx, ["tickets"], (value, ref) => toRecord(ctx.source, value, ref));
}

function toRecord(source: string, value: unknown, ref: RecordRef): ImportRecord {
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
  const description = typeof t.description_text === "string" ? t.description_text : "";
  if (description.trim() !== "") {
    messages.push({
      role: "customer",
      text: description,
      ts: createdAt,
      externalId: `${id}:description`,
    });
  }
  const conversations = Array.isArray(t.conversations) ? t.conversations : [];
  for (const [i, raw] of conversations.entries()) {
    const c = asObject(raw);
    const ts = parseTimestamp(c?.created_at);
    if (!c || ts === undefined)
      return reject(ref, `conversations[${i}]: created_at is not a timestamp`, id);
    const text = typeof c.body_text === "string" ? c.body_text : "";
    if (text.trim() === "") continue;
    const userId = idString(c.user_id);
    let role: IngestMessage["role"];
    if (c.private === true) role = "internal";
    else if (c.incoming === true || (userId !== undefined && userId === requesterId))
      role = "customer";
    else role = "agent";
    const message: IngestMessage = { role, text, ts };
    const messageId = idString(c.id);
    if (messageId !== undefined) message.externalId = messageId;
    if (role !== "customer" && userId !== undefined) message.agentExternalId = userId;
    messages.push(message);
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

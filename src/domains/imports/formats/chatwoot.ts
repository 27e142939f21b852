/**
 * Chatwoot conversations as its API returns them: the list response
 * (`{"data": {"meta": …, "payload": [...]}}`), `{"payload": [...]}` or `{"conversations": [...]}`,
 * one conversation (bare object), the messages endpoint's `{"meta": {"contact": …}, "payload":
 * [messages]}` (one conversation), a JSON array, or NDJSON with one conversation per line.
 * `message_type`: 0 incoming, 1 outgoing, 2 activity (skipped), 3 template. `created_at` is unix
 * seconds.
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

/** Chatwoot inbox `channel_type` values mapped to Rapport channels; the rest are "other". */
const CHANNEL_BY_INBOX: Record<string, Channel> = {
  "Channel::WebWidget": "chat",
  "Channel::Email": "email",
  "Channel::Whatsapp": "chat",
  "Channel::Telegram": "chat",
  "Channel::Line": "chat",
  "Channel::FacebookPage": "social",
  "Channel::Instagram": "social",
  "Channel::TwitterProfile": "social",
  "Channel::Sms": "sms",
  "Channel::TwilioSms": "sms",
  "Channel::Voice": "phone",
  "Channel::TwilioWhatsapp": "chat",
  "Channel::Api": "other",
};

const STATUS: Record<string, ConversationStatus> = {
  open: "open",
  pending: "pending",
  snoozed: "pending",
  resolved: "resolved",
};

const MESSAGE_TYPE = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;

const isConversation = (v: unknown) => {
  const o = asObject(v);
  return o !== undefined && idString(o.id) !== undefined && Array.isArray(o.messages);
};
const isMessage = (v: unknown) => asObject(v)?.message_type !== undefined;

export const CHATWOOT_SHAPES: DocumentShapes = {
  tool: "Chatwoot",
  streamKeys: ["conversations"],
  itemsOf(doc) {
    const o = asObject(doc);
    const list = arrayAt(doc, "conversations", "payload") ?? arrayAt(o?.data, "payload");
    if (list) return list.length > 0 && list.every(isMessage) ? [fromMessages(o, list)] : list;
    return isConversation(doc) ? [doc] : undefined;
  },
  accepted:
    'the conversations list response {"data": {"payload": [...]}}, {"payload": [...]} or ' +
    '{"conversations": [...]}, one conversation with messages[], the messages response ' +
    '{"meta": {...}, "payload": [messages]}, a JSON array of conversations, or NDJSON',
};

/** The messages endpoint's response as one conversation: its contact and assignee are in `meta`. */
function fromMessages(doc: Record<string, unknown> | undefined, messages: unknown[]): unknown {
  const meta = asObject(doc?.meta);
  return {
    id: asObject(messages[0])?.conversation_id,
    messages,
    meta: { sender: meta?.contact, assignee: meta?.assignee },
  };
}

export async function* readChatwoot(ctx: ReaderContext): AsyncGenerator<ImportRecord> {
  yield* readDocumentItems(ctx, CHATWOOT_SHAPES, (value, ref) => toRecord(ctx.source, value, ref));
}

export function toRecord(source: string, value: unknown, ref: RecordRef): ImportRecord {
  const c = asObject(value);
  if (!c) return reject(ref, "conversation is not a JSON object");
  const id = idString(c.id);
  if (id === undefined) return reject(ref, "conversation has no id");
  if (!Array.isArray(c.messages)) return reject(ref, "conversation has no messages[]", id);
  const meta = asObject(c.meta);
  let contact = asObject(meta?.sender) ?? asObject(c.contact);
  const assignee = asObject(meta?.assignee);

  const messages: IngestMessage[] = [];
  for (const [i, raw] of c.messages.entries()) {
    const m = asObject(raw);
    if (!m) return reject(ref, `messages[${i}] is not a JSON object`, id);
    const type = m.message_type;
    if (type === MESSAGE_TYPE.activity) continue; // "Conversation was resolved by …": not a message
    const ts = parseTimestamp(m.created_at);
    if (ts === undefined) return reject(ref, `messages[${i}]: created_at is not unix seconds`, id);
    if (
      type !== MESSAGE_TYPE.incoming &&
      type !== MESSAGE_TYPE.outgoing &&
      type !== MESSAGE_TYPE.template
    ) {
      return reject(ref, `messages[${i}]: unknown message_type`, id);
    }
    const content = messageText(m.content, undefined);
    if (content === undefined) continue;
    const sender = asObject(m.sender);
    const senderType = (
      optionalString(sender?.type) ??
      optionalString(m.sender_type) ??
      ""
    ).toLowerCase();
    const senderId = idString(sender?.id) ?? idString(m.sender_id);
    let role: IngestMessage["role"];
    if (m.private === true) role = "internal";
    else if (type === MESSAGE_TYPE.incoming || senderType === "contact") role = "customer";
    else if (type === MESSAGE_TYPE.template || senderType !== "user") role = "bot";
    else role = "agent";
    if (role === "customer" && contact === undefined && sender !== undefined) contact = sender;
    const message: IngestMessage = { role, ...content, ts };
    const messageId = idString(m.id);
    if (messageId !== undefined) message.externalId = messageId;
    if (
      (role === "agent" || role === "internal") &&
      senderType === "user" &&
      senderId !== undefined
    ) {
      message.agentExternalId = senderId;
    }
    messages.push(message);
  }
  if (messages.length === 0) return reject(ref, "conversation has no message with text", id);
  const contactId = idString(contact?.id);
  if (contactId === undefined) return reject(ref, "conversation has no contact (meta.sender)", id);

  const inbox = asObject(c.inbox);
  // The list response says `meta.channel`, webhooks and the single view a top-level `channel`.
  const channelType =
    optionalString(inbox?.channel_type) ??
    optionalString(meta?.channel) ??
    optionalString(c.channel);
  const item: IngestConversation = {
    externalId: id,
    source,
    channel: (channelType && CHANNEL_BY_INBOX[channelType]) || "other",
    customer: { externalId: contactId, ...nameAndEmail(contact) },
    messages: sortByTime(messages),
  };
  const status = STATUS[optionalString(c.status) ?? ""];
  if (status) item.status = status;
  const assigneeId = idString(assignee?.id);
  if (assigneeId !== undefined) {
    item.agent = { externalId: assigneeId };
    const agentName = optionalString(assignee?.name);
    if (agentName !== undefined) item.agent.name = agentName.slice(0, 200);
  }
  const metadata: Record<string, unknown> = {};
  if (channelType !== undefined) metadata.inbox = channelType;
  if (Array.isArray(c.labels)) metadata.labels = c.labels.filter((x) => typeof x === "string");
  if (Object.keys(metadata).length > 0) item.metadata = metadata;
  return { kind: "conversation", ref, item };
}

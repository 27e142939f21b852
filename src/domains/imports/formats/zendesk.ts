/**
 * Zendesk tickets as its API and exports give them: a list or incremental export
 * (`{"tickets": [...], "users": [...]}`, users sideloaded with `include=users`), a search response
 * (`{"results": [...]}`), one ticket (`{"ticket": {…}}` or the bare object), a JSON array, or NDJSON.
 * A ticket's `comments[]` (Ticket Comments API fields, added by the direct API import) are its
 * messages; a ticket without them is read from its `description`. Field names follow Zendesk's API
 * reference.
 */
import type { IngestConversation, IngestMessage } from "../../conversations/ingest.schemas.ts";
import type { Channel, ConversationStatus } from "../../../db/schema/index.ts";
import { messageText } from "../content.ts";
import { arrayAt, readDocumentItems, type DocumentShapes } from "../documents.ts";
import { streamJsonArrays } from "../json-stream.ts";
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

export interface ZendeskUser {
  role?: string;
  name?: string;
  email?: string;
}

/** `via.channel` values (Zendesk "Via types") mapped to Rapport channels; the rest are "other". */
const CHANNEL_BY_VIA: Record<string, Channel> = {
  email: "email",
  voice: "phone",
  phone: "phone",
  chat: "chat",
  chat_transcript: "chat",
  native_messaging: "chat",
  messaging: "chat",
  mobile_sdk: "chat",
  web_widget: "chat",
  whatsapp: "chat",
  line: "chat",
  wechat: "chat",
  telegram: "chat",
  // A web-form or help-centre ticket is answered by mail: written and asynchronous, like e-mail.
  web: "email",
  help_center: "email",
  sms: "sms",
  twitter: "social",
  twitter_dm: "social",
  facebook: "social",
  facebook_post: "social",
  facebook_messenger: "social",
  instagram_dm: "social",
  any_channel: "other",
};

const STATUS: Record<string, ConversationStatus> = {
  new: "open",
  open: "open",
  pending: "pending",
  hold: "pending",
  solved: "resolved",
  closed: "closed",
};

/** A ticket as Zendesk writes one: an id and a requester. */
function isTicket(value: unknown): boolean {
  const o = asObject(value);
  return o !== undefined && idString(o.id) !== undefined && "requester_id" in o;
}

export const ZENDESK_SHAPES: DocumentShapes = {
  tool: "Zendesk",
  streamKeys: ["tickets", "results"],
  itemsOf(doc) {
    const list = arrayAt(doc, "tickets", "results");
    if (list) return list;
    const o = asObject(doc);
    if (o && isTicket(o.ticket)) return [o.ticket];
    return isTicket(doc) ? [doc] : undefined;
  },
  accepted:
    'a ticket list or incremental export {"tickets": [...]} (with "users" sideloaded or not), a search ' +
    'response {"results": [...]}, one ticket {"ticket": {...}} or the bare ticket object, a JSON array ' +
    "of tickets, or NDJSON with one ticket per line",
};

/** Reads Zendesk tickets in any shape of ZENDESK_SHAPES. */
export async function* readZendesk(ctx: ReaderContext): AsyncGenerator<ImportRecord> {
  // Only a JSON document sideloads users; NDJSON tickets are read with none.
  const users = new Map<string, ZendeskUser>();
  yield* readDocumentItems(
    ctx,
    ZENDESK_SHAPES,
    (value, ref) => toRecord(ctx.source, value, users, ref),
    () => indexUsers(ctx, users),
  );
}

/** Users may come after the tickets in the file: one indexing pass collects them first. */
export async function indexUsers(
  ctx: ReaderContext,
  users: Map<string, ZendeskUser>,
): Promise<void> {
  for await (const el of streamJsonArrays(ctx.open(false), ["users"])) {
    if (el.key === "users") indexUsersFrom([el.value], users);
  }
}

/** Adds sideloaded users (id → role, name, email) to the index. */
export function indexUsersFrom(list: unknown[], users: Map<string, ZendeskUser>): void {
  for (const value of list) {
    const u = asObject(value);
    const id = idString(u?.id);
    if (u && id !== undefined) {
      users.set(id, {
        role: optionalString(u.role),
        name: optionalString(u.name),
        email: optionalString(u.email),
      });
    }
  }
}

export function toRecord(
  source: string,
  value: unknown,
  users: Map<string, ZendeskUser>,
  ref: RecordRef,
): ImportRecord {
  const t = asObject(value);
  if (!t) return reject(ref, "ticket is not a JSON object");
  const id = idString(t.id);
  if (id === undefined) return reject(ref, "ticket has no id");
  const requesterId = idString(t.requester_id);
  if (requesterId === undefined) return reject(ref, "ticket has no requester_id", id);
  const assigneeId = idString(t.assignee_id);
  const messages =
    Array.isArray(t.comments) && t.comments.length > 0
      ? commentMessages(t.comments, requesterId, users)
      : descriptionMessage(t, id);
  if (typeof messages === "string") return reject(ref, messages, id);
  if (messages.length === 0) return reject(ref, "ticket has no comment with text", id);

  const via = asObject(t.via);
  const viaChannel = optionalString(via?.channel);
  const requester = users.get(requesterId);
  const item: IngestConversation = {
    externalId: id,
    source,
    channel: (viaChannel && CHANNEL_BY_VIA[viaChannel]) || "other",
    customer: { externalId: requesterId, ...nameAndEmail(requester) },
    messages: sortByTime(messages),
  };
  const status = STATUS[optionalString(t.status) ?? ""];
  if (status) item.status = status;
  const subject = optionalString(t.subject);
  if (subject !== undefined) item.subject = subject.slice(0, 1000);
  if (assigneeId !== undefined)
    item.agent = { externalId: assigneeId, ...nameAndEmail(users.get(assigneeId)) };
  const metadata: Record<string, unknown> = {};
  if (viaChannel !== undefined) metadata.via = viaChannel;
  if (Array.isArray(t.tags)) metadata.tags = t.tags.filter((x) => typeof x === "string");
  const priority = optionalString(t.priority);
  if (priority !== undefined) metadata.priority = priority;
  if (Object.keys(metadata).length > 0) item.metadata = metadata;
  return { kind: "conversation", ref, item };
}

/** The messages of a ticket's comments, or why they cannot be read. */
function commentMessages(
  comments: unknown[],
  requesterId: string,
  users: Map<string, ZendeskUser>,
): IngestMessage[] | string {
  const messages: IngestMessage[] = [];
  for (const [i, raw] of comments.entries()) {
    const c = asObject(raw);
    const ts = parseTimestamp(c?.created_at);
    if (!c || ts === undefined) return `comments[${i}]: created_at is not a timestamp`;
    // `plain_body` is empty on some comments (mail-created ones) while `body` holds the text.
    const plain = optionalString(c.plain_body) ?? c.body;
    const content = messageText(plain, c.html_body);
    if (content === undefined) continue; // attachment-only comments carry nothing to analyse
    const authorId = idString(c.author_id);
    const role = commentRole(c.public, authorId, requesterId, users);
    const message: IngestMessage = { role, ...content, ts };
    const commentId = idString(c.id);
    if (commentId !== undefined) message.externalId = commentId;
    if ((role === "agent" || role === "internal") && authorId !== undefined)
      message.agentExternalId = authorId;
    messages.push(message);
  }
  return messages;
}

/**
 * A ticket listed without its comments (the tickets endpoint): its `description` is the first
 * comment's text, written by the submitter when the ticket was created — the requester, or an agent
 * opening a ticket on a customer's behalf (an outbound ticket).
 */
function descriptionMessage(t: Record<string, unknown>, id: string): IngestMessage[] | string {
  const ts = parseTimestamp(t.created_at);
  if (ts === undefined) return "created_at is not a timestamp";
  const content = messageText(t.description, undefined);
  if (content === undefined) return "ticket has neither comments[] nor a description";
  const submitterId = idString(t.submitter_id);
  const byAgent = submitterId !== undefined && submitterId !== idString(t.requester_id);
  const message: IngestMessage = { role: byAgent ? "agent" : "customer", ...content, ts };
  message.externalId = `${id}:description`;
  if (byAgent) message.agentExternalId = submitterId;
  return [message];
}

/** Private comments are internal notes; otherwise the author's Zendesk role decides. */
function commentRole(
  isPublic: unknown,
  authorId: string | undefined,
  requesterId: string,
  users: Map<string, ZendeskUser>,
): IngestMessage["role"] {
  if (isPublic === false) return "internal";
  const role = authorId === undefined ? undefined : users.get(authorId)?.role;
  if (role === "end-user") return "customer";
  if (role === "agent" || role === "admin") return "agent";
  // No sideloaded user (NDJSON): the requester is the customer, anyone else answering is staff.
  return authorId === requesterId ? "customer" : "agent";
}

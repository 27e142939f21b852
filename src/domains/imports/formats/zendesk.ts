/**
 * Zendesk ticket export: the incremental ticket export (`{"tickets": [...], "users": [...]}`, users
 * sideloaded with `include=users`) with each ticket's `comments[]` (Ticket Comments API fields), or
 * NDJSON with one ticket per line. Field names follow Zendesk's API reference.
 */
import type { IngestConversation, IngestMessage } from "../../conversations/ingest.schemas.ts";
import type { Channel, ConversationStatus } from "../../../db/schema/index.ts";
import { streamJsonArrays } from "../json-stream.ts";
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

interface ZendeskUser {
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
  sms: "sms",
  twitter: "social",
  twitter_dm: "social",
  facebook: "social",
  facebook_post: "social",
  facebook_messenger: "social",
  instagram_dm: "social",
};

const STATUS: Record<string, ConversationStatus> = {
  new: "open",
  open: "open",
  pending: "pending",
  hold: "pending",
  solved: "resolved",
  closed: "closed",
};

/** Reads a Zendesk export: JSON with `tickets[]` (and `users[]`), or NDJSON tickets. */
export async function* readZendesk(ctx: ReaderContext): AsyncGenerator<ImportRecord> {
  // Only a JSON document sideloads users; NDJSON tickets are read with none.
  const users = new Map<string, ZendeskUser>();
  yield* readJsonItems(
    ctx,
    ["tickets"],
    (value, ref) => toRecord(ctx.source, value, users, ref),
    () => indexUsers(ctx, users),
  );
}

/** Users may come after the tickets in the file: one indexing pass collects them first. */
async function indexUsers(ctx: ReaderContext, users: Map<string, ZendeskUser>): Promise<void> {
  for await (const el of streamJsonArrays(ctx.open(false), ["users"])) {
    if (el.key !== "users") continue;
    const u = asObject(el.value);
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

function toRecord(
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
  if (!Array.isArray(t.comments))
    return reject(ref, "ticket has no comments[] (export with comments)", id);

  const messages: IngestMessage[] = [];
  for (const [i, raw] of t.comments.entries()) {
    const c = asObject(raw);
    const ts = parseTimestamp(c?.created_at);
    if (!c || ts === undefined)
      return reject(ref, `comments[${i}]: created_at is not a timestamp`, id);
    const text =
      typeof c.plain_body === "string" ? c.plain_body : typeof c.body === "string" ? c.body : "";
    if (text.trim() === "") continue; // attachment-only or empty comments carry nothing to analyse
    const authorId = idString(c.author_id);
    const role = commentRole(c.public, authorId, requesterId, users);
    const message: IngestMessage = { role, text, ts };
    const commentId = idString(c.id);
    if (commentId !== undefined) message.externalId = commentId;
    if ((role === "agent" || role === "internal") && authorId !== undefined)
      message.agentExternalId = authorId;
    messages.push(message);
  }
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

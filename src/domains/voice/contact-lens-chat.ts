import { z } from "zod";
import type { IngestConversation } from "../conversations/index.ts";
import { saneTimestamp } from "../../lib/input-hygiene.ts";
import type { SpeakerRole } from "./speaker-roles.ts";
import {
  checkedConversation,
  DEFAULT_TRANSCRIPT_SOURCE,
  type ParseResult,
  type TranscriptMeta,
} from "./utterances.ts";

/*
 * Contact Lens analysis files of chats (`"Channel": "CHAT"`, format in the Amazon Connect admin
 * guide's "Example Contact Lens output files for a chat"). Each `Transcript[]` item has an
 * `AbsoluteTime` instant instead of the calls' millisecond offsets, a `Type` (MESSAGE, EVENT) and a
 * `ContentType`. What becomes a message:
 *   - text messages (`text/plain`, `text/markdown`: the types Contact Lens itself analyses), each one
 *     message at its own time. They are not merged like speech cues: a chat's messages were sent
 *     one by one, and response times are measured between them;
 *   - AGENT and SUPERVISOR (who barges in and writes to the customer) → agent, CUSTOMER → customer,
 *     SYSTEM (the contact flow's automated texts: welcome, queue position) and CUSTOM_BOT → bot. The
 *     flow's texts stay: the customer read them, and as bot messages they neither count as the
 *     agent's first response nor as something the agent said;
 *   - events (participant joined or left, chat ended, typing) and non-text messages (attachments,
 *     interactive pickers whose Content is a JSON template) carry nothing written to analyse, so
 *     they are left out; the timeline of who joined when stays in the analysis file.
 * A text message of any other role is refused with its role named, not guessed. Contact Lens'
 * sentiment, categories, summary and response times are ignored: Rapport analyses the text itself.
 * The times are the file's: `startedAt` (for calls, the time offsets count from) is not used.
 */

const TEXT_TYPES = new Set(["text/plain", "text/markdown"]);

const ROLES: Readonly<Record<string, SpeakerRole>> = {
  AGENT: "agent",
  SUPERVISOR: "agent",
  CUSTOMER: "customer",
  SYSTEM: "bot",
  CUSTOM_BOT: "bot",
};

const ChatItemSchema = z.object({
  AbsoluteTime: saneTimestamp(),
  Type: z.string().optional(),
  ContentType: z.string().optional(),
  Content: z.string().optional(),
  Id: z.string().optional(),
  ParticipantId: z.string().optional(),
  ParticipantRole: z.string().optional(),
  DisplayName: z.string().optional(),
});

const ContactLensChatSchema = z.object({
  ContentMetadata: z.object({ Output: z.string().optional() }).optional(),
  // The redacted file lists participants without their role; its items still carry theirs.
  Participants: z
    .array(
      z.object({
        ParticipantId: z.string(),
        ParticipantRole: z.string().optional(),
        DisplayName: z.string().optional(),
      }),
    )
    .optional(),
  Transcript: z.array(ChatItemSchema),
});

/** One chat message as the file gives it. */
export interface ChatLine {
  role: SpeakerRole;
  text: string;
  /** ISO-8601 instant the message was sent. */
  ts: string;
  /** The item's id in the file: stable, so a re-import of the file changes nothing. */
  id: string | undefined;
  /** The sender's display name, or their Contact Lens role when the file gives no name. */
  speaker: string;
}

export interface ContactLensChat {
  lines: ChatLine[];
  /** The customer's display name; absent in a redacted file, whose names read "[PII]". */
  customerName: string | undefined;
}

/** Reads the messages of a Contact Lens chat analysis file (see above for what is kept). */
export function readContactLensChat(json: unknown): { chat: ContactLensChat } | { error: string } {
  const parsed = ContactLensChatSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      error: `contact-lens: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"}`,
    };
  }
  const { Participants = [], Transcript, ContentMetadata } = parsed.data;
  const participants = new Map(Participants.map((p) => [p.ParticipantId, p]));
  const lines: ChatLine[] = [];
  for (const [i, item] of Transcript.entries()) {
    const text = item.Content?.trim() ?? "";
    if (item.Type === "EVENT" || !TEXT_TYPES.has(item.ContentType ?? "") || text === "") continue;
    const participant =
      item.ParticipantId === undefined ? undefined : participants.get(item.ParticipantId);
    const fileRole = item.ParticipantRole ?? participant?.ParticipantRole;
    const role = fileRole === undefined ? undefined : ROLES[fileRole];
    if (!role) {
      return {
        error: `contact-lens: Transcript.${i}.ParticipantRole: ${JSON.stringify(fileRole ?? null)} is not one of ${Object.keys(ROLES).join(", ")}`,
      };
    }
    const speaker = item.DisplayName ?? participant?.DisplayName ?? fileRole!;
    lines.push({ role, text, ts: new Date(item.AbsoluteTime).toISOString(), id: item.Id, speaker });
  }
  if (lines.length === 0) return { error: "contact-lens: the chat has no text messages" };
  const redacted = ContentMetadata?.Output === "Redacted";
  const customer = Participants.find((p) => p.ParticipantRole === "CUSTOMER");
  return {
    chat: { lines, customerName: redacted ? undefined : customer?.DisplayName },
  };
}

/** Turns a chat's messages into one ingestable chat conversation, or says why it cannot. */
export function buildChatItem(chat: ContactLensChat, meta: TranscriptMeta): ParseResult {
  const name = chat.customerName?.trim().slice(0, 200);
  const candidate: IngestConversation = {
    externalId: meta.externalId,
    source: meta.source ?? DEFAULT_TRANSCRIPT_SOURCE,
    channel: "chat",
    status: "closed",
    // An unknown customer is one customer per chat rather than one shared "unknown" customer.
    customer: meta.customer ?? { externalId: `chat:${meta.externalId}`, ...(name ? { name } : {}) },
    ...(meta.agent ? { agent: meta.agent } : {}),
    messages: chat.lines.map((line) => ({
      role: line.role,
      text: line.text,
      ts: line.ts,
      ...(line.id && line.id.length <= 200 ? { externalId: line.id } : {}),
      metadata: { speaker: line.speaker },
    })),
  };
  return checkedConversation(candidate, "chat");
}

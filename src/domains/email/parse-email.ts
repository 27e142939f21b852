import { createHash } from "node:crypto";
import { htmlToText } from "../../lib/html-text.ts";
import type { AddressObject, EmailAddress, ParsedMail } from "mailparser";
import type { IngestConversation, IngestMessage } from "../conversations/index.ts";
import { isSaneDate, toSafeText } from "../../lib/input-hygiene.ts";
import { stripQuotedText } from "./strip-quoted.ts";

/** Ingest caps external ids at 200 characters; longer Message-IDs are replaced by their hash. */
const MAX_EXTERNAL_ID = 200;
/** Ingest's limits for `text` and `rawText` (ingest.schemas.ts): longer bodies are truncated, not refused. */
const MAX_TEXT = 100_000;
const MAX_RAW_TEXT = MAX_TEXT * 5;

export interface Mailbox {
  address: string;
  name?: string | undefined;
}

/** What one RFC 822 message says, before it is placed in a thread. */
export interface ParsedEmail {
  /** Normalised `<id@host>`; a hash of the raw message when the header is missing. */
  messageId: string;
  inReplyTo: string | null;
  /** Oldest first, as in the header: the first one is the thread root. */
  references: string[];
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  subject: string | null;
  /** From the Date header, else the oldest Received header, else the received time. */
  date: Date;
  /** Analysed text: quoted history and signature removed. */
  text: string;
  /** The whole original plain-text body (HTML converted when the mail has no text part). */
  rawText: string;
  attachments: number;
}

/** The raw bytes are not an email we can use; the message says why (no PII). */
export class InvalidEmailError extends Error {}

/** The message exceeds the MIME parser's limits (a header block over 1 MB, over 1,000 parts). */
export class EmailTooLargeError extends InvalidEmailError {}

/**
 * Mail is text we parse, not fields a client chose: NUL and unpaired surrogates (which the
 * database cannot store) are dropped or replaced rather than refusing the message. Cuts to `max`
 * first, so a cut through a surrogate pair is repaired too.
 */
function clip(s: string, max: number): string {
  return toSafeText(s.slice(0, max));
}

/** Lower-cased, trimmed address; email addresses are compared case-insensitively here. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** `<id>` form, trimmed, hashed when longer than ingest accepts. */
export function normalizeMessageId(id: string): string {
  const trimmed = toSafeText(id).trim();
  const bracketed = trimmed.startsWith("<") ? trimmed : `<${trimmed}>`;
  if (bracketed.length <= MAX_EXTERNAL_ID) return bracketed;
  return `<sha256:${createHash("sha256").update(bracketed).digest("hex")}>`;
}

function idList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const all = (Array.isArray(value) ? value : [value]).flatMap(
    (v) => v.match(/<[^<>\s]+>/g) ?? v.split(/\s+/),
  );
  return all.filter((v) => v.trim() !== "").map(normalizeMessageId);
}

function flatten(list: EmailAddress[]): Mailbox[] {
  return list.flatMap((a) =>
    a.group
      ? flatten(a.group)
      : a.address
        ? [
            {
              address: normalizeAddress(toSafeText(a.address)),
              name: toSafeText(a.name) || undefined,
            },
          ]
        : [],
  );
}

function addresses(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => flatten(v.value));
}

/**
 * Parses raw MIME. Throws `InvalidEmailError` when it has no header block or no From address:
 * mailparser accepts any bytes, so that is where "not an email" is decided.
 */
export async function parseEmail(
  raw: Buffer | string,
  opts: { receivedAt?: Date } = {},
): Promise<ParsedEmail> {
  const bytes = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
  if (bytes.length === 0) throw new InvalidEmailError("the message is empty");
  // Loaded on first parse, not at start-up: mailparser (and linkify-it under it) costs ~0.6 s of a
  // server start (docs/performance.md).
  const { simpleParser } = await import("mailparser");
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true });
  } catch (err) {
    // mailsplit tags its size limits (header block, number of parts) with EMAXLEN.
    if ((err as { code?: unknown }).code === "EMAXLEN")
      throw new EmailTooLargeError((err as Error).message);
    throw new InvalidEmailError("the MIME structure cannot be parsed");
  }
  if (parsed.headers.size === 0) throw new InvalidEmailError("no RFC 822 header block found");
  const from = addresses(parsed.from)[0];
  if (!from) throw new InvalidEmailError("the message has no From address");
  const rawText = clip(bodyText(parsed.text, parsed.html), MAX_RAW_TEXT);
  const date =
    parsed.headers.has("date") && parsed.date && isSaneDate(parsed.date)
      ? parsed.date
      : receivedDate(parsed.headers.get("received"));
  const messageId = parsed.messageId
    ? normalizeMessageId(parsed.messageId)
    : // Deterministic, so that fetching the same message again is still idempotent.
      `<sha256:${createHash("sha256").update(bytes).digest("hex")}@rapport>`;
  return {
    messageId,
    inReplyTo: idList(parsed.inReplyTo)[0] ?? null,
    references: idList(parsed.references),
    from,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject ? toSafeText(parsed.subject).trim() || null : null,
    date: date ?? opts.receivedAt ?? new Date(),
    text: clip(stripQuotedText(rawText), MAX_TEXT),
    rawText,
    attachments: parsed.attachments.length,
  };
}

/** The text part, else the HTML converted to text (a mail sent as HTML only). */
function bodyText(text: string | undefined, html: string | false | undefined): string {
  if (text !== undefined && text.trim() !== "") return text;
  if (typeof html !== "string" || html.trim() === "") return text ?? "";
  return htmlToText(html);
}

/**
 * When a message has no Date header: the time of its first hop, from the oldest Received header
 * (headers are prepended, so it is the last one): "from … by …; Tue, 1 Jul 2014 10:00:00 +0000".
 */
function receivedDate(value: unknown): Date | null {
  const all = (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === "string",
  );
  const oldest = all[all.length - 1];
  if (oldest === undefined) return null;
  const stamp = oldest.slice(oldest.lastIndexOf(";") + 1).trim();
  const date = new Date(stamp.replace(/\s*\([^)]*\)\s*$/, ""));
  return Number.isNaN(date.getTime()) || !isSaneDate(date) ? null : date;
}

/** Where a message belongs: the conversation's source and external id. */
export interface ThreadKey {
  source: string;
  externalId: string;
}

/**
 * The thread root of a message: the first References id (the conversation holding that message
 * when it is already stored, so threads started through another source still join up); else the
 * conversation of the message it replies to, when that is known; else the message itself.
 */
export async function threadKeyOf(
  email: ParsedEmail,
  source: string,
  lookup: (messageId: string) => Promise<ThreadKey | null>,
): Promise<ThreadKey> {
  const root = email.references[0];
  if (root) return (await lookup(root)) ?? { source, externalId: root };
  if (email.inReplyTo) {
    const known = await lookup(email.inReplyTo);
    if (known) return known;
  }
  return { source, externalId: email.messageId };
}

/** "Re: Fwd: [2] Refund" → "Refund". */
export function baseSubject(subject: string | null): string | null {
  if (subject === null) return null;
  return (
    subject.replace(/^(\s*(re|fwd?|aw|wg|sv|tr|antw)\s*(\[\d+\])?\s*:\s*)+/i, "").trim() || null
  );
}

/** A thread's customer or agent, within ingest's limits. */
function toPerson(m: Mailbox): { externalId: string; email: string; name?: string } {
  return {
    externalId: clip(m.address, MAX_EXTERNAL_ID),
    email: clip(m.address, 320),
    ...(m.name ? { name: clip(m.name, 200) } : {}),
  };
}

/** Builds one message of an ingest item; `supportAddresses` are the organization's own addresses. */
export function toIngestMessage(
  email: ParsedEmail,
  supportAddresses: ReadonlySet<string>,
): IngestMessage {
  const fromSupport = supportAddresses.has(email.from.address);
  return {
    role: fromSupport ? "agent" : "customer",
    text: email.text,
    rawText: email.rawText,
    ts: email.date.toISOString(),
    externalId: email.messageId,
    ...(fromSupport ? { agentExternalId: email.from.address } : {}),
    ...(email.attachments > 0 ? { metadata: { attachments: email.attachments } } : {}),
  };
}

/**
 * One ingest item for a thread from its emails (oldest first after sorting). The customer is the
 * first non-support sender, or, when only agents wrote (an outbound thread), the first recipient
 * who is not a support address.
 */
export function toIngestConversation(
  key: ThreadKey,
  emails: ParsedEmail[],
  supportAddresses: ReadonlySet<string>,
): IngestConversation {
  const sorted = [...emails].sort((a, b) => a.date.getTime() - b.date.getTime());
  const first = sorted[0];
  if (!first) throw new Error("a thread needs at least one email");
  const isSupport = (m: Mailbox) => supportAddresses.has(m.address);
  const customer =
    sorted.map((e) => e.from).find((m) => !isSupport(m)) ??
    sorted.flatMap((e) => [...e.to, ...e.cc]).find((m) => !isSupport(m)) ??
    first.from;
  const agent = sorted.map((e) => e.from).find(isSupport);
  // The root's subject when it is here; else a reply's without "Re:", so appending a reply does
  // not rename the conversation.
  const root = sorted.find((e) => e.messageId === key.externalId);
  const subject = root ? root.subject : baseSubject(sorted.find((e) => e.subject)?.subject ?? null);
  return {
    externalId: key.externalId,
    source: key.source,
    channel: "email",
    ...(subject ? { subject: clip(subject, 1000) } : {}),
    customer: toPerson(customer),
    ...(agent ? { agent: toPerson(agent) } : {}),
    messages: sorted.map((e) => toIngestMessage(e, supportAddresses)),
  };
}

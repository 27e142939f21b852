/**
 * Ingest, step 1 of 3 (prepare): validates each item on its own, rejects repeats inside the batch,
 * and redacts, keys and time-orders each item's messages. No database writes.
 */
import {
  IngestConversationSchema,
  type IngestConversation,
  type IngestMessage,
  type IngestResult,
} from "./ingest.schemas.ts";
import { redactText, type RedactionSettings } from "./redaction.ts";

/** Identity of a conversation (or customer) within an org: its source and external id. */
export function convKey(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

/** The identity used to recognise a message delivered again, for incoming and stored messages alike. */
export function messageKey(
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

function readExternalId(raw: unknown): string | null {
  if (raw && typeof raw === "object" && "externalId" in raw) {
    const v = (raw as { externalId: unknown }).externalId;
    if (typeof v === "string") return v;
  }
  return null;
}

export interface ValidItem {
  /** Position in the request, where its result goes. */
  index: number;
  item: IngestConversation;
}

/**
 * Validates each item on its own. `results` holds the rejections at their positions (the other
 * slots are filled by the write step); `valid` the items to store.
 */
export function validateItems(items: unknown[]): { results: IngestResult[]; valid: ValidItem[] } {
  const results: IngestResult[] = new Array(items.length);
  const valid: ValidItem[] = [];
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
  return { results, valid };
}

export interface PreparedMessage extends IngestMessage {
  redactions: number;
  /** The identity used to recognise a message delivered again. */
  key: string;
}

export interface PreparedItem extends ValidItem {
  /** Redacted, keyed and in time order. */
  messages: PreparedMessage[];
}

/** Redacts, keys and time-orders every valid item's messages. */
export function prepareItems(valid: ValidItem[], settings: RedactionSettings): PreparedItem[] {
  return valid.map((v) => ({ ...v, messages: prepareMessages(v.item.messages, settings) }));
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

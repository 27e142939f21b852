/**
 * The generic `csv` and `jsonl` formats: one row per message, mapped by a mapping file
 * (docs/importers.md). Rows with the same conversation id form one conversation.
 */
import type { IngestConversation, IngestMessage } from "../../conversations/ingest.schemas.ts";
import { CHANNELS, CONVERSATION_STATUSES, MESSAGE_ROLES } from "../../../db/schema/index.ts";
import type { Channel, ConversationStatus, MessageRole } from "../../../db/schema/index.ts";
import { AppError } from "../../../lib/errors.ts";
import type { ImportMapping } from "../imports.schemas.ts";
import { sortByTime, type ImportRecord, type ReaderContext, type RecordRef } from "../records.ts";
import { groupRows, readCsvRows, readJsonlRows, type ParsedRow } from "../rows.ts";
import { parseTimestamp } from "../time.ts";

interface MessageRow {
  conversationId: string;
  ts: string;
  role: MessageRole;
  text: string;
  channel?: Channel;
  messageId?: string;
  customerId?: string;
  customerName?: string;
  customerEmail?: string;
  agentId?: string;
  agentName?: string;
  agentEmail?: string;
  subject?: string;
  status?: ConversationStatus;
  team?: string;
}

export async function* readCsv(ctx: ReaderContext): AsyncGenerator<ImportRecord> {
  const mapping = requireMapping(ctx);
  yield* readMapped(ctx, mapping, (counted) =>
    readCsvRows(ctx.open(counted), (header) => checkColumns(mapping, header)),
  );
}

export async function* readJsonl(ctx: ReaderContext): AsyncGenerator<ImportRecord> {
  const mapping = requireMapping(ctx);
  yield* readMapped(ctx, mapping, (counted) => readJsonlRows(ctx.open(counted)));
}

function requireMapping(ctx: ReaderContext): ImportMapping {
  if (!ctx.mapping) {
    throw new AppError("IMPORT_MAPPING_INVALID", {
      message: "this format needs a mapping file (--mapping FILE)",
    });
  }
  return ctx.mapping;
}

function checkColumns(mapping: ImportMapping, header: string[]): void {
  const missing = Object.entries(mapping.fields).filter(
    ([, column]) => column !== undefined && !header.includes(column),
  );
  if (missing.length > 0) {
    const list = missing.map(([field, column]) => `${field} → '${column}'`).join(", ");
    throw new AppError("IMPORT_MAPPING_INVALID", {
      message: `the CSV header has no column for ${list}`,
    });
  }
}

function readMapped(
  ctx: ReaderContext,
  mapping: ImportMapping,
  readRows: Parameters<typeof groupRows<MessageRow>>[0],
): AsyncGenerator<ImportRecord> {
  const last = new Map<string, number>();
  return groupRows<MessageRow>(
    readRows,
    (fields) => parseRow(mapping, fields),
    {
      index: (row, line) => void last.set(row.conversationId, line),
      keyOf: (row) => row.conversationId,
      lastLines: () => last,
    },
    (key, rows, ref) =>
      buildConversation(
        ctx.source,
        key,
        rows.map((r) => r.value),
        ref,
      ),
  );
}

/** A field by column name, or (JSON Lines) by dotted path; empty strings count as missing. */
function lookup(fields: Record<string, unknown>, column: string | undefined): unknown {
  if (column === undefined) return undefined;
  let value: unknown = fields[column];
  if (value === undefined && column.includes(".")) {
    value = fields;
    for (const part of column.split(".")) {
      value =
        value !== null && typeof value === "object"
          ? (value as Record<string, unknown>)[part]
          : undefined;
    }
  }
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  return value ?? undefined;
}

function text(fields: Record<string, unknown>, column: string | undefined): string | undefined {
  const v = lookup(fields, column);
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

function mapped<T extends string>(
  value: string | undefined,
  table: Record<string, T>,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  const hit = table[value] ?? table[value.toLowerCase()];
  if (hit !== undefined) return hit;
  const lower = value.toLowerCase();
  return (allowed as readonly string[]).includes(lower) ? (lower as T) : undefined;
}

function parseRow(mapping: ImportMapping, fields: Record<string, unknown>): ParsedRow<MessageRow> {
  const f = mapping.fields;
  const conversationId = text(fields, f.conversationId);
  if (conversationId === undefined)
    return { ok: false, reason: `no conversation id (${f.conversationId})` };
  const fail = (reason: string): ParsedRow<MessageRow> => ({
    ok: false,
    reason,
    externalId: conversationId,
  });
  const ts = parseTimestamp(lookup(fields, f.timestamp));
  if (ts === undefined) return fail(`${f.timestamp}: not a timestamp`);
  const body = lookup(fields, f.text);
  if (typeof body !== "string") return fail(`${f.text}: no message text`);
  const roleValue = text(fields, f.role);
  const role =
    roleValue === undefined
      ? mapping.defaults.role
      : mapped(roleValue, mapping.roles, MESSAGE_ROLES);
  if (role === undefined) {
    return fail(
      roleValue === undefined
        ? `${f.role ?? "role"}: missing and no default role`
        : `${f.role}: unknown role (add it to "roles")`,
    );
  }
  const channelValue = text(fields, f.channel);
  const channel =
    channelValue === undefined
      ? mapping.defaults.channel
      : mapped(channelValue, mapping.channels, CHANNELS);
  if (channelValue !== undefined && channel === undefined)
    return fail(`${f.channel}: unknown channel (add it to "channels")`);
  const statusValue = text(fields, f.status);
  const status = mapped(statusValue, mapping.statuses, CONVERSATION_STATUSES);
  if (statusValue !== undefined && status === undefined)
    return fail(`${f.status}: unknown status (add it to "statuses")`);
  const row: MessageRow = { conversationId, ts, role, text: body };
  if (channel !== undefined) row.channel = channel;
  if (status !== undefined) row.status = status;
  const optional = {
    messageId: text(fields, f.messageId),
    customerId: text(fields, f.customerId),
    customerName: text(fields, f.customerName),
    customerEmail: text(fields, f.customerEmail),
    agentId: text(fields, f.agentId),
    agentName: text(fields, f.agentName),
    agentEmail: text(fields, f.agentEmail),
    subject: text(fields, f.subject),
    team: text(fields, f.team),
  };
  for (const [k, v] of Object.entries(optional)) {
    if (v !== undefined) (row as unknown as Record<string, string>)[k] = v;
  }
  return { ok: true, value: row };
}

function first<K extends keyof MessageRow>(rows: MessageRow[], key: K): MessageRow[K] | undefined {
  for (const row of rows) if (row[key] !== undefined) return row[key];
  return undefined;
}

function buildConversation(
  source: string,
  key: string,
  rows: MessageRow[],
  ref: RecordRef,
): ImportRecord {
  const customerId = first(rows, "customerId") ?? first(rows, "customerEmail");
  if (customerId === undefined) {
    return {
      kind: "reject",
      ref,
      externalId: key,
      reason: "no customer id or email in any row of this conversation",
    };
  }
  const channel = first(rows, "channel");
  if (channel === undefined) {
    return {
      kind: "reject",
      ref,
      externalId: key,
      reason: "no channel (map fields.channel or set defaults.channel)",
    };
  }
  const messages = sortByTime(
    rows.map((r) => {
      const m: IngestMessage = { role: r.role, text: r.text, ts: r.ts };
      if (r.messageId !== undefined) m.externalId = r.messageId;
      if (r.role === "agent" && r.agentId !== undefined) m.agentExternalId = r.agentId;
      return m;
    }),
  );
  const customer: IngestConversation["customer"] = { externalId: customerId };
  const customerName = first(rows, "customerName");
  const customerEmail = first(rows, "customerEmail");
  if (customerName !== undefined) customer.name = customerName;
  if (customerEmail !== undefined) customer.email = customerEmail;
  const item: IngestConversation = { externalId: key, source, channel, customer, messages };
  const agentId = first(rows, "agentId");
  if (agentId !== undefined) {
    item.agent = { externalId: agentId };
    const agentName = first(rows, "agentName");
    const agentEmail = first(rows, "agentEmail");
    if (agentName !== undefined) item.agent.name = agentName;
    if (agentEmail !== undefined) item.agent.email = agentEmail;
  }
  const subject = first(rows, "subject");
  if (subject !== undefined) item.subject = subject;
  const status = first(rows, "status");
  if (status !== undefined) item.status = status;
  const team = first(rows, "team");
  if (team !== undefined) item.team = team;
  return { kind: "conversation", ref, item };
}

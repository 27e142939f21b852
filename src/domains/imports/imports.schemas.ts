import { z } from "zod";
import { CHANNELS, CONVERSATION_STATUSES, MESSAGE_ROLES } from "../../db/schema/index.ts";
import { saneTimestamp } from "../../lib/input-hygiene.ts";

/** Every file layout `rapport import` reads (docs/importers.md). */
export const IMPORT_FORMATS = [
  "csv",
  "jsonl",
  "zendesk",
  "freshdesk",
  "chatwoot",
  "twitter",
  "vtt",
  "srt",
  "transcribe",
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Plain-text formats whose character encoding is detected (JSON exports are UTF-8 by spec). */
export const TEXT_IMPORT_FORMATS: readonly ImportFormat[] = [
  "csv",
  "jsonl",
  "twitter",
  "vtt",
  "srt",
];
export const ImportFormatSchema = z.enum(IMPORT_FORMATS);

/** Conversations per `ingestConversations` call, hence per transaction. */
export const DEFAULT_BATCH_SIZE = 500;
export const MAX_BATCH_SIZE = 1000;

const column = z.string().trim().min(1).max(200);

/**
 * The mapping file of the generic `csv` and `jsonl` formats: which column (or, in JSON Lines, which
 * field or dotted path) holds what. One row is one message; rows with the same conversation id form
 * one conversation, wherever they are in the file.
 */
export const ImportMappingSchema = z.strictObject({
  fields: z.strictObject({
    conversationId: column,
    timestamp: column,
    text: column,
    role: column.optional(),
    channel: column.optional(),
    customerId: column.optional(),
    customerName: column.optional(),
    customerEmail: column.optional(),
    agentId: column.optional(),
    agentName: column.optional(),
    agentEmail: column.optional(),
    messageId: column.optional(),
    subject: column.optional(),
    status: column.optional(),
    team: column.optional(),
  }),
  /** Values used when a row has no such column or leaves it empty. */
  defaults: z
    .strictObject({
      channel: z.enum(CHANNELS).optional(),
      role: z.enum(MESSAGE_ROLES).optional(),
    })
    .default({}),
  /** Source values of the role column mapped to Rapport roles (Rapport's own names always work). */
  roles: z.record(z.string(), z.enum(MESSAGE_ROLES)).default({}),
  /** Source values of the channel column mapped to Rapport channels. */
  channels: z.record(z.string(), z.enum(CHANNELS)).default({}),
  /** Source values of the status column mapped to Rapport statuses. */
  statuses: z.record(z.string(), z.enum(CONVERSATION_STATUSES)).default({}),
});
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/** Options of one `importFile` call, validated at the edge (CLI flags). */
export const ImportOptionsSchema = z.strictObject({
  /** Stored as `conversations.source`; defaults to the format's name. */
  source: z.string().trim().min(1).max(100).optional(),
  /** Required by `csv` and `jsonl`. */
  mapping: ImportMappingSchema.optional(),
  /** Where rejected records are described; default `<file>.rejects.jsonl`. */
  rejectsPath: z.string().min(1).optional(),
  batchSize: z.number().int().min(1).max(MAX_BATCH_SIZE).default(DEFAULT_BATCH_SIZE),
  /** Transcript formats only: the conversation's external id (default: the file name). */
  externalId: z.string().trim().min(1).max(200).optional(),
  /** Transcript formats only: when the call started (default: the time of the import). */
  startedAt: saneTimestamp().optional(),
  /** Start over even when this file was imported (or partly imported) before. */
  restart: z.boolean().default(false),
  /** Text formats: the file's character encoding (default: detected). */
  encoding: z.string().trim().min(1).max(40).optional(),
});
export type ImportOptions = z.input<typeof ImportOptionsSchema>;

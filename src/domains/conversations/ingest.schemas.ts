import { z } from "@hono/zod-openapi";
import { CHANNELS, CONVERSATION_STATUSES, MESSAGE_ROLES } from "../../db/schema/index.ts";
import { findUnsafeText, saneTimestamp, UNSAFE_TEXT_MESSAGE } from "../../lib/input-hygiene.ts";

/** Limits of one ingest batch (the issue's contract: 1,000 conversations or 10 MB). */
export const INGEST_MAX_CONVERSATIONS = 1000;
export const INGEST_MAX_BYTES = 10 * 1024 * 1024;
export const INGEST_MAX_MESSAGES_PER_CONVERSATION = 5000;
export const INGEST_MAX_TEXT_CHARS = 100_000;

const externalId = z.string().trim().min(1, "must not be empty").max(200);

export const IngestMessageSchema = z
  .strictObject({
    role: z.enum(MESSAGE_ROLES),
    text: z.string().max(INGEST_MAX_TEXT_CHARS),
    ts: saneTimestamp(),
    /** Id of the message in the source system; makes re-delivery of one message harmless. */
    externalId: externalId.optional(),
    /** Speech offsets in seconds from the start of the call. */
    startOffset: z.number().min(0).max(86_400).optional(),
    endOffset: z.number().min(0).max(86_400).optional(),
    /** The agent who wrote this message, when several took part (transfers). */
    agentExternalId: externalId.optional(),
    /** The whole original text (e.g. an email with quoted history) when `text` is a cleaned part of it. */
    rawText: z
      .string()
      .max(INGEST_MAX_TEXT_CHARS * 5)
      .optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(
    (m) => m.startOffset === undefined || m.endOffset === undefined || m.endOffset >= m.startOffset,
    {
      message: "endOffset must not be before startOffset",
      path: ["endOffset"],
    },
  )
  .openapi("IngestMessage");
export type IngestMessage = z.infer<typeof IngestMessageSchema>;

export const IngestConversationSchema = z
  .strictObject({
    externalId,
    /** The system it comes from, e.g. "zendesk", "imap:support@acme.com", "genesys". */
    source: z.string().trim().min(1).max(100),
    channel: z.enum(CHANNELS),
    status: z.enum(CONVERSATION_STATUSES).optional(),
    subject: z.string().max(1000).optional(),
    customer: z.strictObject({
      externalId,
      name: z.string().max(200).optional(),
      email: z.string().max(320).optional(),
    }),
    agent: z
      .strictObject({
        externalId,
        name: z.string().max(200).optional(),
        email: z.string().max(320).optional(),
      })
      .optional(),
    /** Team by name; created when unknown. */
    team: z.string().trim().min(1).max(100).optional(),
    messages: z.array(IngestMessageSchema).max(INGEST_MAX_MESSAGES_PER_CONVERSATION),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  // Batch items are not checked by the router (one bad item must not fail the batch), so here.
  .superRefine((item, ctx) => {
    const path = findUnsafeText(item);
    if (path) ctx.addIssue({ code: "custom", path, message: UNSAFE_TEXT_MESSAGE });
  })
  .openapi("IngestConversation");
export type IngestConversation = z.infer<typeof IngestConversationSchema>;

/** Items are validated one by one, so that a bad item is rejected while the rest are accepted. */
export const IngestBodySchema = z
  .strictObject({
    conversations: z
      .array(z.unknown())
      .min(1, "must hold at least one conversation")
      .max(INGEST_MAX_CONVERSATIONS, `must hold at most ${INGEST_MAX_CONVERSATIONS} conversations`)
      .openapi({ type: "array", items: { $ref: "#/components/schemas/IngestConversation" } }),
  })
  .openapi("IngestBody");

export const INGEST_STATUSES = ["created", "updated", "unchanged", "rejected"] as const;
export type IngestStatus = (typeof INGEST_STATUSES)[number];

export const IngestResultSchema = z
  .object({
    externalId: z.string().nullable(),
    status: z.enum(INGEST_STATUSES),
    id: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .openapi("IngestResult");
export type IngestResult = z.infer<typeof IngestResultSchema>;

export const IngestResponseSchema = z
  .object({ results: z.array(IngestResultSchema) })
  .openapi("IngestResponse");

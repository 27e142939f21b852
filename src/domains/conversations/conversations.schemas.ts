import { z } from "@hono/zod-openapi";
import { CHANNELS, CONVERSATION_STATUSES, MESSAGE_ROLES } from "../../db/schema/index.ts";
import { DATE_RANGE_MESSAGE, isSaneDate } from "../../lib/input-hygiene.ts";
import { AnalysisDetailSchema, MessageAnalysisSchema } from "./analysis.schemas.ts";

const uuid = z.uuid({ message: "must be a UUID" });
const date = z.coerce
  .date({ message: "must be an ISO-8601 date" })
  .refine(isSaneDate, DATE_RANGE_MESSAGE);

export const ListConversationsQuerySchema = z.object({
  channel: z.enum(CHANNELS).optional(),
  teamId: uuid.optional(),
  agentId: uuid.optional(),
  from: date.optional(),
  to: date.optional(),
  customerId: uuid.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Full-text search over message text" }),
  sentiment: z.enum(["negative", "neutral", "positive"]).optional(),
  signal: z
    .string()
    .regex(/^[a-z_]{2,40}$/, "must be a signal name like churn_threat")
    .optional(),
  minSatisfaction: z.coerce.number().min(1).max(5).optional(),
  maxSatisfaction: z.coerce.number().min(1).max(5).optional(),
  reasonId: uuid
    .optional()
    .openapi({ description: "Contact reason (insights: conversation_reasons)" }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListConversationsQuery = z.infer<typeof ListConversationsQuerySchema>;

const Ref = z.object({ id: z.string(), name: z.string().nullable() });

export const ConversationSummarySchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    source: z.string(),
    channel: z.enum(CHANNELS),
    status: z.enum(CONVERSATION_STATUSES),
    subject: z.string().nullable(),
    preview: z.string().nullable().openapi({
      description:
        "The customer's first message (else the first message, for an outbound contact), up to 160 characters",
    }),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    messageCount: z.number().int(),
    customer: Ref.nullable(),
    agent: Ref.nullable(),
    team: Ref.nullable(),
    analysis: z
      .object({
        satisfaction: z.number(),
        satisfactionConfidence: z.number().nullable().openapi({
          description:
            "Evidence of the outcome behind the prediction, 0–1; null for analyses by an engine before 2026.12.1",
        }),
        satisfactionOutcome: z.enum(["observed", "unknown"]).nullable().openapi({
          description:
            '"unknown" until the customer has reacted to an agent reply; null for older analyses',
        }),
        sentiment: z.enum(["negative", "neutral", "positive"]),
        sentimentScore: z.number(),
        trajectory: z.string(),
        signals: z.array(z.string()),
      })
      .nullable()
      .openapi({ description: "Null until the conversation has been analysed" }),
  })
  .openapi("ConversationSummary");

export const ConversationPageSchema = z
  .object({
    items: z.array(ConversationSummarySchema),
    nextCursor: z.string().nullable(),
    prevCursor: z.string().nullable(),
  })
  .openapi("ConversationPage");

export const MessageSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    role: z.enum(MESSAGE_ROLES),
    text: z.string(),
    ts: z.string(),
    startOffset: z.number().nullable(),
    endOffset: z.number().nullable(),
    agent: Ref.nullable(),
    redactions: z
      .number()
      .int()
      .openapi({ description: "Personal data items replaced by placeholders before storage" }),
    rawText: z.string().nullable().openapi({
      description:
        "The whole original (e.g. an email with quoted history), redacted; null when text is the original",
    }),
    textRemovedAt: z.string().nullable().openapi({
      description:
        "When the org's retention period deleted this message's text (its analysis scores remain)",
    }),
    analysis: MessageAnalysisSchema.nullable(),
  })
  .openapi("Message");

/** A conversation's contact reason: its id, the name leaders see, and whether a person set it. */
export const ContactReasonRefSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    source: z.enum(["model", "manual"]),
  })
  .openapi("ContactReasonRef");

export const ConversationDetailSchema = z
  .object({
    conversation: ConversationSummarySchema.extend({
      metadata: z.record(z.string(), z.unknown()),
      contactReason: ContactReasonRefSchema.nullable().openapi({
        description:
          "Why the customer got in touch (docs/insights.md): null before the org's first clustering or when no reason fits",
      }),
      analysisDetail: AnalysisDetailSchema.nullable(),
    }),
    messages: z.array(MessageSchema),
    participants: z.array(
      z.object({ role: z.enum(MESSAGE_ROLES), displayName: z.string().nullable() }),
    ),
  })
  .openapi("ConversationDetail");

/** The fields a person may change on a conversation; the rest comes from its channel. */
export const UpdateConversationBodySchema = z
  .object({ status: z.enum(CONVERSATION_STATUSES) })
  .strict()
  .openapi("UpdateConversationBody");
export type UpdateConversationBody = z.infer<typeof UpdateConversationBodySchema>;

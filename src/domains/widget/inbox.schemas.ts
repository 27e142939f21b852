import { z } from "@hono/zod-openapi";
import { HANDOFF_REASONS, WIDGET_CHAT_STATUSES } from "../../db/schema/index.ts";
import { WIDGET_TEXT_MAX, WidgetMessageSchema } from "./widget.schemas.ts";

const Ref = z.object({ id: z.string(), name: z.string() });
const Attempt = z.object({ articleId: z.string(), title: z.string(), score: z.number() });

export const InboxQuerySchema = z.object({
  view: z.enum(["waiting", "active", "closed"]).default("waiting"),
  queue: z
    .union([
      z.enum(["all", "mine", "general"]),
      z.uuid({ message: "must be all, mine, general or a team id" }),
    ])
    .default("all")
    .openapi({ description: "all, mine (assigned to me), general (no team), or a team id" }),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const InboxListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        status: z.enum(WIDGET_CHAT_STATUSES),
        reason: z.enum(HANDOFF_REASONS).nullable(),
        signals: z.array(z.string()),
        team: Ref.nullable(),
        assignee: Ref.nullable(),
        handedOffAt: z.string().nullable(),
        preview: z.string().nullable(),
      }),
    ),
  })
  .openapi("InboxList");

export const InboxChatSchema = z
  .object({
    chat: z.object({
      id: z.string(),
      status: z.enum(WIDGET_CHAT_STATUSES),
      conversationId: z.string().nullable(),
      origin: z.string(),
      customerExternalId: z.string().openapi({ description: "The chat's customer in Rapport" }),
      reason: z.enum(HANDOFF_REASONS).nullable(),
      reasonSignals: z.array(z.string()),
      handedOffAt: z.string(),
      firstHumanReplyAt: z.string().nullable(),
      team: Ref.nullable(),
      assignee: Ref.nullable(),
    }),
    messages: z.array(WidgetMessageSchema.extend({ signals: z.array(z.string()) })),
    intent: z.object({
      topic: z
        .string()
        .nullable()
        .openapi({ description: "Title of the best article the bot found" }),
      signals: z.array(z.object({ name: z.string(), evidence: z.array(z.string()) })),
      sentiment: z.enum(["negative", "neutral", "positive"]),
      trajectory: z.string(),
      predictedSatisfaction: z.number(),
    }),
    botTried: z.array(
      z.object({
        seq: z.number().int(),
        question: z.string(),
        answered: z.boolean(),
        attempts: z.array(Attempt),
      }),
    ),
    history: z.object({
      conversations: z.array(
        z.object({
          id: z.string(),
          channel: z.string(),
          subject: z.string().nullable(),
          status: z.string(),
          startedAt: z.string(),
        }),
      ),
      openCases: z.array(
        z.object({
          id: z.string(),
          reference: z.string(),
          title: z.string(),
          status: z.string(),
          severity: z.string(),
        }),
      ),
    }),
  })
  .openapi("InboxChat");

export const AssignBodySchema = z
  .strictObject({ userId: z.uuid({ message: "must be a UUID" }) })
  .openapi("InboxAssignBody");
export const ReplyBodySchema = z
  .strictObject({ text: z.string().trim().min(1).max(WIDGET_TEXT_MAX) })
  .openapi("InboxReplyBody");

export const HandoffReportQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
});

export const HandoffReportSchema = z
  .object({
    days: z.number().int(),
    handoffs: z.number().int(),
    judged: z
      .number()
      .int()
      .openapi({ description: "Handoffs after which the customer wrote again" }),
    repeated: z.number().int(),
    repeatRate: z.number().nullable(),
    medianFirstReplySeconds: z.number().nullable(),
    unanswered: z.number().int(),
    byReason: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    daily: z.array(
      z.object({
        date: z.string(),
        handoffs: z.number().int(),
        repeated: z.number().int(),
        medianFirstReplySeconds: z.number().nullable(),
      }),
    ),
    worst: z.array(
      z.object({
        chatId: z.string(),
        overlap: z.number(),
        repeatCue: z.boolean(),
        repeated: z.boolean(),
        judged: z.boolean(),
        firstReplySeconds: z.number().nullable(),
      }),
    ),
  })
  .openapi("HandoffReport");

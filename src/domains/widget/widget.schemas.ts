import { z } from "@hono/zod-openapi";
import {
  HANDOFF_REASONS,
  WIDGET_CHAT_STATUSES,
  WIDGET_MESSAGE_ROLES,
} from "../../db/schema/index.ts";

/** Longest visitor or agent message (characters): a chat line, not a document. */
export const WIDGET_TEXT_MAX = 2000;
/** Most origins one organization may allow. */
export const WIDGET_MAX_ORIGINS = 50;

/** `https://shop.example.com` (scheme, host, optional port; no path): what browsers send as Origin. */
const OriginSchema = z
  .string()
  .trim()
  .max(300)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === s;
    } catch {
      return false;
    }
  }, "must be an origin like https://shop.example.com (no path, no trailing slash)");

export const WidgetSettingsSchema = z
  .object({
    enabled: z.boolean().default(false),
    allowedOrigins: z.array(OriginSchema).max(WIDGET_MAX_ORIGINS).default([]),
    /** The bot answers only when the best article scores at least this (0–1). */
    botThreshold: z.number().min(0).max(1).default(0.35),
    greeting: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .default("Hi! Ask me a question, or ask for a person at any time."),
    /** The queue handed-off chats wait in; null: the general queue. */
    teamId: z.uuid({ message: "must be a UUID" }).nullable().default(null),
    /** Link for a cited article, `{id}` replaced by its id; null cites the title alone. */
    articleUrlTemplate: z
      .string()
      .trim()
      .max(500)
      .regex(/^https?:\/\/\S*\{id\}\S*$/, "must be an http(s) URL containing {id}")
      .nullable()
      .default(null),
  })
  .openapi("WidgetSettings");
export type WidgetSettings = z.infer<typeof WidgetSettingsSchema>;
export const WidgetSettingsBodySchema = z
  .strictObject(WidgetSettingsSchema.shape)
  .openapi("WidgetSettingsBody");

export const WidgetSessionBodySchema = z
  .strictObject({
    org: z.string().trim().min(1).max(100),
    /** A token from an earlier visit: the chat resumes, or the visitor keeps their identity. */
    token: z.string().max(2000).optional(),
  })
  .openapi("WidgetSessionBody");

export const WidgetMessageSchema = z
  .object({
    seq: z.number().int(),
    role: z.enum(WIDGET_MESSAGE_ROLES),
    text: z.string(),
    at: z.string(),
    citation: z
      .object({ articleId: z.string(), title: z.string(), url: z.string().nullable() })
      .nullable(),
  })
  .openapi("WidgetMessage");
export type WidgetMessageView = z.infer<typeof WidgetMessageSchema>;

export const WidgetChatStateSchema = z
  .object({
    chatId: z.string(),
    status: z.enum(WIDGET_CHAT_STATUSES),
    messages: z.array(WidgetMessageSchema),
  })
  .openapi("WidgetChatState");

export const WidgetSessionSchema = WidgetChatStateSchema.extend({
  token: z.string(),
  expiresAt: z.string(),
  greeting: z.string(),
}).openapi("WidgetSession");

export const WidgetSendBodySchema = z
  .strictObject({ text: z.string().trim().min(1).max(WIDGET_TEXT_MAX) })
  .openapi("WidgetSendBody");
export const WidgetPollBodySchema = z
  .strictObject({ after: z.number().int().min(0).max(1_000_000).default(0) })
  .openapi("WidgetPollBody");
export const WidgetHandoffBodySchema = z.strictObject({}).openapi("WidgetHandoffBody");

export const HandoffReasonSchema = z.enum(HANDOFF_REASONS);

import { z } from "@hono/zod-openapi";

export const MAILBOX_PURPOSES = ["support", "escalation"] as const;

export const MailboxSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    host: z.string(),
    port: z.number().int(),
    secure: z.boolean(),
    username: z.string(),
    folder: z.string(),
    enabled: z.boolean(),
    purpose: z.enum(MAILBOX_PURPOSES),
    uidValidity: z.string().nullable(),
    lastUid: z.number().int(),
    lastPolledAt: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Mailbox");
export type MailboxView = z.infer<typeof MailboxSchema>;

export const CreateMailboxBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    /** The support address customers write to; mail from it is an agent's reply. */
    address: z.email({ message: "must be an email address" }).max(320),
    host: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/, "must be a host name or IP address"),
    port: z.number().int().min(1).max(65535).default(993),
    /** TLS from the start (IMAPS, port 993). */
    secure: z.boolean().default(true),
    username: z.string().min(1).max(320),
    password: z.string().min(1).max(1024),
    folder: z.string().trim().min(1).max(200).default("INBOX"),
    enabled: z.boolean().default(true),
    /** `escalation`: every email to this address is a complaint to management (an executive case). */
    purpose: z.enum(MAILBOX_PURPOSES).default("support"),
  })
  .openapi("CreateMailboxBody");

export const UpdateMailboxBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    /** A new password (after the account's was rotated); stored encrypted like the first. */
    password: z.string().min(1).max(1024).optional(),
    /** A disabled mailbox is not polled until enabled again; its position is kept. */
    enabled: z.boolean().optional(),
  })
  .refine((b) => b.name !== undefined || b.password !== undefined || b.enabled !== undefined, {
    message: "give at least one of name, password, enabled",
  })
  .openapi("UpdateMailboxBody");

export const MailboxListSchema = z.object({ items: z.array(MailboxSchema) }).openapi("MailboxList");

export const PollQueuedSchema = z
  .object({
    queued: z.boolean().openapi({ description: "false when a poll was already queued or running" }),
  })
  .openapi("MailboxPollQueued");

export const MimeQuerySchema = z.object({
  address: z.email({ message: "must be an email address" }).max(320).optional().openapi({
    description:
      "The support address the message was delivered to; the source becomes email:<address>",
  }),
});

/** Largest raw message accepted by `POST /email/mime` (the 10 MB). */
export const MIME_MAX_BYTES = 10 * 1024 * 1024;

import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { recordAudit } from "../orgs/index.ts";
import { requireAccess } from "../../http/auth.middleware.ts";
import type { AppEnv } from "../../http/context.ts";
import { AppError } from "../../http/errors.ts";
import { createRouter, jsonContent, standardErrors, UuidParamSchema } from "../../http/openapi.ts";
import {
  CreateMailboxBodySchema,
  MailboxListSchema,
  MailboxSchema,
  UpdateMailboxBodySchema,
  MIME_MAX_BYTES,
  MimeQuerySchema,
  PollQueuedSchema,
} from "./email.schemas.ts";
import * as email from "./email.service.ts";

const admins = requireAccess({ roles: ["admin"], scope: "admin" });
const ingesters = requireAccess({ roles: ["admin"], scope: "ingest" });

/** The result of ingesting one email: the conversation it created, joined or left unchanged. */
const EmailIngestResultSchema = z
  .object({
    externalId: z.string().nullable(),
    status: z.enum(["created", "updated", "unchanged", "rejected"]),
    id: z.string().optional(),
  })
  .openapi("EmailIngestResult");

const MIME_TYPES = ["message/rfc822", "text/plain"];

const mimeLimit = bodyLimit({
  maxSize: MIME_MAX_BYTES,
  onError: () => {
    throw new AppError("PAYLOAD_TOO_LARGE", {
      message: `body: larger than ${MIME_MAX_BYTES} bytes`,
    });
  },
});

const routes = {
  ingestMime: createRoute({
    method: "post",
    path: "/email/mime",
    tags: ["ingest"],
    summary: "Ingest one raw RFC 822 email (for MTA pipes), up to 10 MB",
    description:
      "Send the message as the body with `content-type: message/rfc822` (or text/plain). Replies join the " +
      "conversation of the message they answer (References / In-Reply-To). Idempotent on Message-ID.",
    middleware: [ingesters, mimeLimit] as const,
    request: {
      query: MimeQuerySchema,
      body: {
        content: { "message/rfc822": { schema: z.string() }, "text/plain": { schema: z.string() } },
        required: true,
      },
    },
    responses: {
      200: { description: "Stored (or already stored)", ...jsonContent(EmailIngestResultSchema) },
      413: { description: "More than 10 MB", content: standardErrors[400].content },
      415: {
        description: "Not message/rfc822 or text/plain",
        content: standardErrors[400].content,
      },
      ...standardErrors,
    },
  }),
  listMailboxes: createRoute({
    method: "get",
    path: "/mailboxes",
    tags: ["settings"],
    summary: "IMAP mailboxes polled for email (admin); passwords are never returned",
    middleware: [admins] as const,
    responses: {
      200: { description: "Mailboxes", ...jsonContent(MailboxListSchema) },
      ...standardErrors,
    },
  }),
  createMailbox: createRoute({
    method: "post",
    path: "/mailboxes",
    tags: ["settings"],
    summary: "Add an IMAP mailbox to poll (admin); the password is stored encrypted",
    middleware: [admins] as const,
    request: { body: { ...jsonContent(CreateMailboxBodySchema), required: true } },
    responses: {
      201: { description: "Created", ...jsonContent(MailboxSchema) },
      ...standardErrors,
    },
  }),
  updateMailbox: createRoute({
    method: "patch",
    path: "/mailboxes/{id}",
    tags: ["settings"],
    summary: "Rename a mailbox, give it a new password, or pause/resume polling (admin)",
    middleware: [admins] as const,
    request: {
      params: UuidParamSchema,
      body: { ...jsonContent(UpdateMailboxBodySchema), required: true },
    },
    responses: {
      200: { description: "Updated", ...jsonContent(MailboxSchema) },
      ...standardErrors,
    },
  }),
  deleteMailbox: createRoute({
    method: "delete",
    path: "/mailboxes/{id}",
    tags: ["settings"],
    summary: "Stop polling and forget a mailbox (admin); its conversations stay",
    middleware: [admins] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Deleted" }, ...standardErrors },
  }),
  pollMailbox: createRoute({
    method: "post",
    path: "/mailboxes/{id}/poll",
    tags: ["settings"],
    summary: "Poll a mailbox now (admin)",
    middleware: [admins] as const,
    request: { params: UuidParamSchema },
    responses: {
      202: { description: "Poll queued", ...jsonContent(PollQueuedSchema) },
      ...standardErrors,
    },
  }),
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function serializeMailbox(m: Awaited<ReturnType<typeof email.listMailboxes>>[number]) {
  return { ...m, lastPolledAt: iso(m.lastPolledAt), createdAt: m.createdAt.toISOString() };
}

function ctx(c: Context<AppEnv>) {
  return { db: c.var.deps.db, queue: c.var.deps.queue, orgId: c.var.principal!.orgId };
}

export function emailRoutes() {
  const r = createRouter();
  r.openapi(routes.ingestMime, async (c) => {
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!MIME_TYPES.includes(type)) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
        message: `content-type: send the raw message as message/rfc822 or text/plain, not '${type || "none"}'`,
      });
    }
    const { db, queue, orgId } = ctx(c);
    const raw = Buffer.from(await c.req.arrayBuffer());
    const result = await email.ingestMime({ db, queue }, orgId, raw, {
      address: c.req.valid("query").address,
    });
    return c.json(
      {
        externalId: result.externalId,
        status: result.status,
        ...(result.id ? { id: result.id } : {}),
      },
      200,
    );
  });
  r.openapi(routes.listMailboxes, async (c) => {
    const { db, orgId } = ctx(c);
    return c.json({ items: (await email.listMailboxes(db, orgId)).map(serializeMailbox) }, 200);
  });
  r.openapi(routes.createMailbox, async (c) => {
    const { db, orgId } = ctx(c);
    const created = await email.createMailbox(db, orgId, c.req.valid("json"));
    await recordAudit(
      db,
      orgId,
      c.var.principal!,
      "mailbox.created",
      { type: "mailbox", id: created.id },
      { address: created.address },
    );
    return c.json(serializeMailbox(created), 201);
  });
  r.openapi(routes.updateMailbox, async (c) => {
    const { db, orgId } = ctx(c);
    const id = c.req.valid("param").id;
    const patch = c.req.valid("json");
    const updated = await email.updateMailbox(db, orgId, id, patch);
    // What changed, never the password itself.
    const { password, ...fields } = patch;
    await recordAudit(
      db,
      orgId,
      c.var.principal!,
      "mailbox.updated",
      { type: "mailbox", id },
      { ...fields, passwordChanged: password !== undefined },
    );
    return c.json(serializeMailbox(updated), 200);
  });
  r.openapi(routes.deleteMailbox, async (c) => {
    const { db, orgId } = ctx(c);
    const id = c.req.valid("param").id;
    await email.deleteMailbox(db, orgId, id);
    await recordAudit(db, orgId, c.var.principal!, "mailbox.deleted", { type: "mailbox", id });
    return c.body(null, 204);
  });
  r.openapi(routes.pollMailbox, async (c) => {
    const { db, queue, orgId } = ctx(c);
    return c.json(
      await email.requestMailboxPoll({ db, queue }, orgId, c.req.valid("param").id),
      202,
    );
  });
  return r;
}

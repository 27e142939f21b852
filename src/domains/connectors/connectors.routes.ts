import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { recordAudit } from "../orgs/index.ts";
import { requireAccess } from "../../http/auth.middleware.ts";
import type { AppEnv } from "../../http/context.ts";
import { AppError } from "../../http/errors.ts";
import {
  createRouter,
  ErrorResponseSchema,
  jsonBody,
  jsonContent,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import {
  CreatedWebhookSourceSchema,
  CreateWebhookSourceBodySchema,
  RedactionSettingsSchema,
  UpdateWebhookSourceBodySchema,
  WebhookAcceptedSchema,
  WebhookParamSchema,
  WebhookSourceListSchema,
  WebhookSourceSchema,
} from "./connectors.schemas.ts";
import * as connectors from "./connectors.service.ts";

const errorContent = jsonContent(ErrorResponseSchema);

const leaders = requireAccess({ roles: ["admin", "leader"], scope: "admin" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });

function ctx(c: Context<AppEnv>) {
  return { db: c.var.deps.db, queue: c.var.deps.queue, orgId: c.var.principal!.orgId };
}

const routes = {
  getRedaction: createRoute({
    method: "get",
    path: "/settings/redaction",
    tags: ["settings"],
    summary: "Personal data redaction settings (admin, leader)",
    middleware: [leaders] as const,
    responses: {
      200: { description: "Settings", ...jsonContent(RedactionSettingsSchema) },
      ...standardErrors,
    },
  }),
  putRedaction: createRoute({
    method: "put",
    path: "/settings/redaction",
    tags: ["settings"],
    summary:
      "Replace the redaction settings; fields left out are on (admin). Applies to messages ingested from now on",
    middleware: [admins] as const,
    request: jsonBody(RedactionSettingsSchema),
    responses: {
      200: { description: "Saved", ...jsonContent(RedactionSettingsSchema) },
      ...standardErrors,
    },
  }),
  listSources: createRoute({
    method: "get",
    path: "/webhook-sources",
    tags: ["connectors"],
    summary: "Webhook sources, without their secrets (admin)",
    middleware: [admins] as const,
    responses: {
      200: { description: "Sources", ...jsonContent(WebhookSourceListSchema) },
      ...standardErrors,
    },
  }),
  createSource: createRoute({
    method: "post",
    path: "/webhook-sources",
    tags: ["connectors"],
    summary: "Create a webhook source; its signing secret is returned this once (admin)",
    middleware: [admins] as const,
    request: jsonBody(CreateWebhookSourceBodySchema),
    responses: {
      201: { description: "Created", ...jsonContent(CreatedWebhookSourceSchema) },
      409: {
        description: "Another webhook source uses this source name",
        content: errorContent.content,
      },
      ...standardErrors,
    },
  }),
  updateSource: createRoute({
    method: "patch",
    path: "/webhook-sources/{id}",
    tags: ["connectors"],
    summary:
      "Rename, re-map, disable or enable a webhook source; its URL and signing secret stay (admin)",
    middleware: [admins] as const,
    request: { params: UuidParamSchema, ...jsonBody(UpdateWebhookSourceBodySchema) },
    responses: {
      200: { description: "Updated", ...jsonContent(WebhookSourceSchema) },
      ...standardErrors,
    },
  }),
  deleteSource: createRoute({
    method: "delete",
    path: "/webhook-sources/{id}",
    tags: ["connectors"],
    summary: "Delete a webhook source (admin)",
    middleware: [admins] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Deleted" }, ...standardErrors },
  }),
  receive: createRoute({
    method: "post",
    path: "/webhooks/{sourceId}",
    tags: ["connectors"],
    summary: "Receive one signed delivery from a chat or social platform (public; HMAC-signed)",
    description:
      'Authenticated by `X-Rapport-Signature: sha256=<hex HMAC-SHA256 of "<X-Rapport-Timestamp>.<raw body>">` ' +
      "(or `X-Hub-Signature-256` over the raw body for sources configured so). The timestamp must be within 5 minutes; " +
      "`X-Rapport-Delivery` (or the mapped delivery id) makes a replay answer `duplicate`. An unknown source answers " +
      "401 exactly like a wrong signature. See docs/connectors.md.",
    security: [],
    request: {
      params: WebhookParamSchema,
      body: {
        content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
        required: true,
      },
    },
    responses: {
      200: {
        description: "Stored (or a duplicate delivery, stored before)",
        ...jsonContent(WebhookAcceptedSchema),
      },
      400: { description: "Body is not JSON", content: errorContent.content },
      401: {
        description: "Unknown source, missing or wrong signature, or stale timestamp",
        content: errorContent.content,
      },
      413: { description: "Body larger than 512 KiB", content: errorContent.content },
      422: {
        description: "The payload does not map to a valid conversation; nothing was stored",
        content: errorContent.content,
      },
    },
  }),
};

export function connectorsRoutes() {
  const r = createRouter();
  r.openapi(routes.getRedaction, async (c) => {
    const { db, orgId } = ctx(c);
    return c.json(await connectors.getRedactionSettings(db, orgId), 200);
  });
  r.openapi(routes.putRedaction, async (c) => {
    const { db, orgId } = ctx(c);
    const settings = await connectors.updateRedactionSettings(db, orgId, c.req.valid("json"));
    await recordAudit(
      db,
      orgId,
      c.var.principal!,
      "redaction.updated",
      { type: "organization", id: orgId },
      settings,
    );
    return c.json(settings, 200);
  });
  r.openapi(routes.listSources, async (c) => {
    const { db, orgId } = ctx(c);
    return c.json({ items: await connectors.listWebhookSources(db, orgId) }, 200);
  });
  r.openapi(routes.createSource, async (c) => {
    const { db, queue, orgId } = ctx(c);
    const created = await connectors.createWebhookSource({ db, queue }, orgId, c.req.valid("json"));
    await recordAudit(
      db,
      orgId,
      c.var.principal!,
      "webhook_source.created",
      { type: "webhook_source", id: created.id },
      { source: created.source },
    );
    return c.json(created, 201);
  });
  r.openapi(routes.updateSource, async (c) => {
    const { db, orgId } = ctx(c);
    const id = c.req.valid("param").id;
    const patch = c.req.valid("json");
    const updated = await connectors.updateWebhookSource(db, orgId, id, patch);
    await recordAudit(
      db,
      orgId,
      c.var.principal!,
      "webhook_source.updated",
      { type: "webhook_source", id },
      { fields: Object.keys(patch) },
    );
    return c.json(updated, 200);
  });
  r.openapi(routes.deleteSource, async (c) => {
    const { db, orgId } = ctx(c);
    const id = c.req.valid("param").id;
    await connectors.deleteWebhookSource(db, orgId, id);
    await recordAudit(db, orgId, c.var.principal!, "webhook_source.deleted", {
      type: "webhook_source",
      id,
    });
    return c.body(null, 204);
  });
  // Not through the zod body validator: the signature is over the raw bytes, checked before parsing.
  r.post("/webhooks/:sourceId", async (c) => {
    const param = WebhookParamSchema.safeParse({ sourceId: c.req.param("sourceId") });
    if (!param.success)
      throw new AppError("VALIDATION_FAILED", { message: "param.sourceId: must be a UUID" });
    const { sourceId } = param.data;
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const { db, queue } = c.var.deps;
    const result = await connectors.receiveWebhook({ db, queue }, sourceId, {
      body: raw,
      headers: {
        timestamp: c.req.header("x-rapport-timestamp"),
        signature: c.req.header("x-rapport-signature"),
        hubSignature: c.req.header("x-hub-signature-256"),
        deliveryId: c.req.header("x-rapport-delivery"),
      },
    });
    return c.json(result, 200);
  });
  r.openAPIRegistry.registerPath(routes.receive);
  return r;
}

import { createRoute, z } from "@hono/zod-openapi";
import { requireAccess } from "../../http/auth.middleware.ts";
import { createRouter, jsonResponse, standardErrors } from "../../http/openapi.ts";
import { ingestChannelMessages } from "./channels.service.ts";
import {
  ChannelMessagesBodySchema,
  ChannelMessagesResultSchema,
  CulturePrivacySchema,
} from "./culture.schemas.ts";
import { disrespectByTeamWeek, getPrivacy, setPrivacy } from "./culture.service.ts";

// Leaders only; an API key needs the admin scope, since the view quotes what colleagues wrote.
const leaders = requireAccess({ roles: ["admin", "leader"], scope: "admin" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });
// Integrations that forward internal chat (a Slack app, a Teams connector) use an ingest key.
const ingest = requireAccess({ roles: ["admin"], scope: "ingest" });

const EvidenceSchema = z.object({
  source: z.enum(["note", "channel"]),
  /** The note's conversation; null for a channel message. */
  conversationId: z.string().nullable(),
  ts: z.string(),
  channel: z.string(),
  authorName: z.string().nullable(),
  spans: z.array(z.string()),
  text: z.string().nullable(),
});
const CultureViewSchema = z
  .object({
    privacy: CulturePrivacySchema,
    weeks: z.array(
      z.object({
        week: z.string(),
        notes: z.number().int().nullable(),
        /** Notes and channel messages. */
        incidents: z.number().int().nullable(),
      }),
    ),
    cells: z.array(
      z.object({
        week: z.string(),
        teamId: z.string().nullable(),
        teamName: z.string(),
        teamSize: z.number().int(),
        /** The team is smaller than the org's minimum group size: no figures, no evidence. */
        suppressed: z.boolean(),
        incidents: z.number().int().nullable(),
        notes: z.number().int().nullable(),
        channelMessages: z.number().int().nullable(),
        evidence: z.array(EvidenceSchema),
      }),
    ),
  })
  .openapi("CultureDisrespectView");

const tags = ["culture"];

const routes = {
  view: createRoute({
    method: "get",
    path: "/culture/disrespect",
    tags,
    summary:
      "Disrespect toward customers in internal notes and channels, per team and week, under the privacy rules",
    middleware: [leaders] as const,
    request: { query: z.object({ weeks: z.coerce.number().int().min(1).max(52).default(12) }) },
    responses: { 200: jsonResponse(CultureViewSchema, "Weeks and team cells"), ...standardErrors },
  }),
  channelMessages: createRoute({
    method: "post",
    path: "/culture/channel-messages",
    tags,
    summary:
      "Messages from internal chat channels: analysed, and kept (redacted) only when marked disrespect",
    middleware: [ingest] as const,
    request: {
      body: {
        content: { "application/json": { schema: ChannelMessagesBodySchema } },
        required: true,
      },
    },
    responses: {
      200: jsonResponse(ChannelMessagesResultSchema, "What was received and kept"),
      ...standardErrors,
    },
  }),
  getPrivacy: createRoute({
    method: "get",
    path: "/culture/privacy",
    tags,
    summary: "The culture view's privacy rules",
    middleware: [leaders] as const,
    responses: { 200: jsonResponse(CulturePrivacySchema, "The rules"), ...standardErrors },
  }),
  putPrivacy: createRoute({
    method: "put",
    path: "/culture/privacy",
    tags,
    summary: "Set the privacy rules (minimum group size, agent names, note text)",
    middleware: [admins] as const,
    request: {
      body: { content: { "application/json": { schema: CulturePrivacySchema } }, required: true },
    },
    responses: { 200: jsonResponse(CulturePrivacySchema, "The rules"), ...standardErrors },
  }),
};

export function cultureRoutes() {
  const r = createRouter();
  r.openapi(routes.view, async (c) =>
    c.json(
      await disrespectByTeamWeek(c.var.deps.db, c.var.principal!.orgId, c.req.valid("query").weeks),
      200,
    ),
  );
  r.openapi(routes.channelMessages, async (c) =>
    c.json(
      await ingestChannelMessages(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")),
      200,
    ),
  );
  r.openapi(routes.getPrivacy, async (c) =>
    c.json(await getPrivacy(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  r.openapi(routes.putPrivacy, async (c) =>
    c.json(await setPrivacy(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")), 200),
  );
  return r;
}

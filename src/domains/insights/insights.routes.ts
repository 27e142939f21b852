import { createRoute, z } from "@hono/zod-openapi";
import { requireAccess } from "../../http/auth.middleware.ts";
import {
  createRouter,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import type { Principal } from "../../lib/principal.ts";
import { buildDigest } from "./digest.service.ts";
import * as fixes from "./fixes.service.ts";
import { reclusterReasonsJob } from "./insights.jobs.ts";
import { ContactReasonRefSchema, findContactReason } from "../conversations/index.ts";
import {
  ConversationReasonBodySchema,
  CreateFixBodySchema,
  UpdateFixBodySchema,
  DigestSchema,
  FixImpactSchema,
  FixSchema,
  ImpactQuerySchema,
  MergeBodySchema,
  ReasonDetailSchema,
  ReasonPatchSchema,
  ReasonSchema,
  ReasonsQuerySchema,
  ReclusterBodySchema,
} from "./insights.schemas.ts";
import { getReasonDetail, listReasons } from "./reasons-view.service.ts";
import * as reasons from "./reasons.service.ts";

/** Leaders and executives read insights; leaders and admins edit reasons and register fixes. */
const readers = requireAccess({ roles: ["admin", "leader", "exec", "qa"], scope: "read" });
const editors = requireAccess({ roles: ["admin", "leader"], scope: "write" });
const tags = ["insights"];
const userOf = (p: Principal) => (p.kind === "session" ? p.userId : null);

const routes = {
  list: createRoute({
    method: "get",
    path: "/insights/reasons",
    tags,
    middleware: [readers] as const,
    summary: "Contact reasons with weekly volume, control limits and spikes",
    request: { query: ReasonsQuerySchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(ReasonSchema) }), "The reasons"),
      ...standardErrors,
    },
  }),
  get: createRoute({
    method: "get",
    path: "/insights/reasons/{id}",
    tags,
    middleware: [readers] as const,
    summary: "One reason with example conversations",
    request: { params: UuidParamSchema, query: ReasonsQuerySchema },
    responses: { 200: jsonResponse(ReasonDetailSchema, "The reason"), ...standardErrors },
  }),
  update: createRoute({
    method: "patch",
    path: "/insights/reasons/{id}",
    tags,
    middleware: [editors] as const,
    summary: "Rename, pin or set the owner (kept across re-clustering)",
    request: { params: UuidParamSchema, ...jsonBody(ReasonPatchSchema) },
    responses: { 200: jsonResponse(z.object({ id: z.string() }), "Updated"), ...standardErrors },
  }),
  setConversationReason: createRoute({
    method: "put",
    path: "/conversations/{id}/contact-reason",
    tags,
    middleware: [editors] as const,
    summary:
      "Set one conversation's contact reason by hand (kept across re-clustering), or null for the model's",
    request: { params: UuidParamSchema, ...jsonBody(ConversationReasonBodySchema) },
    responses: {
      200: jsonResponse(
        z.object({ contactReason: ContactReasonRefSchema.nullable() }),
        "The conversation's reason now",
      ),
      ...standardErrors,
    },
  }),
  merge: createRoute({
    method: "post",
    path: "/insights/reasons/{id}/merge",
    tags,
    middleware: [editors] as const,
    summary: "Merge other reasons into this one",
    request: { params: UuidParamSchema, ...jsonBody(MergeBodySchema) },
    responses: {
      200: jsonResponse(z.object({ id: z.string() }), "The surviving reason"),
      ...standardErrors,
    },
  }),
  split: createRoute({
    method: "post",
    path: "/insights/reasons/{id}/split",
    tags,
    middleware: [editors] as const,
    summary: "Split a reason in two by clustering its own conversations",
    request: { params: UuidParamSchema },
    responses: {
      200: jsonResponse(z.object({ ids: z.array(z.string()) }), "Both reasons"),
      ...standardErrors,
    },
  }),
  recluster: createRoute({
    method: "post",
    path: "/insights/reasons/recluster",
    tags,
    middleware: [editors] as const,
    summary: "Re-fit the reasons in the background (edits survive)",
    request: jsonBody(ReclusterBodySchema),
    responses: {
      202: jsonResponse(z.object({ queued: z.boolean() }), "Queued"),
      ...standardErrors,
    },
  }),
  digest: createRoute({
    method: "get",
    path: "/insights/digest",
    tags,
    middleware: [readers] as const,
    summary: "The weekly executive digest: rising reasons, fixes shipped and their effects",
    responses: { 200: jsonResponse(DigestSchema, "The digest"), ...standardErrors },
  }),
  createFix: createRoute({
    method: "post",
    path: "/fixes",
    tags,
    middleware: [editors] as const,
    summary: "Register a fix: what changed, when it shipped and what it targets",
    request: jsonBody(CreateFixBodySchema),
    responses: { 201: jsonResponse(FixSchema, "The fix"), ...standardErrors },
  }),
  listFixes: createRoute({
    method: "get",
    path: "/fixes",
    tags,
    middleware: [readers] as const,
    summary: "Fixes, newest ship date first",
    responses: {
      200: jsonResponse(z.object({ items: z.array(FixSchema) }), "The fixes"),
      ...standardErrors,
    },
  }),
  getFix: createRoute({
    method: "get",
    path: "/fixes/{id}",
    tags,
    middleware: [readers] as const,
    summary: "One fix",
    request: { params: UuidParamSchema },
    responses: { 200: jsonResponse(FixSchema, "The fix"), ...standardErrors },
  }),
  updateFix: createRoute({
    method: "patch",
    path: "/fixes/{id}",
    tags,
    middleware: [editors] as const,
    summary:
      "Correct a fix: its title, description, ship date or target (a changed search is matched again)",
    request: { params: UuidParamSchema, ...jsonBody(UpdateFixBodySchema) },
    responses: { 200: jsonResponse(FixSchema, "The fix"), ...standardErrors },
  }),
  deleteFix: createRoute({
    method: "delete",
    path: "/fixes/{id}",
    tags,
    middleware: [editors] as const,
    summary: "Delete a fix registered by mistake, with its matched conversations",
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Deleted" }, ...standardErrors },
  }),
  impact: createRoute({
    method: "get",
    path: "/fixes/{id}/impact",
    tags,
    middleware: [readers] as const,
    summary:
      "Measured impact: rate per 1,000 before and after with 95% intervals, difference in differences, verdict",
    request: { params: UuidParamSchema, query: ImpactQuerySchema },
    responses: { 200: jsonResponse(FixImpactSchema, "The impact"), ...standardErrors },
  }),
};

function fixView(f: fixes.DescribedFix) {
  return {
    id: f.id,
    title: f.title,
    description: f.description,
    shippedAt: f.shippedAt.toISOString(),
    target: f.target,
    targetReason: f.targetReason,
    createdByUserId: f.createdByUserId,
    createdAt: f.createdAt.toISOString(),
  };
}

export function insightsRoutes() {
  const r = createRouter();
  r.openapi(routes.list, async (c) => {
    const { weeks } = c.req.valid("query");
    return c.json({ items: await listReasons(c.var.deps.db, c.var.principal!.orgId, weeks) }, 200);
  });
  r.openapi(routes.get, async (c) => {
    const { id } = c.req.valid("param");
    const { weeks } = c.req.valid("query");
    return c.json(await getReasonDetail(c.var.deps.db, c.var.principal!.orgId, id, weeks), 200);
  });
  r.openapi(routes.update, async (c) => {
    const { id } = c.req.valid("param");
    await reasons.updateReason(c.var.deps.db, c.var.principal!.orgId, id, c.req.valid("json"));
    return c.json({ id }, 200);
  });
  r.openapi(routes.setConversationReason, async (c) => {
    const { db } = c.var.deps;
    const orgId = c.var.principal!.orgId;
    const { id } = c.req.valid("param");
    await reasons.setConversationReason(db, orgId, id, c.req.valid("json").reasonId);
    return c.json({ contactReason: await findContactReason(db, orgId, id) }, 200);
  });
  r.openapi(routes.merge, async (c) => {
    const { id } = c.req.valid("param");
    const orgId = c.var.principal!.orgId;
    await reasons.mergeReasons(c.var.deps.db, orgId, id, c.req.valid("json").reasonIds);
    return c.json({ id }, 200);
  });
  r.openapi(routes.split, async (c) => {
    const { id } = c.req.valid("param");
    const both = await reasons.splitReason(c.var.deps.db, c.var.principal!.orgId, id);
    return c.json({ ids: both.map((x) => x.id) }, 200);
  });
  r.openapi(routes.recluster, async (c) => {
    const orgId = c.var.principal!.orgId;
    const { k } = c.req.valid("json");
    await c.var.deps.queue.enqueue(reclusterReasonsJob.name, { orgId, k }, { orgId });
    return c.json({ queued: true }, 202);
  });
  r.openapi(routes.digest, async (c) =>
    c.json(await buildDigest(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  r.openapi(routes.createFix, async (c) => {
    const p = c.var.principal!;
    const { db, queue } = c.var.deps;
    const fix = await fixes.createFix(db, queue, p.orgId, userOf(p), c.req.valid("json"));
    return c.json(fixView(await fixes.describeFix(db, p.orgId, fix)), 201);
  });
  r.openapi(routes.listFixes, async (c) => {
    const { db } = c.var.deps;
    const orgId = c.var.principal!.orgId;
    const items = await fixes.describeFixes(db, orgId, await fixes.listFixes(db, orgId));
    return c.json({ items: items.map(fixView) }, 200);
  });
  r.openapi(routes.getFix, async (c) => {
    const { db } = c.var.deps;
    const orgId = c.var.principal!.orgId;
    const fix = await fixes.getFix(db, orgId, c.req.valid("param").id);
    return c.json(fixView(await fixes.describeFix(db, orgId, fix)), 200);
  });
  r.openapi(routes.updateFix, async (c) => {
    const { db, queue } = c.var.deps;
    const { id } = c.req.valid("param");
    const orgId = c.var.principal!.orgId;
    const fix = await fixes.updateFix(db, queue, orgId, id, c.req.valid("json"));
    return c.json(fixView(await fixes.describeFix(db, orgId, fix)), 200);
  });
  r.openapi(routes.deleteFix, async (c) => {
    await fixes.deleteFix(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id);
    return c.body(null, 204);
  });
  r.openapi(routes.impact, async (c) => {
    const { id } = c.req.valid("param");
    const { days } = c.req.valid("query");
    return c.json(await fixes.fixImpact(c.var.deps.db, c.var.principal!.orgId, id, days), 200);
  });
  return r;
}

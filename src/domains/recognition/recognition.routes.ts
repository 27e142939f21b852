import { createRoute } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess, sessionPrincipal } from "../../http/auth.middleware.ts";
import type { Principal } from "../../http/context.ts";
import { AppError } from "../../http/errors.ts";
import {
  createRouter,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import { buildDigest, sendDigest } from "./digest.service.ts";
import {
  agentRecognition,
  giveKudos,
  listColleagues,
  listKudos,
  myRecognition,
} from "./kudos.service.ts";
import {
  AgentRecognitionSchema,
  ColleagueListSchema,
  CollectBodySchema,
  CollectResultSchema,
  DigestSchema,
  DigestSendSchema,
  GiveKudosBodySchema,
  KudosListSchema,
  KudosQuerySchema,
  KudosSchema,
  ListLimitQuerySchema,
  MyRecognitionSchema,
  PreviewBodySchema,
  PreviewSchema,
  PublishBodySchema,
  ScheduleViewSchema,
  WowStoryListSchema,
  WowStorySchema,
} from "./recognition.schemas.ts";
import { RecognitionScheduleSchema } from "./schedule.ts";
import * as wow from "./wow.service.ts";

const CURATORS = ["admin", "leader", "qa"] as const;
const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const curatorsRead = requireAccess({ roles: CURATORS, scope: "read" });
const curatorsWrite = requireAccess({ roles: CURATORS, scope: "write" });
const leadersWrite = requireAccess({ roles: ["admin", "leader"], scope: "write" });
const leadersAdmin = requireAccess({ roles: ["admin", "leader"], scope: "admin" });
// Kudos are from one person to another: API keys have no person behind them.
const colleagues = requireAccess({ roles: ALL_ROLES });

const userOf = (p: Principal) => (p.kind === "session" ? p.userId : null);
const tags = ["recognition"];

const routes = {
  feed: createRoute({
    method: "get",
    path: "/wow-stories",
    tags,
    summary: "The wow-story feed: published stories, newest first",
    middleware: [readers] as const,
    request: { query: ListLimitQuerySchema },
    responses: { 200: jsonResponse(WowStoryListSchema, "Published stories"), ...standardErrors },
  }),
  candidates: createRoute({
    method: "get",
    path: "/wow-stories/candidates",
    tags,
    summary: "Wow-story candidates with the customer's words as evidence, strongest first",
    middleware: [curatorsRead] as const,
    request: { query: ListLimitQuerySchema },
    responses: { 200: jsonResponse(WowStoryListSchema, "Candidates"), ...standardErrors },
  }),
  collect: createRoute({
    method: "post",
    path: "/wow-stories/collect",
    tags,
    summary: "Collect candidates now (the schedule does it on its own)",
    middleware: [curatorsWrite] as const,
    request: jsonBody(CollectBodySchema),
    responses: { 200: jsonResponse(CollectResultSchema, "How many were new"), ...standardErrors },
  }),
  preview: createRoute({
    method: "post",
    path: "/wow-stories/{id}/preview",
    tags,
    summary:
      "Redaction preview: the draft (or the evidence) anonymised as publishing will store it",
    middleware: [curatorsWrite] as const,
    request: { params: UuidParamSchema, ...jsonBody(PreviewBodySchema) },
    responses: { 200: jsonResponse(PreviewSchema, "The anonymised text"), ...standardErrors },
  }),
  publish: createRoute({
    method: "post",
    path: "/wow-stories/{id}/publish",
    tags,
    summary: "Publish a candidate to the feed (title and story are anonymised again)",
    middleware: [curatorsWrite] as const,
    request: { params: UuidParamSchema, ...jsonBody(PublishBodySchema) },
    responses: { 200: jsonResponse(WowStorySchema, "The published story"), ...standardErrors },
  }),
  dismiss: createRoute({
    method: "post",
    path: "/wow-stories/{id}/dismiss",
    tags,
    summary: "Dismiss a candidate",
    middleware: [curatorsWrite] as const,
    request: { params: UuidParamSchema },
    responses: { 200: jsonResponse(WowStorySchema, "The dismissed candidate"), ...standardErrors },
  }),
  digest: createRoute({
    method: "get",
    path: "/wow-stories/digest",
    tags,
    summary: "Preview of the next e-mail digest (published stories not sent yet)",
    middleware: [curatorsRead] as const,
    responses: { 200: jsonResponse(DigestSchema, "The digest"), ...standardErrors },
  }),
  sendDigest: createRoute({
    method: "post",
    path: "/wow-stories/digest",
    tags,
    summary: "Send the digest now to every member (the schedule does it on its own)",
    middleware: [leadersWrite] as const,
    responses: { 200: jsonResponse(DigestSendSchema, "What was sent"), ...standardErrors },
  }),
  getSchedule: createRoute({
    method: "get",
    path: "/recognition/schedule",
    tags,
    summary: "When candidates are collected and the digest goes out",
    middleware: [curatorsRead] as const,
    responses: { 200: jsonResponse(ScheduleViewSchema, "The schedule"), ...standardErrors },
  }),
  putSchedule: createRoute({
    method: "put",
    path: "/recognition/schedule",
    tags,
    summary: "Set the schedule: ISO weekdays (1 = Monday), local hour, IANA time zone",
    middleware: [leadersAdmin] as const,
    request: jsonBody(RecognitionScheduleSchema),
    responses: { 200: jsonResponse(ScheduleViewSchema, "The schedule"), ...standardErrors },
  }),
  giveKudos: createRoute({
    method: "post",
    path: "/kudos",
    tags,
    summary: "Give kudos to a colleague for a conversation (not to yourself, not outside your org)",
    middleware: [colleagues] as const,
    request: jsonBody(GiveKudosBodySchema),
    responses: { 201: jsonResponse(KudosSchema, "The kudos"), ...standardErrors },
  }),
  listKudos: createRoute({
    method: "get",
    path: "/kudos",
    tags,
    summary: "Kudos you received or gave; `box=all` for leaders",
    middleware: [colleagues] as const,
    request: { query: KudosQuerySchema },
    responses: { 200: jsonResponse(KudosListSchema, "Kudos, newest first"), ...standardErrors },
  }),
  colleagues: createRoute({
    method: "get",
    path: "/kudos/colleagues",
    tags,
    summary: "Colleagues you can give kudos to (names only)",
    middleware: [colleagues] as const,
    responses: { 200: jsonResponse(ColleagueListSchema, "Colleagues"), ...standardErrors },
  }),
  me: createRoute({
    method: "get",
    path: "/recognition/me",
    tags,
    summary: "Your recognition: kudos received, published wow stories about you",
    middleware: [colleagues] as const,
    responses: {
      200: jsonResponse(MyRecognitionSchema, "Counts and latest kudos"),
      ...standardErrors,
    },
  }),
  agent: createRoute({
    method: "get",
    path: "/recognition/agents/{id}",
    tags,
    summary: "Recognition counts on an agent's page",
    middleware: [readers] as const,
    request: { params: UuidParamSchema },
    responses: { 200: jsonResponse(AgentRecognitionSchema, "Counts"), ...standardErrors },
  }),
};

export function recognitionRoutes() {
  const r = createRouter();
  r.openapi(routes.feed, async (c) =>
    c.json(await wow.feed(c.var.deps.db, c.var.principal!.orgId, c.req.valid("query").limit), 200),
  );
  r.openapi(routes.candidates, async (c) => {
    const { limit } = c.req.valid("query");
    return c.json(await wow.listCandidates(c.var.deps.db, c.var.principal!.orgId, limit), 200);
  });
  r.openapi(routes.collect, async (c) => {
    const until = new Date();
    const since = new Date(until.getTime() - c.req.valid("json").days * 86_400_000);
    const collected = await wow.collectCandidates(
      c.var.deps.db,
      c.var.principal!.orgId,
      since,
      until,
    );
    return c.json({ collected }, 200);
  });
  r.openapi(routes.preview, async (c) => {
    const { id } = c.req.valid("param");
    const { draft } = c.req.valid("json");
    return c.json(await wow.previewStory(c.var.deps.db, c.var.principal!.orgId, id, draft), 200);
  });
  r.openapi(routes.publish, async (c) => {
    const p = c.var.principal!;
    const { id } = c.req.valid("param");
    return c.json(
      await wow.publish(c.var.deps.db, p.orgId, userOf(p), id, c.req.valid("json")),
      200,
    );
  });
  r.openapi(routes.dismiss, async (c) =>
    c.json(await wow.dismiss(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id), 200),
  );
  r.openapi(routes.digest, async (c) =>
    c.json(await buildDigest(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  r.openapi(routes.sendDigest, async (c) =>
    c.json(await sendDigest(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  r.openapi(routes.getSchedule, async (c) =>
    c.json(wow.scheduleView(await wow.getSchedule(c.var.deps.db, c.var.principal!.orgId)), 200),
  );
  r.openapi(routes.putSchedule, async (c) => {
    const p = c.var.principal!;
    return c.json(
      wow.scheduleView(await wow.setSchedule(c.var.deps.db, p.orgId, c.req.valid("json"))),
      200,
    );
  });
  r.openapi(routes.giveKudos, async (c) => {
    const p = sessionPrincipal(c);
    return c.json(await giveKudos(c.var.deps.db, p.orgId, p.userId, c.req.valid("json")), 201);
  });
  r.openapi(routes.listKudos, async (c) => {
    const p = sessionPrincipal(c);
    const { box, limit } = c.req.valid("query");
    if (box === "all" && p.role !== "admin" && p.role !== "leader")
      throw new AppError("FORBIDDEN", { message: "box=all: only leaders see everyone's kudos" });
    const filter =
      box === "received" ? { toUserId: p.userId } : box === "given" ? { fromUserId: p.userId } : {};
    return c.json(await listKudos(c.var.deps.db, p.orgId, filter, limit), 200);
  });
  r.openapi(routes.colleagues, async (c) => {
    const p = sessionPrincipal(c);
    return c.json(await listColleagues(c.var.deps.db, p.orgId, p.userId), 200);
  });
  r.openapi(routes.me, async (c) => {
    const p = sessionPrincipal(c);
    return c.json(await myRecognition(c.var.deps.db, p.orgId, p.userId), 200);
  });
  r.openapi(routes.agent, async (c) =>
    c.json(
      await agentRecognition(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id),
      200,
    ),
  );
  return r;
}

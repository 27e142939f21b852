import { createRoute, z } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import { createRouter, jsonResponse, standardErrors, UuidParamSchema } from "../../http/openapi.ts";
import {
  addBestPractice,
  listCandidates,
  listLibrary,
  removeBestPractice,
} from "./best-practices.service.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const curatorsRead = requireAccess({ roles: ["admin", "leader", "qa"], scope: "read" });
const curatorsWrite = requireAccess({ roles: ["admin", "leader", "qa"], scope: "write" });

const CriterionKey = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "a scorecard criterion key");

const BestPracticeSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    criterionKey: z.string(),
    criterionName: z.string(),
    note: z.string(),
    qaScore: z.number().nullable(),
    satisfaction: z.number().nullable(),
    praised: z.boolean(),
    excerpt: z.string(),
    agentName: z.string().nullable(),
    channel: z.string(),
    createdAt: z.string(),
  })
  .openapi("BestPractice");
const LibrarySchema = z
  .object({
    items: z.array(BestPracticeSchema),
    criteria: z.array(z.object({ key: z.string(), name: z.string(), count: z.number().int() })),
  })
  .openapi("BestPracticeLibrary");
const CandidateListSchema = z
  .object({
    items: z.array(
      z.object({
        conversationId: z.string(),
        agentName: z.string().nullable(),
        channel: z.string(),
        startedAt: z.string(),
        qaScore: z.number(),
        satisfaction: z.number().nullable(),
        csat: z.number().nullable(),
        praised: z.boolean(),
        curated: z.boolean(),
      }),
    ),
  })
  .openapi("BestPracticeCandidates");
const AddBodySchema = z
  .strictObject({
    conversationId: z.uuid(),
    criterionKey: CriterionKey,
    note: z.string().trim().max(2000).default(""),
  })
  .openapi("AddBestPracticeBody");

const tags = ["best-practices"];

const routes = {
  list: createRoute({
    method: "get",
    path: "/best-practices",
    tags,
    summary:
      "The best-practice library (assist cites it): curated exemplary conversations per criterion",
    middleware: [readers] as const,
    request: {
      query: z.object({
        criterion: CriterionKey.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: { 200: jsonResponse(LibrarySchema, "The library"), ...standardErrors },
  }),
  candidates: createRoute({
    method: "get",
    path: "/best-practices/candidates",
    tags,
    summary: "Exemplary conversations for a criterion: high QA, satisfied customer, praise first",
    middleware: [curatorsRead] as const,
    request: {
      query: z.object({
        criterion: CriterionKey,
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
    },
    responses: { 200: jsonResponse(CandidateListSchema, "Candidates"), ...standardErrors },
  }),
  add: createRoute({
    method: "post",
    path: "/best-practices",
    tags,
    summary: "Curate a conversation into the library under a criterion",
    middleware: [curatorsWrite] as const,
    request: {
      body: { content: { "application/json": { schema: AddBodySchema } }, required: true },
    },
    responses: { 201: jsonResponse(BestPracticeSchema, "The library item"), ...standardErrors },
  }),
  remove: createRoute({
    method: "delete",
    path: "/best-practices/{id}",
    tags,
    summary: "Take an item out of the library",
    middleware: [curatorsWrite] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Removed" }, ...standardErrors },
  }),
};

export function bestPracticesRoutes() {
  const r = createRouter();
  r.openapi(routes.list, async (c) => {
    const { criterion, limit } = c.req.valid("query");
    return c.json(await listLibrary(c.var.deps.db, c.var.principal!.orgId, criterion, limit), 200);
  });
  r.openapi(routes.candidates, async (c) => {
    const { criterion, limit } = c.req.valid("query");
    return c.json(
      await listCandidates(c.var.deps.db, c.var.principal!.orgId, criterion, limit),
      200,
    );
  });
  r.openapi(routes.add, async (c) => {
    const p = c.var.principal!;
    const actor = p.kind === "session" ? p.userId : null;
    return c.json(await addBestPractice(c.var.deps.db, p.orgId, actor, c.req.valid("json")), 201);
  });
  r.openapi(routes.remove, async (c) => {
    await removeBestPractice(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id);
    return c.body(null, 204);
  });
  return r;
}

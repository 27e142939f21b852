import { createRoute } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import {
  createRouter,
  ErrorResponseSchema,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import {
  CommentBodySchema,
  CreateIdeaBodySchema,
  IdeaDetailSchema,
  IdeaListQuerySchema,
  IdeaListSchema,
  IdeaSchema,
  PatchIdeaBodySchema,
  VoteResultSchema,
} from "./ideas.schemas.ts";
import * as ideas from "./ideas.service.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const everyone = requireAccess({ roles: ALL_ROLES, scope: "write" });
const reviewers = requireAccess({ roles: ["admin", "leader", "exec"], scope: "write" });

const tags = ["ideas"];

const routes = {
  list: createRoute({
    method: "get",
    path: "/ideas",
    tags,
    summary: "The innovation box: ideas, most voted first; filter by status or source",
    middleware: [readers] as const,
    request: { query: IdeaListQuerySchema },
    responses: { 200: jsonResponse(IdeaListSchema, "Ideas"), ...standardErrors },
  }),
  create: createRoute({
    method: "post",
    path: "/ideas",
    tags,
    summary: "Submit an idea",
    middleware: [everyone] as const,
    request: jsonBody(CreateIdeaBodySchema),
    responses: { 201: jsonResponse(IdeaSchema, "The new idea"), ...standardErrors },
  }),
  get: createRoute({
    method: "get",
    path: "/ideas/{id}",
    tags,
    summary: "An idea with its comments",
    middleware: [readers] as const,
    request: { params: UuidParamSchema },
    responses: { 200: jsonResponse(IdeaDetailSchema, "The idea"), ...standardErrors },
  }),
  patch: createRoute({
    method: "patch",
    path: "/ideas/{id}",
    tags,
    summary: "Review an idea: status (declined needs a reason), title, linked fix",
    middleware: [reviewers] as const,
    request: { params: UuidParamSchema, ...jsonBody(PatchIdeaBodySchema) },
    responses: { 200: jsonResponse(IdeaSchema, "The idea"), ...standardErrors },
  }),
  vote: createRoute({
    method: "post",
    path: "/ideas/{id}/votes",
    tags,
    summary: "Vote for an idea (once; a second vote answers 409)",
    middleware: [everyone] as const,
    request: { params: UuidParamSchema },
    responses: {
      201: jsonResponse(VoteResultSchema, "Counted"),
      409: {
        description: "Already voted",
        content: { "application/json": { schema: ErrorResponseSchema } },
      },
      ...standardErrors,
    },
  }),
  comment: createRoute({
    method: "post",
    path: "/ideas/{id}/comments",
    tags,
    summary: "Comment on an idea",
    middleware: [everyone] as const,
    request: { params: UuidParamSchema, ...jsonBody(CommentBodySchema) },
    responses: {
      201: jsonResponse(IdeaDetailSchema, "The idea with its comments"),
      ...standardErrors,
    },
  }),
};

export function ideasRoutes() {
  const r = createRouter();
  r.openapi(routes.list, async (c) => {
    const p = c.var.principal!;
    return c.json(await ideas.listIdeas(c.var.deps.db, p.orgId, p, c.req.valid("query")), 200);
  });
  r.openapi(routes.create, async (c) => {
    const p = c.var.principal!;
    return c.json(await ideas.createIdea(c.var.deps.db, p.orgId, p, c.req.valid("json")), 201);
  });
  r.openapi(routes.get, async (c) => {
    const p = c.var.principal!;
    return c.json(await ideas.getIdea(c.var.deps.db, p.orgId, p, c.req.valid("param").id), 200);
  });
  r.openapi(routes.patch, async (c) => {
    const p = c.var.principal!;
    const { id } = c.req.valid("param");
    return c.json(await ideas.patchIdea(c.var.deps.db, p.orgId, p, id, c.req.valid("json")), 200);
  });
  r.openapi(routes.vote, async (c) => {
    const p = c.var.principal!;
    return c.json(await ideas.vote(c.var.deps.db, p.orgId, p, c.req.valid("param").id), 201);
  });
  r.openapi(routes.comment, async (c) => {
    const p = c.var.principal!;
    const { id } = c.req.valid("param");
    return c.json(
      await ideas.comment(c.var.deps.db, p.orgId, p, id, c.req.valid("json").body),
      201,
    );
  });
  return r;
}

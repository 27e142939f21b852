import { createRoute, z } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess } from "../../http/auth.middleware.ts";
import {
  conflictError,
  createRouter,
  jsonBody,
  jsonContent,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import { backtestVersion } from "./backtest.service.ts";
import { getConversationQa } from "./evaluations.service.ts";
import { queuedReview } from "./queue.service.ts";
import {
  DefinitionSchema,
  EvaluationListSchema,
  ScorecardListSchema,
  ScorecardSchema,
  ScorecardVersionParamSchema,
} from "./qa.schemas.ts";
import * as service from "./scorecards.service.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const builders = requireAccess({ roles: ["admin", "qa"], scope: "write" });
const analysts = requireAccess({ roles: ["admin", "leader", "qa"], scope: "read" });

const BacktestSchema = z
  .object({
    sample: z.number().int(),
    version: z.number().int(),
    currentVersion: z.number().int().nullable(),
    draft: z.object({ mean: z.number().nullable(), histogram: z.array(z.number().int()) }),
    current: z
      .object({ mean: z.number().nullable(), histogram: z.array(z.number().int()) })
      .nullable(),
    criteria: z.array(
      z.object({
        key: z.string(),
        alpha: z.number().nullable(),
        currentAlpha: z.number().nullable(),
      }),
    ),
  })
  .openapi("QaBacktest");

const routes = {
  list: createRoute({
    method: "get",
    path: "/scorecards",
    tags: ["qa"],
    summary: "Scorecards at their published version, with criteria and any draft",
    middleware: [readers] as const,
    responses: {
      200: { description: "Scorecards", ...jsonContent(ScorecardListSchema) },
      ...standardErrors,
    },
  }),
  create: createRoute({
    method: "post",
    path: "/scorecards",
    tags: ["qa"],
    summary: "Create a scorecard as a draft (version 1) (admin, QA)",
    middleware: [builders] as const,
    request: jsonBody(DefinitionSchema),
    responses: {
      201: { description: "Created", ...jsonContent(ScorecardSchema) },
      ...standardErrors,
    },
  }),
  get: createRoute({
    method: "get",
    path: "/scorecards/{id}",
    tags: ["qa"],
    summary: "One scorecard with its draft and the latest back-fill's progress",
    middleware: [readers] as const,
    request: { params: UuidParamSchema },
    responses: {
      200: { description: "The scorecard", ...jsonContent(ScorecardSchema) },
      ...standardErrors,
    },
  }),
  newDraft: createRoute({
    method: "post",
    path: "/scorecards/{id}/versions",
    tags: ["qa"],
    summary: "Start the next version as a draft (admin, QA)",
    middleware: [builders] as const,
    request: { params: UuidParamSchema, ...jsonBody(DefinitionSchema) },
    responses: {
      201: { description: "Draft created", ...jsonContent(ScorecardSchema) },
      ...standardErrors,
      ...conflictError,
    },
  }),
  edit: createRoute({
    method: "put",
    path: "/scorecards/{id}/versions/{version}",
    tags: ["qa"],
    summary: "Edit a draft version; a published version answers 409 (admin, QA)",
    middleware: [builders] as const,
    request: { params: ScorecardVersionParamSchema, ...jsonBody(DefinitionSchema) },
    responses: {
      200: { description: "Saved", ...jsonContent(ScorecardSchema) },
      ...standardErrors,
      ...conflictError,
    },
  }),
  publish: createRoute({
    method: "post",
    path: "/scorecards/{id}/versions/{version}/publish",
    tags: ["qa"],
    summary: "Publish a draft and back-fill every stored conversation (admin, QA)",
    middleware: [builders] as const,
    request: { params: ScorecardVersionParamSchema },
    responses: {
      200: { description: "Published", ...jsonContent(ScorecardSchema) },
      ...standardErrors,
      ...conflictError,
    },
  }),
  backtest: createRoute({
    method: "get",
    path: "/scorecards/{id}/versions/{version}/backtest",
    tags: ["qa"],
    summary: "Run a version over already-reviewed conversations, beside the published one",
    middleware: [analysts] as const,
    request: { params: ScorecardVersionParamSchema },
    responses: {
      200: { description: "Backtest", ...jsonContent(BacktestSchema) },
      ...standardErrors,
    },
  }),
  conversationQa: createRoute({
    method: "get",
    path: "/conversations/{id}/qa",
    tags: ["qa"],
    summary: "A conversation's automatic and human evaluations with evidence (agents: their own)",
    middleware: [readers] as const,
    request: { params: UuidParamSchema },
    responses: {
      200: { description: "Evaluations", ...jsonContent(EvaluationListSchema) },
      ...standardErrors,
    },
  }),
};

export function scorecardsRoutes() {
  const r = createRouter();
  r.openapi(routes.list, async (c) =>
    c.json({ items: await service.listScorecards(c.var.deps.db, c.var.principal!.orgId) }, 200),
  );
  r.openapi(routes.create, async (c) =>
    c.json(
      await service.createScorecard(c.var.deps.db, c.var.principal!, c.req.valid("json")),
      201,
    ),
  );
  r.openapi(routes.get, async (c) =>
    c.json(
      await service.getScorecard(c.var.deps.db, c.var.principal!.orgId, c.req.valid("param").id),
      200,
    ),
  );
  r.openapi(routes.newDraft, async (c) =>
    c.json(
      await service.createDraft(
        c.var.deps.db,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      201,
    ),
  );
  r.openapi(routes.edit, async (c) => {
    const { id, version } = c.req.valid("param");
    return c.json(
      await service.editVersion(c.var.deps.db, c.var.principal!, id, version, c.req.valid("json")),
      200,
    );
  });
  r.openapi(routes.publish, async (c) => {
    const { id, version } = c.req.valid("param");
    return c.json(await service.publishVersion(c.var.deps, c.var.principal!, id, version), 200);
  });
  r.openapi(routes.backtest, async (c) => {
    const { id, version } = c.req.valid("param");
    return c.json(await backtestVersion(c.var.deps.db, c.var.principal!.orgId, id, version), 200);
  });
  r.openapi(routes.conversationQa, async (c) =>
    c.json(
      {
        ...(await getConversationQa(c.var.deps.db, c.var.principal!, c.req.valid("param").id)),
        queued: await queuedReview(c.var.deps.db, c.var.principal!, c.req.valid("param").id),
      },
      200,
    ),
  );
  return r;
}

import { createRoute, z } from "@hono/zod-openapi";
import { requireAccess } from "../../http/auth.middleware.ts";
import {
  createRouter,
  ErrorResponseSchema,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import * as statements from "./statement.service.ts";
import {
  CompareSchema,
  ContractBodySchema,
  ContractSchema,
  ImportBodySchema,
  ImportResultSchema,
  MonthQuerySchema,
  StatementSchema,
  VendorBodySchema,
  VendorPatchSchema,
  VendorSchema,
} from "./vendors.schemas.ts";
import * as service from "./vendors.service.ts";

/** Contracts and penalties are management information: leaders, QA and executives read; admins write. */
const leaders = requireAccess({ roles: ["admin", "leader", "qa", "exec"], scope: "read" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });
const conflict = jsonResponse(
  ErrorResponseSchema,
  "Name taken, or a team already belongs to another vendor",
);

const routes = {
  list: createRoute({
    method: "get",
    path: "/vendors",
    tags: ["vendors"],
    summary: "Vendors with their teams and contracts",
    middleware: [leaders] as const,
    responses: {
      200: jsonResponse(z.object({ items: z.array(VendorSchema) }), "Vendors"),
      ...standardErrors,
    },
  }),
  create: createRoute({
    method: "post",
    path: "/vendors",
    tags: ["vendors"],
    summary: "Add a vendor and the teams it owns",
    middleware: [admins] as const,
    request: jsonBody(VendorBodySchema),
    responses: { 201: jsonResponse(VendorSchema, "The vendor"), 409: conflict, ...standardErrors },
  }),
  update: createRoute({
    method: "patch",
    path: "/vendors/{id}",
    tags: ["vendors"],
    summary: "Rename a vendor or change its teams",
    middleware: [admins] as const,
    request: { params: UuidParamSchema, ...jsonBody(VendorPatchSchema) },
    responses: { 200: jsonResponse(VendorSchema, "The vendor"), 409: conflict, ...standardErrors },
  }),
  addContract: createRoute({
    method: "post",
    path: "/vendors/{id}/contracts",
    tags: ["vendors"],
    summary: "Add a contract: service levels with credit bands per shortfall",
    middleware: [admins] as const,
    request: { params: UuidParamSchema, ...jsonBody(ContractBodySchema) },
    responses: { 201: jsonResponse(ContractSchema, "The contract"), ...standardErrors },
  }),
  importMetrics: createRoute({
    method: "post",
    path: "/vendors/{id}/metrics/import",
    tags: ["vendors"],
    summary: "Import monthly figures Rapport does not see (telephony) from CSV",
    middleware: [admins] as const,
    request: { params: UuidParamSchema, ...jsonBody(ImportBodySchema) },
    responses: {
      200: jsonResponse(ImportResultSchema, "Rows stored, and bad rows by line"),
      ...standardErrors,
    },
  }),
  statement: createRoute({
    method: "get",
    path: "/vendors/{id}/statement",
    tags: ["vendors"],
    summary: "The vendor's compliance statement for a month, with credits owed",
    middleware: [leaders] as const,
    request: { params: UuidParamSchema, query: MonthQuerySchema },
    responses: { 200: jsonResponse(StatementSchema, "The statement"), ...standardErrors },
  }),
  compare: createRoute({
    method: "get",
    path: "/vendors/compare",
    tags: ["vendors"],
    summary: "Every vendor's statement for a month, side by side",
    middleware: [leaders] as const,
    request: { query: MonthQuerySchema },
    responses: { 200: jsonResponse(CompareSchema, "Statements"), ...standardErrors },
  }),
};

export function vendorsRoutes() {
  const r = createRouter();
  r.openapi(routes.list, async (c) =>
    c.json({ items: await service.listVendors(c.var.deps.db, c.var.principal!.orgId) }, 200),
  );
  r.openapi(routes.create, async (c) =>
    c.json(
      await service.createVendor(c.var.deps.db, c.var.principal!.orgId, c.req.valid("json")),
      201,
    ),
  );
  r.openapi(routes.update, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(
      await service.updateVendor(c.var.deps.db, c.var.principal!.orgId, id, c.req.valid("json")),
      200,
    );
  });
  r.openapi(routes.addContract, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(
      await service.addContract(c.var.deps.db, c.var.principal!.orgId, id, c.req.valid("json")),
      201,
    );
  });
  r.openapi(routes.importMetrics, async (c) => {
    const { id } = c.req.valid("param");
    const { csv } = c.req.valid("json");
    return c.json(
      await statements.importVendorMetrics(c.var.deps.db, c.var.principal!.orgId, id, csv),
      200,
    );
  });
  r.openapi(routes.statement, async (c) => {
    const { id } = c.req.valid("param");
    const { month } = c.req.valid("query");
    return c.json(
      await statements.vendorStatement(c.var.deps.db, c.var.principal!.orgId, id, month),
      200,
    );
  });
  r.openapi(routes.compare, async (c) =>
    c.json(
      await statements.compareVendors(
        c.var.deps.db,
        c.var.principal!.orgId,
        c.req.valid("query").month,
      ),
      200,
    ),
  );
  return r;
}

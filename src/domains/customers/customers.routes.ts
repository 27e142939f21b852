import { createRoute } from "@hono/zod-openapi";
import { requireAccess } from "../../http/auth.middleware.ts";
import { createRouter, standardErrors, UuidParamSchema } from "../../http/openapi.ts";
import { CustomerExportSchema } from "./customers.schemas.ts";
import * as customers from "./customers.service.ts";

const admins = requireAccess({ roles: ["admin"], scope: "admin" });

const routes = {
  exportCustomer: createRoute({
    method: "get",
    path: "/customers/{id}/export",
    tags: ["privacy"],
    summary: "Everything stored about one customer, as JSON (admin): a data-subject access request",
    middleware: [admins] as const,
    request: { params: UuidParamSchema },
    responses: {
      200: {
        description: "The customer, identities, conversations, messages and analyses",
        content: { "application/json": { schema: CustomerExportSchema } },
      },
      ...standardErrors,
    },
  }),
  eraseCustomer: createRoute({
    method: "delete",
    path: "/customers/{id}",
    tags: ["privacy"],
    summary:
      "Erase a customer and everything about them (admin); the audit entry keeps no personal data",
    middleware: [admins] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Erased" }, ...standardErrors },
  }),
};

export function customersRoutes() {
  const r = createRouter();
  r.openapi(routes.exportCustomer, async (c) => {
    const { db } = c.var.deps;
    const data = await customers.exportCustomer(
      db,
      c.var.principal!.orgId,
      c.req.valid("param").id,
    );
    return c.json(data, 200);
  });
  r.openapi(routes.eraseCustomer, async (c) => {
    const { db } = c.var.deps;
    const principal = c.var.principal!;
    await customers.eraseCustomer(db, principal.orgId, principal, c.req.valid("param").id);
    return c.body(null, 204);
  });
  return r;
}

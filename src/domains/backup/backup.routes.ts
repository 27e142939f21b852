import { createRoute, z } from "@hono/zod-openapi";
import { requireAccess, sessionPrincipal } from "../../http/auth.middleware.ts";
import { createRouter, jsonContent, standardErrors } from "../../http/openapi.ts";
import { rateLimit } from "../../http/rate-limit.middleware.ts";
import { AppError } from "../../lib/errors.ts";
import { SETUP_POLICY } from "../throttle/index.ts";
import * as service from "./backup.service.ts";
import { isSetupToken, removeSetupToken } from "./setup-token.ts";

/** Largest backup the browser may upload; bigger instances restore with `rapport restore`. */
export const RESTORE_MAX_BYTES = 1024 ** 3;

const InstanceSchema = z
  .object({
    operator: z.boolean().openapi({ description: "May download a backup of the whole instance" }),
  })
  .openapi("InstanceAccess");
const SetupStatusSchema = z.object({ needsSetup: z.boolean() }).openapi("SetupStatus");
const RestoredSchema = z
  .object({ tables: z.number().int(), rows: z.number().int() })
  .openapi("RestoreResult");

const routes = {
  instance: createRoute({
    method: "get",
    path: "/instance",
    tags: ["backup"],
    summary: "Whether you operate this instance (admins; sessions only)",
    middleware: [requireAccess({ roles: ["admin"] })] as const,
    responses: {
      200: { description: "Access", ...jsonContent(InstanceSchema) },
      ...standardErrors,
    },
  }),
  backup: createRoute({
    method: "get",
    path: "/instance/backup",
    tags: ["backup"],
    summary: "Download a backup of every organization as JSON lines (instance operators)",
    middleware: [requireAccess({ roles: ["admin"] })] as const,
    responses: {
      200: {
        description: "The backup file, streamed",
        content: { "application/x-ndjson": { schema: z.string() } },
      },
      ...standardErrors,
    },
  }),
  setupStatus: createRoute({
    method: "get",
    path: "/setup",
    tags: ["backup"],
    summary: "Whether this instance has no organization yet (no login)",
    responses: {
      200: { description: "Status", ...jsonContent(SetupStatusSchema) },
      ...standardErrors,
    },
  }),
  restore: createRoute({
    method: "post",
    path: "/setup/restore",
    tags: ["backup"],
    summary:
      "Restore a backup into an instance with no organization; send the file as the body and the token from <data dir>/setup-token as X-Setup-Token (no login)",
    middleware: [rateLimit(SETUP_POLICY)] as const,
    request: {
      headers: z.object({ "x-setup-token": z.string().max(200).optional() }),
      body: { required: true, content: { "application/octet-stream": { schema: z.string() } } },
    },
    responses: {
      200: { description: "Restored", ...jsonContent(RestoredSchema) },
      ...standardErrors,
    },
  }),
};

export function backupRoutes() {
  const r = createRouter();
  r.openapi(routes.instance, async (c) => {
    const { db, config } = c.var.deps;
    const operator = await service.isInstanceOperator(
      db,
      sessionPrincipal(c).userId,
      config.operatorEmails,
    );
    return c.json({ operator }, 200);
  });
  r.openapi(routes.backup, async (c) => {
    const { db, config } = c.var.deps;
    const { userId } = sessionPrincipal(c);
    if (!(await service.isInstanceOperator(db, userId, config.operatorEmails))) {
      throw new AppError("FORBIDDEN", {
        message: "Only the instance operator can download a backup of every organization",
      });
    }
    const file = await service.writeBackupFile(db);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(service.streamAndDelete(file), {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="rapport-${day}.backup.jsonl"`,
        "cache-control": "no-store",
      },
    }) as never;
  });
  r.openapi(routes.setupStatus, async (c) =>
    c.json({ needsSetup: await service.needsSetup(c.var.deps.db) }, 200),
  );
  r.openapi(routes.restore, async (c) => {
    const { db, config } = c.var.deps;
    if (!(await service.needsSetup(db))) {
      throw new AppError("CONFLICT", {
        message: "This instance already has organizations: restore onto a new one",
      });
    }
    if (!isSetupToken(config.setupTokenFile, c.req.valid("header")["x-setup-token"])) {
      throw new AppError("FORBIDDEN", {
        message:
          "Wrong or missing setup token: it is in the file setup-token of the data directory",
      });
    }
    const body = c.req.raw.body;
    if (!body)
      throw new AppError("VALIDATION_FAILED", { message: "body: the backup file is missing" });
    const result = await service.restoreUpload(db, body);
    removeSetupToken(config.setupTokenFile);
    return c.json(result, 200);
  });
  return r;
}

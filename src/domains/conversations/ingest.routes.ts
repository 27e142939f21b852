import { createRoute } from "@hono/zod-openapi";
import { requireAccess } from "../../http/auth.middleware.ts";
import { AppError } from "../../http/errors.ts";
import { createRouter, standardErrors } from "../../http/openapi.ts";
import {
  IngestBodySchema,
  IngestConversationSchema,
  IngestResponseSchema,
} from "./ingest.schemas.ts";
import { ingestConversations } from "./ingest.service.ts";

const ingestRoute = createRoute({
  method: "post",
  path: "/interactions",
  tags: ["ingest"],
  summary: "Ingest up to 1,000 conversations (10 MB); idempotent on source + externalId",
  description:
    "Each item is validated on its own: malformed items are rejected with their reason while the rest are stored. " +
    "Re-sending an item changes nothing; new messages of a known conversation are appended in timestamp order. " +
    "A 200 answer means every accepted item is durably stored; new conversations are already analysed, and appends to known ones are analysed through the job queue.",
  middleware: [requireAccess({ roles: ["admin"], scope: "ingest" })] as const,
  request: {
    body: { content: { "application/json": { schema: IngestBodySchema } }, required: true },
  },
  responses: {
    200: {
      description: "One result per item, in order",
      content: { "application/json": { schema: IngestResponseSchema } },
    },
    413: { description: "More than 10 MB", content: standardErrors[400].content },
    ...standardErrors,
  },
});

export function ingestRoutes() {
  // Text hygiene is part of each item's validation, so that one bad item is rejected alone.
  const r = createRouter({ bodyTextCheckedPerItem: true });
  // Listed so that the OpenAPI document describes the item shape the batch endpoint validates.
  r.openAPIRegistry.register("IngestConversation", IngestConversationSchema);
  r.openapi(ingestRoute, async (c) => {
    const { conversations } = c.req.valid("json");
    const { db, queue } = c.var.deps;
    const results = await ingestConversations({ db, queue }, c.var.principal!.orgId, conversations);
    // A request in which nothing was acceptable is a bad request as a whole; name the first problem.
    if (results.every((r) => r.status === "rejected")) {
      const index = results.findIndex((r) => r.error);
      throw new AppError("VALIDATION_FAILED", {
        message: `conversations[${index}].${results[index]?.error?.message ?? "invalid"}`,
        details: { results },
      });
    }
    return c.json({ results }, 200);
  });
  return r;
}

import { createRoute } from "@hono/zod-openapi";
import { requireAccess } from "../../http/auth.middleware.ts";
import { createRouter, jsonContent, standardErrors } from "../../http/openapi.ts";
// The conversations index does not re-export the response schema (yet); the schema file is pure zod.
import { IngestResultSchema } from "../conversations/ingest.schemas.ts";
import { UploadTranscriptBodySchema } from "./transcripts.schemas.ts";
import { uploadTranscript } from "./transcripts.service.ts";

const uploadRoute = createRoute({
  method: "post",
  path: "/transcripts",
  tags: ["ingest"],
  summary:
    "Upload a call transcript (WebVTT, SRT or Amazon Transcribe JSON) as a phone conversation",
  description:
    "Consecutive cues of one speaker less than a second apart become one message with start and end offsets. " +
    "Speakers map to roles through `speakerRoles`, else the speaker who greets (usually first) is the agent. " +
    "Idempotent on source + externalId. 400 names the field or the line the parser could not read.",
  middleware: [requireAccess({ roles: ["admin"], scope: "ingest" })] as const,
  request: { body: { ...jsonContent(UploadTranscriptBodySchema), required: true } },
  responses: {
    201: { description: "Stored as a new conversation", ...jsonContent(IngestResultSchema) },
    200: { description: "Already known: updated or unchanged", ...jsonContent(IngestResultSchema) },
    413: { description: "More than 10 MB", content: standardErrors[400].content },
    ...standardErrors,
  },
});

export function transcriptsRoutes() {
  const r = createRouter();
  r.openapi(uploadRoute, async (c) => {
    const { db, queue } = c.var.deps;
    const result = await uploadTranscript(
      { db, queue },
      c.var.principal!.orgId,
      c.req.valid("json"),
    );
    return result.status === "created" ? c.json(result, 201) : c.json(result, 200);
  });
  return r;
}

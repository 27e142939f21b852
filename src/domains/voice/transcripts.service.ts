import { ingestConversations, type IngestDeps, type IngestResult } from "../conversations/index.ts";
import { AppError } from "../../lib/errors.ts";
import { parseTranscript } from "./parse-transcript.ts";
import type { UploadTranscriptBody } from "./transcripts.schemas.ts";

/**
 * Parses an uploaded transcript and ingests it as one phone conversation (a Contact Lens chat file
 * as a chat), redacted, stored and queued for analysis like any other. Idempotent on source + externalId: the same upload again
 * answers "unchanged".
 */
export async function uploadTranscript(
  deps: IngestDeps,
  orgId: string,
  body: UploadTranscriptBody,
): Promise<IngestResult> {
  const { format, content, ...meta } = body;
  const parsed = parseTranscript(format, content, meta);
  if ("error" in parsed)
    throw new AppError("TRANSCRIPT_INVALID", { message: `content: ${parsed.error}` });
  const [result] = await ingestConversations(deps, orgId, [parsed.item]);
  if (!result || result.status === "rejected") {
    throw new AppError("VALIDATION_FAILED", {
      message: result?.error?.message ?? "the transcript was rejected",
    });
  }
  return result;
}

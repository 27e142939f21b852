/**
 * Call transcripts (`vtt`, `srt`, `transcribe` = Amazon Transcribe JSON): one file is one phone
 * conversation, parsed by the voice domain. The file is read whole: a transcript is one record.
 */
import { text } from "node:stream/consumers";
import { parseTranscript, type TranscriptFormat } from "../../voice/index.ts";
import type { ImportRecord, ReaderContext } from "../records.ts";

export function transcriptReader(format: TranscriptFormat) {
  return async function* readTranscript(ctx: ReaderContext): AsyncGenerator<ImportRecord> {
    const content = await text(ctx.open(true));
    const externalId = ctx.externalId ?? ctx.fileName;
    const result = parseTranscript(format, content, {
      externalId,
      source: ctx.source,
      ...(ctx.startedAt === undefined ? {} : { startedAt: ctx.startedAt }),
    });
    yield "error" in result
      ? { kind: "reject", ref: { record: 1 }, externalId, reason: result.error }
      : { kind: "conversation", ref: { record: 1 }, item: result.item };
  };
}

import { parseAmazonTranscribeCues } from "./amazon-transcribe.ts";
import { parseSrtCues, parseVttCues } from "./caption-files.ts";
import { buildChatItem } from "./contact-lens-chat.ts";
import { buildTranscriptItem, type ParseResult, type TranscriptMeta } from "./utterances.ts";

export const TRANSCRIPT_FORMATS = ["vtt", "srt", "amazon-transcribe"] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

/**
 * Turns a call transcript into one ingestable phone conversation (a Contact Lens file of a chat into
 * a chat conversation, see `contact-lens-chat.ts`). Never throws: anything it cannot read comes
 * back as `{ error }` naming the problem.
 *
 * Consecutive cues of one speaker less than a second apart become one utterance (message), with
 * `startOffset`/`endOffset` in seconds and `ts = startedAt + startOffset` (startedAt defaults to
 * `opts.now`, i.e. the time of the upload). Speakers map to roles through `meta.speakerRoles`, else
 * by the heuristic documented in `speaker-roles.ts` (the first speaker of a call-centre recording,
 * who greets, is the agent).
 *
 * @example
 * const result = parseTranscript("vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Agent>Thanks for calling!", {
 *   externalId: "call-1",
 *   startedAt: "2026-11-23T09:00:00Z",
 * });
 * if ("item" in result) result.item.messages[0]; // { role: "agent", text: "Thanks for calling!", startOffset: 0, … }
 */
export function parseTranscript(
  format: TranscriptFormat,
  content: string,
  meta: TranscriptMeta,
  opts: { now?: Date } = {},
): ParseResult {
  try {
    const parsed =
      format === "vtt"
        ? parseVttCues(content)
        : format === "srt"
          ? parseSrtCues(content)
          : format === "amazon-transcribe"
            ? parseAmazonTranscribeCues(content)
            : { error: `unknown transcript format "${String(format)}"` };
    if ("error" in parsed) return parsed;
    if ("chat" in parsed) return buildChatItem(parsed.chat, meta);
    return buildTranscriptItem(parsed.cues, meta, opts.now ?? new Date());
  } catch (err) {
    // The parsers are written not to throw; this keeps the promise to callers if one ever does.
    return {
      error: `could not read the transcript (${err instanceof Error ? err.message : String(err)})`,
    };
  }
}

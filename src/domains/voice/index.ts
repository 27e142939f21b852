/** Voice: call transcripts (WebVTT, SRT, Amazon Transcribe) into conversations, and their upload API. */
export { parseTranscript, TRANSCRIPT_FORMATS, type TranscriptFormat } from "./parse-transcript.ts";
export type { ParseResult, TranscriptMeta } from "./utterances.ts";
export type { SpeakerRole } from "./speaker-roles.ts";
export { uploadTranscript } from "./transcripts.service.ts";
export { transcriptsRoutes } from "./transcripts.routes.ts";

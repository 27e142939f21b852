import type { ImportFormat } from "../imports.schemas.ts";
import type { RecordReader } from "../records.ts";
import { readChatwoot } from "./chatwoot.ts";
import { readFreshdesk } from "./freshdesk.ts";
import { readCsv, readJsonl } from "./generic.ts";
import { transcriptReader } from "./transcript.ts";
import { readTwitter } from "./twitter.ts";
import { readZendesk } from "./zendesk.ts";

/** The reader of each format. */
export const READERS: Record<ImportFormat, RecordReader> = {
  csv: readCsv,
  jsonl: readJsonl,
  zendesk: readZendesk,
  freshdesk: readFreshdesk,
  chatwoot: readChatwoot,
  twitter: readTwitter,
  vtt: transcriptReader("vtt"),
  srt: transcriptReader("srt"),
  transcribe: transcriptReader("amazon-transcribe"),
};

/** Formats whose file is one conversation (options like --external-id apply to them only). */
export const TRANSCRIPT_IMPORT_FORMATS: readonly ImportFormat[] = ["vtt", "srt", "transcribe"];

import { IngestConversationSchema, type IngestConversation } from "../conversations/index.ts";
import { assignSpeakerRoles, type SpeakerRole } from "./speaker-roles.ts";

/** One timed piece of speech as a transcript format gives it, before merging. */
export interface Cue {
  /** Speaker label as written in the file ("spk_0", "Sarah", "ch_1"); undefined when the file has none. */
  speaker: string | undefined;
  text: string;
  /** Seconds from the start of the recording. */
  start: number;
  end: number;
}

/** One speaker's turn: consecutive cues of that speaker merged. */
export interface Utterance {
  speaker: string;
  text: string;
  start: number;
  end: number;
}

export interface TranscriptMeta {
  externalId: string;
  source?: string | undefined;
  /** ISO-8601 start of the call; message `ts` = startedAt + startOffset. */
  startedAt?: string | undefined;
  customer?: { externalId: string; name?: string | undefined } | undefined;
  agent?: { externalId: string; name?: string | undefined } | undefined;
  speakerRoles?: Record<string, SpeakerRole> | undefined;
}

export type ParseResult = { item: IngestConversation } | { error: string };

/** Cues of one speaker closer than this merge into one utterance (captions split sentences). */
export const MERGE_GAP_SECONDS = 1;
/** Ingest refuses offsets beyond a day; so do we, with a clearer message. */
const MAX_OFFSET_SECONDS = 86_400;
/** The label given to speech when a file names no speaker at all. */
export const UNLABELLED_SPEAKER = "speaker";
export const DEFAULT_TRANSCRIPT_SOURCE = "transcript";

/**
 * Sorts cues by start time (stable), gives unlabelled cues the previous speaker, and merges
 * consecutive cues of one speaker whose gap is under {@link MERGE_GAP_SECONDS}.
 */
export function mergeCues(cues: readonly Cue[]): Utterance[] {
  const sorted = cues
    .map((cue, index) => ({ cue, index }))
    .sort((a, b) => a.cue.start - b.cue.start || a.index - b.index)
    .map(({ cue }) => cue);
  const out: Utterance[] = [];
  let lastSpeaker: string | undefined;
  for (const cue of sorted) {
    const text = cue.text.replace(/\s+/g, " ").trim();
    if (!text) continue;
    const speaker = cue.speaker ?? lastSpeaker ?? UNLABELLED_SPEAKER;
    lastSpeaker = speaker;
    const prev = out[out.length - 1];
    if (prev && prev.speaker === speaker && cue.start - prev.end < MERGE_GAP_SECONDS) {
      prev.text = `${prev.text} ${text}`;
      prev.end = Math.max(prev.end, cue.end);
      continue;
    }
    out.push({ speaker, text, start: cue.start, end: Math.max(cue.start, cue.end) });
  }
  return out;
}

/** Turns cues into one ingestable phone conversation, or says why it cannot. */
export function buildTranscriptItem(
  cues: readonly Cue[],
  meta: TranscriptMeta,
  now: Date,
): ParseResult {
  const bad = cues.find(
    (c) => !Number.isFinite(c.start) || !Number.isFinite(c.end) || c.start < 0 || c.end < 0,
  );
  if (bad)
    return { error: `invalid time ${bad.start}..${bad.end}: offsets must be non-negative seconds` };
  const late = cues.find((c) => c.start > MAX_OFFSET_SECONDS || c.end > MAX_OFFSET_SECONDS);
  if (late) return { error: `cue at ${late.start}s: offsets must be within 24 hours of the start` };
  const utterances = mergeCues(cues);
  if (utterances.length === 0) return { error: "the transcript holds no speech" };
  const startedMs = meta.startedAt === undefined ? now.getTime() : Date.parse(meta.startedAt);
  // The last check also refuses start times so far out that adding an offset leaves the Date range.
  if (
    !Number.isFinite(startedMs) ||
    Number.isNaN(new Date(startedMs + MAX_OFFSET_SECONDS * 1000).getTime())
  ) {
    return { error: "startedAt: must be an ISO-8601 timestamp" };
  }
  const roles = assignSpeakerRoles(utterances, meta.speakerRoles ?? {});
  const customerSpeaker = utterances.find((u) => roles.get(u.speaker) === "customer")?.speaker;
  const last = utterances[utterances.length - 1]!;
  // Message ids make a re-upload of the same transcript harmless (ingest is idempotent on them);
  // they are left out when the conversation id is so long that they would exceed the id limit.
  const withIds = meta.externalId.length <= 190;
  const candidate: IngestConversation = {
    externalId: meta.externalId,
    source: meta.source ?? DEFAULT_TRANSCRIPT_SOURCE,
    channel: "phone",
    status: "closed",
    // An unknown caller is one customer per call rather than one shared "unknown" customer.
    customer: meta.customer ?? {
      externalId: `call:${meta.externalId}`,
      ...(customerSpeaker && customerSpeaker !== UNLABELLED_SPEAKER
        ? { name: customerSpeaker.slice(0, 200) }
        : {}),
    },
    ...(meta.agent ? { agent: meta.agent } : {}),
    messages: utterances.map((u, i) => ({
      role: roles.get(u.speaker) ?? "customer",
      text: u.text,
      ts: new Date(startedMs + Math.round(u.start * 1000)).toISOString(),
      startOffset: roundOffset(u.start),
      endOffset: roundOffset(Math.max(u.start, u.end)),
      ...(withIds ? { externalId: `${meta.externalId}:${i}` } : {}),
      metadata: { speaker: u.speaker },
    })),
    // Keys in jsonb order (shorter first): ingest compares stored metadata as JSON text, so this
    // order makes a re-upload "unchanged" rather than "updated".
    metadata: {
      transcript: {
        speakers: [...roles].map(([speaker, role]) => ({ role, speaker })),
        durationSeconds: roundOffset(last.end),
      },
    },
  };
  return checkedConversation(candidate, "transcript");
}

/**
 * The conversation a transcript reader built, as ingest will take it, or its first problem named by
 * its path (`whole` when the problem is the conversation itself).
 */
export function checkedConversation(candidate: IngestConversation, whole: string): ParseResult {
  const parsed = IngestConversationSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      error: issue ? `${issue.path.join(".") || whole}: ${issue.message}` : `invalid ${whole}`,
    };
  }
  return { item: parsed.data };
}

/** Millisecond precision: enough for speech, and stable through JSON and double precision columns. */
function roundOffset(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

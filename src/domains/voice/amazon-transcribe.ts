import { z } from "zod";
import type { ContactLensChat } from "./contact-lens-chat.ts";
import { isContactLens, parseContactLensCues } from "./contact-lens.ts";
import type { Cue } from "./utterances.ts";

/*
 * Amazon Transcribe batch output (https://docs.aws.amazon.com/transcribe/latest/dg/how-input.html):
 * `results.items` are words (`type: "pronunciation"`, with `start_time`/`end_time` as decimal
 * strings) and punctuation (no times). Speakers come, in order of preference, from:
 *   - `results.audio_segments` (newer output): one segment per turn with its transcript and
 *     `speaker_label` or `channel_label`;
 *   - a `speaker_label` / `channel_label` on each item (speaker diarization / channel identification);
 *   - `results.speaker_labels.segments` (older diarization output): items take the label of the
 *     segment their start time falls in;
 *   - `results.channel_labels.channels[].items` (older channel identification output).
 * Unknown fields are ignored: the vendor adds fields over time.
 */

const seconds = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === "number" ? v : v.trim() === "" ? Number.NaN : Number(v);
  if (!Number.isFinite(n) || n < 0) {
    ctx.addIssue({ code: "custom", message: "must be a non-negative number of seconds" });
    return z.NEVER;
  }
  return n;
});

const ItemSchema = z.object({
  type: z.string().optional(),
  start_time: seconds.optional(),
  end_time: seconds.optional(),
  speaker_label: z.string().optional(),
  channel_label: z.string().optional(),
  alternatives: z.array(z.object({ content: z.string() })).optional(),
});
type Item = z.infer<typeof ItemSchema>;

const AmazonTranscribeSchema = z.object({
  results: z.object({
    items: z.array(ItemSchema).optional(),
    audio_segments: z
      .array(
        z.object({
          transcript: z.string(),
          start_time: seconds,
          end_time: seconds,
          speaker_label: z.string().optional(),
          channel_label: z.string().optional(),
        }),
      )
      .optional(),
    speaker_labels: z
      .object({
        segments: z
          .array(z.object({ start_time: seconds, end_time: seconds, speaker_label: z.string() }))
          .optional(),
      })
      .optional(),
    channel_labels: z
      .object({
        channels: z
          .array(z.object({ channel_label: z.string(), items: z.array(ItemSchema) }))
          .optional(),
      })
      .optional(),
  }),
});

function describe(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "amazon-transcribe: not a Transcribe result";
  return `amazon-transcribe: ${issue.path.map(String).join(".") || "document"}: ${issue.message}`;
}

/**
 * Parses an Amazon Transcribe JSON result into cues (one per segment, or one per word); a Contact
 * Lens file of a chat gives its messages instead.
 */
export function parseAmazonTranscribeCues(
  content: string,
): { cues: Cue[] } | { chat: ContactLensChat } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { error: "amazon-transcribe: the content is not JSON" };
  }
  if (isContactLens(json)) return parseContactLensCues(json);
  const parsed = AmazonTranscribeSchema.safeParse(json);
  if (!parsed.success) return { error: describe(parsed.error.issues[0]) };
  const { results } = parsed.data;

  if (results.audio_segments && results.audio_segments.length > 0) {
    return {
      cues: results.audio_segments.map((s) => ({
        speaker: s.speaker_label ?? s.channel_label,
        text: s.transcript,
        start: s.start_time,
        end: Math.max(s.start_time, s.end_time),
      })),
    };
  }

  let items = results.items ?? [];
  const channels = results.channel_labels?.channels ?? [];
  if (items.every((i) => !i.speaker_label && !i.channel_label) && channels.length > 0) {
    items = channelItemsInTimeOrder(channels);
  }
  const segments = [...(results.speaker_labels?.segments ?? [])].sort(
    (a, b) => a.start_time - b.start_time,
  );
  const cues: Cue[] = [];
  for (const item of items) {
    const text = item.alternatives?.[0]?.content ?? "";
    if (!text) continue;
    const prev = cues[cues.length - 1];
    if (item.type === "punctuation" || item.start_time === undefined) {
      // Punctuation has no time: it ends the previous word ("Hello" + "," = "Hello,").
      if (prev) prev.text += text;
      continue;
    }
    const start = item.start_time;
    const end = Math.max(start, item.end_time ?? start);
    const speaker = item.speaker_label ?? item.channel_label ?? speakerAt(segments, start);
    cues.push({ speaker, text, start, end });
  }
  if (cues.length === 0) return { error: "amazon-transcribe: results hold no words" };
  return { cues };
}

/**
 * Older channel-identification output lists words per channel; interleave them by time. Punctuation
 * is folded into the word before it first, so a sort can never separate the two.
 */
function channelItemsInTimeOrder(
  channels: readonly { channel_label: string; items: Item[] }[],
): Item[] {
  const words: Item[] = [];
  for (const channel of channels) {
    let last: Item | undefined;
    for (const item of channel.items) {
      const content = item.alternatives?.[0]?.content ?? "";
      if (item.type === "punctuation" || item.start_time === undefined) {
        if (last)
          last.alternatives = [{ content: `${last.alternatives?.[0]?.content ?? ""}${content}` }];
        continue;
      }
      last = { ...item, channel_label: channel.channel_label, alternatives: [{ content }] };
      words.push(last);
    }
  }
  // Array.prototype.sort is stable, so words with equal times keep their channel order.
  return words.sort((a, b) => (a.start_time ?? 0) - (b.start_time ?? 0));
}

/** The label of the diarization segment that contains `at` (segments sorted by start; binary search). */
function speakerAt(
  segments: readonly { start_time: number; end_time: number; speaker_label: string }[],
  at: number,
): string | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  let found: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.start_time <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === undefined) return undefined;
  const segment = segments[found]!;
  return at <= segment.end_time ? segment.speaker_label : undefined;
}

import { isSpeakerLikeLabel } from "./speaker-roles.ts";
import type { Cue } from "./utterances.ts";

/*
 * WebVTT (W3C WebVTT, https://www.w3.org/TR/webvtt1/) and SubRip (.srt) caption files as call
 * transcripts. Both are blocks separated by blank lines, each with an optional identifier line, a
 * timing line `start --> end` and payload lines. Speakers come from VTT voice spans
 * (`<v Sarah>Hello</v>`, `<v.loud Sarah>`) or from a `Speaker: text` prefix (both formats).
 */

type CueOrError = { cues: Cue[] } | { error: string };

/** `hh:mm:ss.ttt` or `mm:ss.ttt` (VTT), `hh:mm:ss,ttt` (SRT); hours may exceed two digits. */
const TIME = String.raw`(?:(\d{1,3}):)?([0-5]?\d):([0-5]?\d)(?:[.,](\d{1,3}))?`;
const TIMING_LINE = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}(?:\s.*)?$`);
/** A leading "Name: " that reads like a speaker label (1–4 words, starts with a letter). */
const SPEAKER_PREFIX =
  /^\s*-?\s*([\p{L}][\p{L}\p{N}_.'-]*(?: [\p{L}\p{N}_.'-]+){0,3})\s*:\s+(.*)$/u;
const VOICE_TAG = /<v(?:\.[^\s>]*)?\s+([^>]*)>/;

function toSeconds(h: string | undefined, m: string, s: string, frac: string | undefined): number {
  const fraction = frac ? Number(frac.padEnd(3, "0")) / 1000 : 0;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + fraction;
}

function parseTiming(line: string): { start: number; end: number } | null {
  const m = TIMING_LINE.exec(line);
  if (!m) return null;
  return { start: toSeconds(m[1], m[2]!, m[3]!, m[4]), end: toSeconds(m[5], m[6]!, m[7]!, m[8]) };
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  lrm: "",
  rlm: "",
};

/** Removes markup (`<i>`, `<c.x>`, inline timestamps, SRT `{\an8}`) and decodes the common entities. */
function stripMarkup(text: string): string {
  return text
    .replace(/<[^>]*>/g, "")
    .replace(/\{\\[^}]*\}/g, "")
    .replace(/&(amp|lt|gt|quot|apos|nbsp|lrm|rlm);/g, (_, name: string) => ENTITIES[name] ?? "")
    .replace(/&#(\d{1,6});/g, (_, code: string) => safeCodePoint(Number(code)))
    .trim();
}

function safeCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
}

function splitBlocks(content: string): string[][] {
  return content
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) => block.split("\n"))
    .filter((lines) => lines.some((l) => l.trim() !== ""));
}

/** Payload lines → (speaker, text) pieces; a line without a label continues the previous speaker. */
function speakerPieces(
  lines: readonly string[],
  voiceTags: boolean,
): { speaker: string | undefined; text: string }[] {
  const pieces: { speaker: string | undefined; text: string }[] = [];
  for (const raw of lines) {
    let speaker: string | undefined;
    let line = raw;
    if (voiceTags) {
      const voice = VOICE_TAG.exec(line);
      if (voice) speaker = stripMarkup(voice[1] ?? "") || undefined;
    }
    line = stripMarkup(line);
    if (!speaker) {
      const prefix = SPEAKER_PREFIX.exec(line);
      if (prefix) {
        speaker = prefix[1];
        line = prefix[2] ?? "";
      }
    }
    if (!line) continue;
    const prev = pieces[pieces.length - 1];
    if (prev && (speaker === undefined || speaker === prev.speaker))
      prev.text = `${prev.text} ${line}`;
    else pieces.push({ speaker, text: line });
  }
  return pieces;
}

function cuesFromBlocks(
  blocks: readonly string[][],
  voiceTags: boolean,
  format: string,
): CueOrError {
  const cues: Cue[] = [];
  for (const lines of blocks) {
    const at = lines.findIndex((l) => l.includes("-->"));
    if (at === -1 || at > 1) continue; // not a cue (an SRT index alone, VTT NOTE/STYLE/REGION text)
    const timing = parseTiming(lines[at]!);
    if (!timing)
      return { error: `${format}: unreadable timing line "${lines[at]!.trim().slice(0, 60)}"` };
    if (timing.end < timing.start)
      return {
        error: `${format}: cue ends before it starts at "${lines[at]!.trim().slice(0, 60)}"`,
      };
    for (const piece of speakerPieces(lines.slice(at + 1), voiceTags))
      cues.push({ ...piece, ...timing });
  }
  if (cues.length === 0) return { error: `${format}: no cues found` };
  return { cues: keepRealSpeakerLabels(cues) };
}

/**
 * "Note: the line drops" looks like a speaker prefix. A label counts when it prefixes two or more
 * cues, reads like a speaker label ("Caller", "spk_1"), or the file has fewer than three cues;
 * other would-be labels are put back into the text.
 */
function keepRealSpeakerLabels(cues: Cue[]): Cue[] {
  if (cues.length < 3) return cues;
  const uses = new Map<string, number>();
  for (const c of cues) if (c.speaker) uses.set(c.speaker, (uses.get(c.speaker) ?? 0) + 1);
  return cues.map((c) =>
    c.speaker && (uses.get(c.speaker) ?? 0) < 2 && !isSpeakerLikeLabel(c.speaker)
      ? { ...c, speaker: undefined, text: `${c.speaker}: ${c.text}` }
      : c,
  );
}

/** Parses a WebVTT file; the first line must start with "WEBVTT". */
export function parseVttCues(content: string): CueOrError {
  const blocks = splitBlocks(content);
  const header = blocks[0]?.[0]?.trim() ?? "";
  if (!/^WEBVTT(?:[ \t]|$)/.test(header))
    return { error: 'vtt: the file must start with "WEBVTT"' };
  const first = blocks[0]!;
  // The header block may run straight into the first cue when the blank line is missing.
  const rest = first.slice(1).some((l) => l.includes("-->"))
    ? [first.slice(1), ...blocks.slice(1)]
    : blocks.slice(1);
  const cueBlocks = rest.filter(
    (lines) => !/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(lines[0]?.trim() ?? ""),
  );
  return cuesFromBlocks(cueBlocks, true, "vtt");
}

/** Parses a SubRip file: numbered cues with `hh:mm:ss,mmm --> hh:mm:ss,mmm` timings. */
export function parseSrtCues(content: string): CueOrError {
  return cuesFromBlocks(splitBlocks(content), false, "srt");
}

/**
 * Removes quoted history and signatures from a plain-text email body, so that analysis reads what
 * the sender wrote in this message and not the thread below it.
 *
 * Only whole lines are removed, never rewritten: the result is a subsequence of the input's lines
 * (split on any line break), so stripping cannot invent text. It is applied until nothing changes,
 * which makes it idempotent by construction (each pass either removes a line or stops).
 */
export function stripQuotedText(text: string): string {
  let lines = splitLines(text);
  // Bounded: every pass that does not return removes at least one line.
  for (;;) {
    const next = stripPass(lines);
    if (next.length === lines.length) return next.join("\n");
    lines = next;
  }
}

/** Splits on CRLF, LF or a lone CR, so that joining with "\n" and splitting again is lossless. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

const isBlank = (line: string) => line.trim() === "";
const isQuoted = (line: string) => /^\s*>/.test(line);

/** "-- " is the RFC 3676 signature separator; many clients drop its trailing space. */
const isSignatureDelimiter = (line: string) => /^--\s*$/.test(line);

/** Sign-off lines mobile and desktop clients append. */
const DEVICE_SIGNOFF =
  /^\s*(sent from my \S|sent from (outlook|mail for windows|yahoo mail|aol mail|proton ?mail)|get outlook for (ios|android)|sent via \S|envoyé de mon|von meinem \S+ gesendet|enviado desde mi)/i;

/** "-----Original Message-----" (Outlook, Lotus) and its localised forms. */
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original)\s*-{2,}\s*$/i;

/** Outlook puts a line of underscores above its header block. */
const UNDERSCORE_RULE = /^\s*_{10,}\s*$/;
const HEADER_FROM = /^\s*\*?(from|von|de):\*?\s+\S/i;
const HEADER_SENT = /^\s*\*?(sent|date|gesendet|envoyé|enviado|datum):\*?\s+\S/i;

/** First line of an attribution such as "On Mon, 8 Jan 2024 at 09:12, Jane <j@x.org> wrote:". */
const ATTRIBUTION_START = /^\s*(on|le|am|el|op|il)\s.{0,300}$/i;
const ATTRIBUTION_END = /(wrote|a écrit|schrieb|escribió|schreef|ha scritto)\s*:\s*$/i;

/** Where an Outlook header block ("From: … Sent: …") starts, if `i` starts one. */
function isOutlookHeader(lines: string[], i: number): boolean {
  const line = lines[i] ?? "";
  if (UNDERSCORE_RULE.test(line)) {
    const next = lines.slice(i + 1, i + 3).find((l) => !isBlank(l));
    return next !== undefined && HEADER_FROM.test(next);
  }
  if (!HEADER_FROM.test(line)) return false;
  return lines.slice(i + 1, i + 5).some((l) => HEADER_SENT.test(l));
}

/** The last line of an attribution that starts at `i` (Gmail wraps it over up to 3 lines), or -1. */
function attributionEnd(lines: string[], i: number): number {
  if (!ATTRIBUTION_START.test(lines[i] ?? "")) return -1;
  for (let j = i; j < Math.min(lines.length, i + 3); j++) {
    const line = lines[j]!;
    if (isBlank(line) || isQuoted(line)) return -1;
    if (ATTRIBUTION_END.test(line)) return j;
  }
  return -1;
}

function stripPass(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isQuoted(line)) continue;
    if (isSignatureDelimiter(line) || DEVICE_SIGNOFF.test(line)) break;
    if (ORIGINAL_MESSAGE.test(line) || isOutlookHeader(lines, i)) break;
    const end = attributionEnd(lines, i);
    if (end >= 0) {
      // Followed by ">" lines: an inline or bottom-posted reply may go on below, so only the
      // attribution goes. Followed by plain text: the quoted history is not marked, cut it all.
      const next = lines.slice(end + 1).find((l) => !isBlank(l));
      if (next === undefined || isQuoted(next)) {
        i = end;
        continue;
      }
      break;
    }
    out.push(line);
  }
  let start = 0;
  let stop = out.length;
  while (start < stop && isBlank(out[start]!)) start++;
  while (stop > start && isBlank(out[stop - 1]!)) stop--;
  return out.slice(start, stop);
}

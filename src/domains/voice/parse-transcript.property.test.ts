import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTranscript, TRANSCRIPT_FORMATS } from "./index.ts";

const meta = { externalId: "prop-call", startedAt: "2026-11-23T09:00:00Z" };

/** Timestamps as both caption formats write them, sometimes malformed on purpose. */
const time = fc
  .tuple(fc.nat(30), fc.nat(70), fc.nat(70), fc.nat(1200), fc.constantFrom(".", ","))
  .map(
    ([h, m, s, ms, sep]) =>
      `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}${sep}${String(ms).padStart(3, "0")}`,
  );
const speaker = fc.constantFrom("Agent", "Caller", "spk_0", "spk_1", "Sarah", "");
const payload = fc.oneof(
  fc.string(),
  fc.tuple(speaker, fc.string()).map(([s, t]) => (s ? `${s}: ${t}` : t)),
  fc.tuple(speaker, fc.string()).map(([s, t]) => `<v ${s}>${t}</v>`),
);
const cue = fc
  .tuple(fc.option(fc.nat(99)), time, time, payload)
  .map(([id, a, b, text]) => `${id === null ? "" : `${id}\n`}${a} --> ${b}\n${text}`);
const captionFile = fc
  .tuple(fc.boolean(), fc.array(cue, { maxLength: 12 }), fc.constantFrom("\n", "\r\n"))
  .map(([header, cues, eol]) =>
    `${header ? "WEBVTT\n\n" : ""}${cues.join("\n\n")}`.replaceAll("\n", eol),
  );

const amazonNumber = fc.oneof(
  fc.double({ noNaN: false }),
  fc.nat(5000).map((n) => String(n / 100)),
  fc.string(),
);
const amazonDoc = fc
  .record({
    items: fc.array(
      fc.record(
        {
          type: fc.constantFrom("pronunciation", "punctuation", "other"),
          start_time: amazonNumber,
          end_time: amazonNumber,
          speaker_label: fc.constantFrom("spk_0", "spk_1"),
          alternatives: fc.array(fc.record({ content: fc.string() }), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 15 },
    ),
    segments: fc.array(
      fc.record({ start_time: amazonNumber, end_time: amazonNumber, speaker_label: fc.string() }),
      { maxLength: 4 },
    ),
  })
  .map(({ items, segments }) =>
    JSON.stringify({ results: { items, speaker_labels: { segments } } }),
  );

function checkInvariants(result: ReturnType<typeof parseTranscript>): void {
  if ("error" in result) {
    expect(typeof result.error).toBe("string");
    return;
  }
  let previousStart = 0;
  for (const m of result.item.messages) {
    expect(m.startOffset).toBeGreaterThanOrEqual(0);
    expect(m.endOffset).toBeGreaterThanOrEqual(m.startOffset ?? 0);
    expect(m.startOffset).toBeGreaterThanOrEqual(previousStart);
    previousStart = m.startOffset ?? 0;
    expect(m.text.trim()).not.toBe("");
  }
}

describe("parseTranscript properties", () => {
  it("never throws on arbitrary text in any format", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRANSCRIPT_FORMATS),
        fc.string({ maxLength: 2000 }),
        (format, content) => {
          checkInvariants(parseTranscript(format, content, meta));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("caption files give non-negative offsets in order, or an error", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("vtt" as const, "srt" as const),
        captionFile,
        (format, content) => {
          checkInvariants(parseTranscript(format, content, meta));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("Amazon Transcribe-shaped JSON gives non-negative offsets in order, or an error", () => {
    fc.assert(
      fc.property(amazonDoc, (content) =>
        checkInvariants(parseTranscript("amazon-transcribe", content, meta)),
      ),
      { numRuns: 300 },
    );
  });

  it("a well-formed caption file keeps every word", () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("Agent", "Caller"), word), {
          minLength: 1,
          maxLength: 10,
        }),
        (lines) => {
          const vtt = `WEBVTT\n\n${lines.map(([s, w], i) => `00:00:${String(i * 2).padStart(2, "0")}.000 --> 00:00:${String(i * 2 + 1).padStart(2, "0")}.000\n<v ${s}>${w}</v>`).join("\n\n")}`;
          const result = parseTranscript("vtt", vtt, meta);
          if ("error" in result) throw new Error(result.error);
          expect(result.item.messages.map((m) => m.text).join(" ")).toBe(
            lines.map(([, w]) => w).join(" "),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseTranscript } from "./index.ts";
import type { ParseResult } from "./utterances.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), "utf8");
const meta = { externalId: "call-1", startedAt: "2026-11-23T09:00:00.000Z" };

function item(result: ParseResult) {
  if ("error" in result) throw new Error(`expected an item, got error: ${result.error}`);
  return result.item;
}
const summary = (result: ParseResult) =>
  item(result).messages.map((m) => [m.role, m.text, m.startOffset, m.endOffset] as const);

describe("parseTranscript: WebVTT", () => {
  it("reads voice spans, merges a speaker's cues under a second apart and skips NOTE and STYLE blocks", () => {
    const result = parseTranscript("vtt", fixture("call-voice-tags.vtt"), meta);
    expect(summary(result)).toEqual([
      [
        "agent",
        "Thank you for calling Acme Broadband, my name is Sarah, how can I help you today?",
        0.5,
        4.1,
      ],
      [
        "customer",
        "This is the third time I call about my router. I want to speak to a manager & I want it now!",
        5,
        11.9,
      ],
      ["agent", "I'm so sorry to hear that, let me look at your account.", 13, 16.5],
    ]);
  });

  it("sets ts = startedAt + startOffset, a phone channel, message ids and the speaker label", () => {
    const conv = item(
      parseTranscript("vtt", fixture("call-voice-tags.vtt"), { ...meta, source: "genesys" }),
    );
    expect(conv).toMatchObject({ externalId: "call-1", source: "genesys", channel: "phone" });
    expect(conv.messages.map((m) => m.ts)).toEqual([
      "2026-11-23T09:00:00.500Z",
      "2026-11-23T09:00:05.000Z",
      "2026-11-23T09:00:13.000Z",
    ]);
    expect(conv.messages.map((m) => m.externalId)).toEqual(["call-1:0", "call-1:1", "call-1:2"]);
    expect(conv.messages[1]?.metadata).toEqual({ speaker: "Mr Jones" });
    // An unknown caller becomes a customer of this call, named after their speaker label.
    expect(conv.customer).toEqual({ externalId: "call:call-1", name: "Mr Jones" });
  });

  it("reads 'Speaker: text' prefixes and role words in labels", () => {
    expect(summary(parseTranscript("vtt", fixture("call-prefixed.vtt"), meta))).toEqual([
      ["agent", "Good morning, you've reached Acme support.", 0, 2.5],
      ["customer", "Hi, my parcel never arrived. It was due last Monday.", 3, 8],
      ["agent", "I'm sorry about that. I'll send a replacement today.", 9, 12],
    ]);
  });

  it("keeps cues of one speaker apart when the gap is a second or more", () => {
    const vtt =
      "WEBVTT\n\n00:00.000 --> 00:01.000\nA: one\n\n00:02.000 --> 00:03.000\nA: two\n\n00:03.500 --> 00:04.000\nA: three\n";
    expect(summary(parseTranscript("vtt", vtt, meta)).map((m) => m[1])).toEqual([
      "one",
      "two three",
    ]);
  });

  it("uses speakerRoles over the heuristic and passes customer and agent through", () => {
    const conv = item(
      parseTranscript("vtt", fixture("call-voice-tags.vtt"), {
        ...meta,
        speakerRoles: { Sarah: "bot", "Mr Jones": "customer" },
        customer: { externalId: "cust-9", name: "Jones" },
        agent: { externalId: "a-7" },
      }),
    );
    expect(conv.messages.map((m) => m.role)).toEqual(["bot", "customer", "bot"]);
    expect(conv.customer).toEqual({ externalId: "cust-9", name: "Jones" });
    expect(conv.agent).toEqual({ externalId: "a-7" });
  });

  it("refuses a file without the WEBVTT header", () => {
    expect(parseTranscript("vtt", "00:00.000 --> 00:01.000\nhello", meta)).toEqual({
      error: 'vtt: the file must start with "WEBVTT"',
    });
  });

  it("refuses a cue that ends before it starts, naming the line", () => {
    const result = parseTranscript("vtt", "WEBVTT\n\n00:05.000 --> 00:01.000\nA: hi\n", meta);
    expect(result).toEqual({
      error: 'vtt: cue ends before it starts at "00:05.000 --> 00:01.000"',
    });
  });
});

describe("parseTranscript: SRT", () => {
  it("reads CRLF cues with speaker prefixes; a one-off 'Note:' inside a line stays text", () => {
    expect(summary(parseTranscript("srt", fixture("call.srt"), meta))).toEqual([
      ["agent", "Thanks for calling Acme, how may I help?", 1, 3.2],
      ["customer", "I need to cancel my subscription. It is far too expensive.", 4, 8],
      ["agent", "I understand. Note: cancelling ends your contract today.", 9.1, 12.4],
    ]);
  });

  it("turns a 'Word: text' prefix seen only once in a longer file back into text", () => {
    const srt = [
      "1\n00:00:00,000 --> 00:00:01,000\nAgent: hello",
      "2\n00:00:02,000 --> 00:00:03,000\nCaller: hi",
      "3\n00:00:04,000 --> 00:00:05,000\nAgent: ok",
      "4\n00:00:06,000 --> 00:00:07,000\nImportant: read this",
    ].join("\n\n");
    expect(summary(parseTranscript("srt", srt, meta)).map((m) => m[1])).toEqual([
      "hello",
      "hi",
      "ok",
      "Important: read this",
    ]);
  });

  it("answers an error for a file with no cues", () => {
    expect(parseTranscript("srt", "just some text\n", meta)).toEqual({
      error: "srt: no cues found",
    });
  });
});

describe("parseTranscript: Amazon Transcribe", () => {
  it("joins words and punctuation, labelled through speaker_labels.segments", () => {
    expect(
      summary(parseTranscript("amazon-transcribe", fixture("amazon-speaker-labels.json"), meta)),
    ).toEqual([
      ["agent", "Thank you for calling. How can I help?", 0.54, 2.43],
      ["customer", "My bill is wrong again. I want a manager.", 3.1, 6.9],
    ]);
  });

  it("prefers audio_segments, and finds the agent by greeting even when the customer speaks first", () => {
    expect(
      summary(parseTranscript("amazon-transcribe", fixture("amazon-audio-segments.json"), meta)),
    ).toEqual([
      ["customer", "I'm calling about my order. It never came.", 0.2, 3.4],
      ["agent", "Thanks for calling, I can help with that.", 4, 6.2],
    ]);
  });

  it("reads channel identification from item labels and from channel_labels alone", () => {
    const expected = [
      ["agent", "Hello, thanks for calling.", 0.1, 1.4],
      ["customer", "Hi, my card was declined.", 2, 3.5],
    ];
    const doc = JSON.parse(fixture("amazon-channels.json")) as { results: { items?: unknown } };
    expect(summary(parseTranscript("amazon-transcribe", JSON.stringify(doc), meta))).toEqual(
      expected,
    );
    delete doc.results.items;
    expect(summary(parseTranscript("amazon-transcribe", JSON.stringify(doc), meta))).toEqual(
      expected,
    );
  });

  it("names the field when the JSON is not a Transcribe result", () => {
    expect(parseTranscript("amazon-transcribe", "{}", meta)).toEqual({
      error: "amazon-transcribe: results: Invalid input: expected object, received undefined",
    });
    const badTime = {
      results: {
        items: [{ type: "pronunciation", start_time: "-1", alternatives: [{ content: "x" }] }],
      },
    };
    const result = parseTranscript("amazon-transcribe", JSON.stringify(badTime), meta);
    expect(result).toEqual({
      error:
        "amazon-transcribe: results.items.0.start_time: must be a non-negative number of seconds",
    });
    expect(parseTranscript("amazon-transcribe", "not json", meta)).toEqual({
      error: "amazon-transcribe: the content is not JSON",
    });
  });
});

describe("parseTranscript: Contact Lens chats", () => {
  const chatFile = () =>
    JSON.parse(
      fs.readFileSync("test/fixtures/importers/amazon/contact-lens-chat-analysis.json", "utf8"),
    ) as { Channel: string; Transcript: Record<string, unknown>[] };
  const parse = (doc: unknown) => parseTranscript("amazon-transcribe", JSON.stringify(doc), meta);

  it("maps SUPERVISOR to agent and CUSTOM_BOT to bot, and leaves out attachments and events", () => {
    const doc = chatFile();
    doc.Transcript[5]!.ParticipantRole = "SUPERVISOR";
    doc.Transcript[1]!.ParticipantRole = "CUSTOM_BOT";
    doc.Transcript[2]!.ContentType = "application/vnd.amazonaws.connect.message.interactive";
    const messages = item(parse(doc)).messages;
    expect(messages.slice(0, 3).map((m) => [m.role, m.text.slice(0, 20)])).toEqual([
      ["bot", "Hello, thanks for co"],
      ["bot", "You are now being pl"],
      ["agent", "Hello, thanks for re"],
    ]);
  });

  it("refuses a text message of an unknown role, an item without AbsoluteTime, another channel", () => {
    const unknownRole = chatFile();
    unknownRole.Transcript[6]!.ParticipantRole = "OBSERVER";
    expect(parse(unknownRole)).toEqual({
      error:
        'contact-lens: Transcript.6.ParticipantRole: "OBSERVER" is not one of AGENT, SUPERVISOR, CUSTOMER, SYSTEM, CUSTOM_BOT',
    });
    const noTime = chatFile();
    delete noTime.Transcript[3]!.AbsoluteTime;
    expect(parse(noTime)).toMatchObject({
      error: expect.stringMatching(/^contact-lens: Transcript\.3\.AbsoluteTime: /),
    });
    expect(parse({ ...chatFile(), Channel: "EMAIL" })).toEqual({
      error: 'contact-lens: Channel: "EMAIL" is not read (VOICE, CHAT are)',
    });
    // A chat file read as a call would fail on the missing millisecond offsets.
    const { Channel: _, ...unmarked } = chatFile();
    expect(parse(unmarked)).toMatchObject({
      error: expect.stringMatching(/^contact-lens: Transcript\.0\.Content: /),
    });
    const eventsOnly = chatFile();
    eventsOnly.Transcript = eventsOnly.Transcript.filter((t) => t.Type === "EVENT");
    expect(parse(eventsOnly)).toEqual({ error: "contact-lens: the chat has no text messages" });
  });
});

describe("parseTranscript: meta", () => {
  it("defaults startedAt to now and refuses an unreadable startedAt", () => {
    const now = new Date("2026-01-02T03:04:05.000Z");
    const conv = item(parseTranscript("srt", fixture("call.srt"), { externalId: "x" }, { now }));
    expect(conv.messages[0]?.ts).toBe("2026-01-02T03:04:06.000Z");
    expect(conv.source).toBe("transcript");
    expect(
      parseTranscript("srt", fixture("call.srt"), { externalId: "x", startedAt: "yesterday" }),
    ).toEqual({
      error: "startedAt: must be an ISO-8601 timestamp",
    });
  });

  it("refuses an empty external id through the ingest schema", () => {
    const result = parseTranscript("srt", fixture("call.srt"), { externalId: "  " });
    expect(result).toEqual({ error: "externalId: must not be empty" });
  });
});

import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectEncoding, openDecoded } from "../encoding.ts";
import type { ImportFormat } from "../imports.schemas.ts";
import type { ImportRecord, ReaderContext } from "../records.ts";
import { READERS } from "./index.ts";

/**
 * Files the tools really produce, gathered from public repositories (test/fixtures/importers/
 * ATTRIBUTION.md), read as saved: roles, text, channel and timestamps checked field by field.
 */
const DIR = path.resolve("test/fixtures/importers");

async function read(format: ImportFormat, file: string, open?: ReaderContext["open"]) {
  const filePath = path.isAbsolute(file) ? file : path.join(DIR, file);
  const warnings: string[] = [];
  const ctx: ReaderContext = {
    path: filePath,
    fileName: path.basename(filePath),
    source: format,
    startedAt: "2024-07-01T09:00:00Z",
    open: open ?? (() => createReadStream(filePath)),
    warn: (m) => warnings.push(m),
  };
  const records: ImportRecord[] = [];
  for await (const r of READERS[format](ctx)) records.push(r);
  return { records, warnings };
}

const conversations = (records: ImportRecord[]) =>
  records.flatMap((r) => (r.kind === "conversation" ? [r.item] : []));
const lines = (records: ImportRecord[]) =>
  conversations(records).map((c) => ({
    id: c.externalId,
    channel: c.channel,
    customer: c.customer.externalId,
    messages: c.messages.map((m) => [m.role, m.text, m.ts]),
  }));

describe("vendor files as saved", () => {
  it("reads a Zendesk {ticket} response, pretty-printed, from its description", async () => {
    const { records } = await read("zendesk", "zendesk/ticket.json");
    expect(lines(records)).toEqual([
      {
        id: "2",
        channel: "email",
        customer: "377922500012",
        messages: [
          [
            "customer",
            "Mail to create fixture ticket for testing\n\nnukosuke (●ↀ ω ↀ●)",
            "2019-06-03T02:23:47.000Z",
          ],
        ],
      },
    ]);
    expect(conversations(records)[0]).toMatchObject({
      status: "resolved",
      subject: "Mail to create fixture ticket for testing",
    });
  });

  it("reads a Zendesk ticket list and search response, mapping via.channel web to email", async () => {
    const list = await read("zendesk", "zendesk/tickets.json");
    expect(conversations(list.records).map((c) => [c.externalId, c.channel])).toEqual([
      ["2", "email"],
      ["3", "email"],
    ]);
    const search = await read("zendesk", "zendesk/search_ticket.json");
    expect(lines(search.records)).toEqual([
      {
        id: "4",
        channel: "other",
        customer: "377922500012",
        messages: [["customer", "(●ↀ ω ↀ )", "2019-06-06T10:02:04.000Z"]],
      },
    ]);
  });

  it("stops on a file it does not recognise, naming what it found and what it accepts", async () => {
    await expect(read("zendesk", "zendesk/ticket_comments.json")).rejects.toThrow(
      /not a Zendesk export: found a JSON object with keys comments, meta\. Accepted: a ticket list/,
    );
    await expect(read("chatwoot", "zendesk/users.json")).rejects.toThrow(/not a Chatwoot export/);
  });

  it("reads a single pretty-printed Freshdesk ticket, a list and a search response", async () => {
    const single = await read("freshdesk", "freshdesk/ticket_1.json");
    expect(lines(single.records)).toEqual([
      {
        id: "1",
        channel: "other",
        customer: "6012691534",
        messages: [
          [
            "customer",
            "This is a sample ticket, feel free to delete it.",
            "2016-05-18T04:36:04.000Z",
          ],
        ],
      },
    ]);
    expect(conversations(single.records)[0]).toMatchObject({
      customer: { name: "Dummyname", email: "dummyname@example.com" },
      agent: { externalId: "6010396333" },
      status: "open",
    });
    const search = await read("freshdesk", "freshdesk/search_tickets.json");
    expect(search.records.map((r) => r.kind)).toEqual(["conversation", "conversation"]);
    // The v1-era list export carries only the HTML `description`: it is converted to text.
    const list = await read("freshdesk", "freshdesk/all_tickets.json");
    expect(lines(list.records)[0]!.messages).toEqual([
      ["customer", "This is a sample ticket, feel free to delete it.", "2014-12-31T02:27:09.000Z"],
    ]);
  });

  it("reads Chatwoot's list response {data: {payload}} with its channel and agent", async () => {
    const { records } = await read("chatwoot", "chatwoot/conversations-list.json");
    const [c] = conversations(records);
    expect(c).toMatchObject({
      externalId: "10",
      channel: "chat",
      status: "open",
      customer: { externalId: "40", name: "damp-field-834" },
      agent: { externalId: "1", name: "John" },
      metadata: { inbox: "Channel::WebWidget" },
    });
    expect(c!.messages).toEqual([
      {
        role: "agent",
        text: "Ok",
        ts: "2021-11-01T10:57:45.000Z",
        externalId: "85",
        agentExternalId: "1",
      },
    ]);
  });

  it("reads Contact Lens and Call Analytics transcripts with their speakers' roles", async () => {
    const lens = await read("transcribe", "amazon/contact-lens-analysis.json");
    const [call] = conversations(lens.records);
    expect(call!.channel).toBe("phone");
    expect(call!.messages.map((m) => m.role)).toContain("agent");
    expect(call!.messages.map((m) => m.role)).toContain("customer");
    expect(call!.messages[0]).toMatchObject({ ts: "2024-07-01T09:00:00.000Z" });
    const tca = await read("transcribe", "amazon/call-analytics-turns.json");
    expect(
      conversations(tca.records)[0]!.messages.map((m) => [m.role, m.text, m.startOffset]),
    ).toEqual([
      ["customer", "That is a very generous offer. And I accept.", 17.14],
      ["customer", "Thank you very much, sir. Goodbye.", 40.04],
    ]);
  });

  it("reads the Contact Lens file of a real call, its overlapping turns in order of start", async () => {
    const { records } = await read("transcribe", "amazon/contact-lens-scv-analysis.json");
    const [call] = conversations(records);
    expect(call!.channel).toBe("phone");
    // Speakers from Participants[] through each turn's ParticipantId; one speaker's consecutive
    // turns (10.72 s and 12.49 s) make one message; times are offsets from the call's start.
    const at = (s: number) => new Date(Date.parse("2024-07-01T09:00:00Z") + s * 1000).toISOString();
    expect(call!.messages.map((m) => [m.role, m.text, m.startOffset, m.ts])).toEqual(
      (
        [
          ["agent", "Mhm.", 2.54],
          ["customer", "Mhm.", 2.58],
          ["agent", "Okay? Hoping", 7.897],
          ["customer", "I hope you got I hear my voice.", 10.72],
          ["agent", "Bye.", 12.537],
          ["agent", "Hello.", 14.86],
          ["customer", "Hello.", 14.87],
          ["agent", "Okay? Mm.", 26.49],
          ["agent", "Hello.", 37],
          ["customer", "So", 37.22],
          ["agent", "Cool.", 58.18],
          ["agent", "Okay? Oh,", 78.38],
          ["customer", "Oh, Okay?", 82.07],
          ["agent", "Call back. Bye bye.", 83.46],
        ] as const
      ).map(([role, text, s]) => [role, text, s, at(s)]),
    );
  });

  it("reads a complete Call Analytics output file, whose Participants carry no ParticipantId", async () => {
    const { records } = await read("transcribe", "amazon/mock_call_analytics_job.json");
    expect(records.filter((r) => r.kind === "reject")).toEqual([]);
    const [call] = conversations(records);
    expect(call!.channel).toBe("phone");
    expect(call!.messages.map((m) => [m.role, m.text, m.startOffset, m.ts])).toEqual([
      [
        "customer",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit,",
        1.54,
        "2024-07-01T09:00:01.540Z",
      ],
      [
        "agent",
        "sed do eiusmod tempor incididunt ut labore et dolore magna aliqua",
        1.54,
        "2024-07-01T09:00:01.540Z",
      ],
      [
        "customer",
        "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat",
        4.84,
        "2024-07-01T09:00:04.840Z",
      ],
    ]);
  });

  it("reads subtitles as saved: a BOM and CRLF SubRip file, a WebVTT file with voices", async () => {
    const srt = await read("srt", "subtitles/SRT-BOM-CRLF-ExtendedChars.srt");
    expect(
      conversations(srt.records)[0]!
        .messages.map((m) => m.text)
        .join(" "),
    ).toContain("♪ Song lyric ♪");
    const vtt = await read("vtt", "subtitles/vtt_example.vtt");
    const texts = conversations(vtt.records)[0]!
      .messages.map((m) => m.text)
      .join("\n");
    expect(texts).toContain("Bill: Sure! I’ve only had one today.");
  });

  it("imports a Windows-1252 subtitle with its characters intact, and warns on bytes it cannot decode", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "rapport-enc-"));
    const utf8 = readFileSync(path.join(DIR, "subtitles/vtt_example.vtt"), "utf8");
    const file = path.join(dir, "cp1252.vtt");
    writeFileSync(
      file,
      iconv.encode(utf8.replace("Would you like", "Café crème? Would you like"), "windows-1252"),
    );
    const enc = await detectEncoding(file);
    expect(enc).toEqual({ encoding: "windows-1252", reason: "detected" });
    let replaced = false;
    const { records } = await read("vtt", file, () =>
      openDecoded(
        file,
        enc.encoding,
        () => {},
        () => (replaced = true),
      ),
    );
    const texts = conversations(records)[0]!
      .messages.map((m) => m.text)
      .join("\n");
    expect(texts).toContain("Café crème? Would you like to get a coffee?");
    expect(texts).toContain("I’ve only had one today.");
    expect(texts).not.toContain("\ufffd");
    expect(replaced).toBe(false);
    // Read as UTF-8 against its encoding: replacement characters, and the warning.
    await read("vtt", file, () =>
      openDecoded(
        file,
        "utf-8",
        () => {},
        () => (replaced = true),
      ),
    );
    expect(replaced).toBe(true);
  });
});

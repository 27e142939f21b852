import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectEncoding, openDecoded } from "../encoding.ts";
import type { ImportRecord } from "../records.ts";
import { conversationsOf, readRealFixture, REAL_FIXTURES } from "./read-fixture.ts";

/**
 * Files the tools really produce, read as saved: roles, text, channel and timestamps checked field
 * by field. Amazon Connect's files are in real-fixtures-amazon.test.ts.
 */
const lines = (records: ImportRecord[]) =>
  conversationsOf(records).map((c) => ({
    id: c.externalId,
    channel: c.channel,
    customer: c.customer.externalId,
    messages: c.messages.map((m) => [m.role, m.text, m.ts]),
  }));

describe("vendor files as saved", () => {
  it("reads a Zendesk {ticket} response, pretty-printed, from its description", async () => {
    const { records } = await readRealFixture("zendesk", "zendesk/ticket.json");
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
    expect(conversationsOf(records)[0]).toMatchObject({
      status: "resolved",
      subject: "Mail to create fixture ticket for testing",
    });
  });

  it("reads a Zendesk ticket list and search response, mapping via.channel web to email", async () => {
    const list = await readRealFixture("zendesk", "zendesk/tickets.json");
    expect(conversationsOf(list.records).map((c) => [c.externalId, c.channel])).toEqual([
      ["2", "email"],
      ["3", "email"],
    ]);
    const search = await readRealFixture("zendesk", "zendesk/search_ticket.json");
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
    await expect(readRealFixture("zendesk", "zendesk/ticket_comments.json")).rejects.toThrow(
      /not a Zendesk export: found a JSON object with keys comments, meta\. Accepted: a ticket list/,
    );
    await expect(readRealFixture("chatwoot", "zendesk/users.json")).rejects.toThrow(
      /not a Chatwoot export/,
    );
  });

  it("reads a single pretty-printed Freshdesk ticket, a list and a search response", async () => {
    const single = await readRealFixture("freshdesk", "freshdesk/ticket_1.json");
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
    expect(conversationsOf(single.records)[0]).toMatchObject({
      customer: { name: "Dummyname", email: "dummyname@example.com" },
      agent: { externalId: "6010396333" },
      status: "open",
    });
    const search = await readRealFixture("freshdesk", "freshdesk/search_tickets.json");
    expect(search.records.map((r) => r.kind)).toEqual(["conversation", "conversation"]);
    // The v1-era list export carries only the HTML `description`: it is converted to text.
    const list = await readRealFixture("freshdesk", "freshdesk/all_tickets.json");
    expect(lines(list.records)[0]!.messages).toEqual([
      ["customer", "This is a sample ticket, feel free to delete it.", "2014-12-31T02:27:09.000Z"],
    ]);
  });

  it("reads Chatwoot's list response {data: {payload}} with its channel and agent", async () => {
    const { records } = await readRealFixture("chatwoot", "chatwoot/conversations-list.json");
    const [c] = conversationsOf(records);
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

  it("reads subtitles as saved: a BOM and CRLF SubRip file, a WebVTT file with voices", async () => {
    const srt = await readRealFixture("srt", "subtitles/SRT-BOM-CRLF-ExtendedChars.srt");
    expect(
      conversationsOf(srt.records)[0]!
        .messages.map((m) => m.text)
        .join(" "),
    ).toContain("♪ Song lyric ♪");
    const vtt = await readRealFixture("vtt", "subtitles/vtt_example.vtt");
    const texts = conversationsOf(vtt.records)[0]!
      .messages.map((m) => m.text)
      .join("\n");
    expect(texts).toContain("Bill: Sure! I’ve only had one today.");
  });

  it("imports a Windows-1252 subtitle with its characters intact, and warns on bytes it cannot decode", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "rapport-enc-"));
    const utf8 = readFileSync(path.join(REAL_FIXTURES, "subtitles/vtt_example.vtt"), "utf8");
    const file = path.join(dir, "cp1252.vtt");
    writeFileSync(
      file,
      iconv.encode(utf8.replace("Would you like", "Café crème? Would you like"), "windows-1252"),
    );
    const enc = await detectEncoding(file);
    expect(enc).toEqual({ encoding: "windows-1252", reason: "detected" });
    let replaced = false;
    const { records } = await readRealFixture("vtt", file, () =>
      openDecoded(
        file,
        enc.encoding,
        () => {},
        () => (replaced = true),
      ),
    );
    const texts = conversationsOf(records)[0]!
      .messages.map((m) => m.text)
      .join("\n");
    expect(texts).toContain("Café crème? Would you like to get a coffee?");
    expect(texts).toContain("I’ve only had one today.");
    expect(texts).not.toContain("\ufffd");
    expect(replaced).toBe(false);
    // Read as UTF-8 against its encoding: replacement characters, and the warning.
    await readRealFixture("vtt", file, () =>
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

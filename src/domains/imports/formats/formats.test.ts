import { describe, expect, it } from "vitest";
import type { IngestConversation } from "../../conversations/index.ts";
import type { ImportRecord } from "../records.ts";
import { readFixture } from "./read-fixture.ts";

function conversations(records: ImportRecord[]): IngestConversation[] {
  return records.flatMap((r) => (r.kind === "conversation" ? [r.item] : []));
}
function rejects(records: ImportRecord[]) {
  return records.flatMap((r) =>
    r.kind === "reject" ? [{ ref: r.ref, externalId: r.externalId, reason: r.reason }] : [],
  );
}
/** role@time per message, the shape most assertions need. */
function turns(c: IngestConversation | undefined): string[] {
  return (c?.messages ?? []).map((m) => `${m.role}@${m.ts}`);
}

describe("readZendesk", () => {
  it("reads tickets with comments, roles from the users sideload and private comments as internal", async () => {
    const records = await readFixture("zendesk", "zendesk-export.json");
    const [t101, t102, t104] = conversations(records);
    expect(t101).toMatchObject({
      externalId: "101",
      source: "zendesk",
      channel: "email",
      status: "resolved",
      subject: "Invoice charged twice",
      customer: { externalId: "9001", name: "Robin Requester", email: "robin@example.com" },
      agent: { externalId: "8001", name: "Alex Agent" },
      metadata: { via: "email", tags: ["billing", "refund"], priority: "high" },
    });
    expect(t101?.messages.map((m) => [m.role, m.externalId, m.agentExternalId])).toEqual([
      ["customer", "1001", undefined],
      ["internal", "1002", "8001"],
      ["agent", "1003", "8001"],
      ["customer", "1004", undefined],
    ]);
    expect(t101?.messages[0]?.text).toBe("I was charged twice for March.");
    // An admin answering is staff; `body` stands in when there is no `plain_body`.
    expect(t102).toMatchObject({ channel: "chat", status: "open" });
    expect(t102?.agent).toBeUndefined();
    expect(turns(t102)).toEqual([
      "customer@2024-03-02T14:00:00.000Z",
      "agent@2024-03-02T14:01:30.000Z",
    ]);
    expect(t104).toMatchObject({ channel: "social", status: "pending" });
    expect(turns(t104)).toEqual([
      "customer@2024-03-03T08:00:00.000Z",
      "agent@2024-03-03T08:05:00.000Z",
    ]);
    expect(t104?.messages[0]?.text).toBe("Your app keeps crashing");
    expect(rejects(records)).toEqual([
      {
        ref: { record: 3 },
        externalId: "103",
        reason: "comments[0]: created_at is not a timestamp",
      },
    ]);
  });

  it("reads NDJSON tickets, taking the requester as the customer without a users sideload", async () => {
    const records = await readFixture("zendesk", "zendesk-tickets.ndjson");
    const [t201, t203] = conversations(records);
    expect(t201).toMatchObject({
      externalId: "201",
      channel: "phone",
      status: "closed",
      customer: { externalId: "9101" },
    });
    expect(turns(t201)).toEqual([
      "customer@2024-04-01T10:00:00.000Z",
      "agent@2024-04-01T10:03:00.000Z",
    ]);
    expect(t203).toMatchObject({ channel: "sms", status: "pending" });
    expect(t203?.messages.map((m) => m.role)).toEqual(["customer", "internal"]);
    expect(rejects(records)).toEqual([
      { ref: { line: 2 }, externalId: undefined, reason: "not valid JSON" },
    ]);
  });
});

describe("readFreshdesk", () => {
  it("maps source codes to channels, the description to the first customer message, private notes to internal", async () => {
    const records = await readFixture("freshdesk", "freshdesk-tickets.json");
    const [t301, t302, t304] = conversations(records);
    expect(t301).toMatchObject({
      externalId: "301",
      channel: "email",
      status: "resolved",
      customer: { externalId: "5001", name: "Sam Sender", email: "sam@example.com" },
      agent: { externalId: "6001" },
    });
    expect(t301?.messages.map((m) => [m.role, m.externalId])).toEqual([
      ["customer", "301:description"],
      ["agent", "7001"],
      ["internal", "7002"],
      ["customer", "7003"],
    ]);
    expect(t302).toMatchObject({ channel: "chat", status: "open" });
    expect(t304).toMatchObject({ channel: "phone", status: "closed" });
    expect(turns(t304)).toEqual(["customer@2024-05-13T11:00:00.000Z"]);
    expect(rejects(records)).toEqual([
      { ref: { record: 3 }, externalId: "303", reason: "ticket has no requester_id" },
    ]);
  });
});

describe("readChatwoot", () => {
  it("skips activity messages, reads templates as bot, private notes as internal, unix seconds as time", async () => {
    const records = await readFixture("chatwoot", "chatwoot-conversations.json");
    const [c401, c402] = conversations(records);
    expect(c401).toMatchObject({
      externalId: "401",
      channel: "chat",
      status: "resolved",
      customer: { externalId: "11", name: "Casey Contact", email: "casey@example.com" },
      agent: { externalId: "21", name: "Uma User" },
    });
    expect(c401?.messages.map((m) => [m.role, m.externalId, m.ts])).toEqual([
      ["customer", "5001", "2024-06-10T06:13:20.000Z"],
      ["bot", "5003", "2024-06-10T06:13:26.000Z"],
      ["agent", "5004", "2024-06-10T06:15:00.000Z"],
      ["internal", "5005", "2024-06-10T06:16:00.000Z"],
    ]);
    expect(c402).toMatchObject({ channel: "email", status: "open" });
    expect(c402?.messages.map((m) => [m.role, m.agentExternalId])).toEqual([
      ["customer", undefined],
      ["agent", "22"],
    ]);
    expect(rejects(records)).toEqual([
      {
        ref: { record: 3 },
        externalId: "403",
        reason: "messages[1]: created_at is not unix seconds",
      },
    ]);
  });
});

describe("readTwitter", () => {
  it("builds threads by following in_response_to_tweet_id to the root, in time order", async () => {
    const records = await readFixture("twitter", "twcs-sample.csv");
    const [acme, bolt] = conversations(records);
    expect(acme).toMatchObject({
      externalId: "15",
      channel: "social",
      customer: { externalId: "115712" },
      agent: { externalId: "AcmeCare" },
    });
    expect(acme?.messages.map((m) => `${m.externalId}:${m.role}`)).toEqual([
      "15:customer",
      "14:agent",
      "16:agent",
      "13:customer",
      "11:agent",
      "12:customer",
    ]);
    expect(acme?.messages[0]?.ts).toBe("2017-10-31T21:49:35.000Z");
    // The reply comes before its root in the file.
    expect(bolt).toMatchObject({ externalId: "21", agent: { externalId: "AskBolt" } });
    expect(turns(bolt)).toEqual([
      "customer@2017-11-01T09:02:10.000Z",
      "agent@2017-11-01T09:15:00.000Z",
    ]);
    expect(rejects(records)).toEqual([
      { ref: { line: 10 }, externalId: "31", reason: "inbound is neither True nor False" },
      { ref: { line: 11 }, externalId: "32", reason: "created_at is not a timestamp" },
      { ref: { line: 12 }, externalId: undefined, reason: "expected 7 columns, found 3" },
    ]);
  });
});

describe("generic csv and jsonl", () => {
  it("groups rows by conversation id wherever they are, mapping roles, channels and statuses", async () => {
    const records = await readFixture("csv", "generic-messages.csv", {
      mapping: "generic-mapping.json",
    });
    const byId = new Map(conversations(records).map((c) => [c.externalId, c]));
    expect(byId.get("T-1")).toMatchObject({
      channel: "chat",
      subject: "Card declined",
      customer: { externalId: "C-1", name: "Kim Customer", email: "kim@example.com" },
      agent: { externalId: "A-7", name: "Ana Staff" },
    });
    expect(byId.get("T-1")?.messages.map((m) => [m.role, m.externalId])).toEqual([
      ["customer", "m-1"],
      ["agent", "m-2"],
      ["internal", "m-3"],
    ]);
    expect(byId.get("T-1")?.messages[1]?.text).toBe(
      "Let me check that for you.\nOne moment, please.",
    );
    expect(byId.get("T-2")).toMatchObject({ channel: "phone", status: "resolved" });
    // A time without a zone is UTC.
    expect(turns(byId.get("T-2"))).toEqual([
      "customer@2024-06-01T11:00:00.000Z",
      "agent@2024-06-01T11:01:30.000Z",
    ]);
    expect(byId.get("T-3")).toMatchObject({ channel: "email" });
    expect(turns(byId.get("T-3"))).toEqual(["customer@2024-06-02T06:00:05.000Z"]);
    expect(rejects(records)).toEqual([
      { ref: { line: 8 }, externalId: "T-1", reason: "sent_at: not a timestamp" },
      {
        ref: { line: 9 },
        externalId: "T-3",
        reason: 'author_role: unknown role (add it to "roles")',
      },
    ]);
  });

  it("reads JSON Lines with dotted paths and unix-second timestamps", async () => {
    const records = await readFixture("jsonl", "generic-messages.jsonl", {
      mapping: "generic-jsonl-mapping.json",
    });
    const [j100, j101] = conversations(records);
    expect(j100).toMatchObject({
      externalId: "J-100",
      channel: "chat",
      customer: { externalId: "visitor-9" },
    });
    expect(j100?.messages.map((m) => [m.role, m.agentExternalId, m.ts])).toEqual([
      ["customer", undefined, "2024-06-01T10:00:00.000Z"],
      ["bot", undefined, "2024-06-01T10:00:02.000Z"],
      ["agent", "op-3", "2024-06-01T10:01:00.000Z"],
    ]);
    expect(j101?.externalId).toBe("J-101");
    expect(rejects(records)).toEqual([
      { ref: { line: 4 }, externalId: undefined, reason: "not valid JSON" },
    ]);
  });

  it("refuses a mapping that names columns the header lacks", async () => {
    await expect(
      readFixture("csv", "twcs-sample.csv", { mapping: "generic-mapping.json" }),
    ).rejects.toThrow(/the CSV header has no column for conversationId → 'ticket_id'/);
  });
});

describe("transcripts", () => {
  it("reads one file as one phone conversation with speech offsets, id from the file name", async () => {
    for (const [format, file] of [
      ["vtt", "call.vtt"],
      ["srt", "call.srt"],
      ["transcribe", "call-transcribe.json"],
    ] as const) {
      const records = await readFixture(format, file, { startedAt: "2024-07-01T09:00:00Z" });
      const [call] = conversations(records);
      expect(call).toMatchObject({ externalId: file, channel: "phone", source: format });
      expect(call?.messages.map((m) => m.role)).toEqual(["agent", "customer", "agent"]);
      expect(call?.messages[1]?.startOffset).toBeGreaterThan(2);
      expect(Date.parse(call?.messages[0]?.ts ?? "")).toBeGreaterThanOrEqual(
        Date.parse("2024-07-01T09:00:00Z"),
      );
    }
    const named = await readFixture("vtt", "call.vtt", {
      externalId: "call-42",
      startedAt: "2024-07-01T09:00:00Z",
    });
    expect(conversations(named)[0]?.externalId).toBe("call-42");
  });

  it("rejects a transcript it cannot read, naming the file", async () => {
    const records = await readFixture("srt", "broken.srt");
    expect(rejects(records)).toEqual([
      { ref: { record: 1 }, externalId: "broken.srt", reason: expect.stringMatching(/timing/) },
    ]);
  });
});

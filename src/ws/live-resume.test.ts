import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiKey } from "../domains/orgs/index.ts";
import { describeEachBackend } from "../../test/db.ts";
import { buildOrg } from "../../test/factories.ts";
import { startRunningApp, type RunningApp } from "../../test/live-server.ts";
import { LiveServerFrameSchema } from "./index.ts";
import { isType, LiveClient } from "./test-client.ts";

const UTTERANCES = [
  { speaker: "agent", text: "Thanks for calling, how can I help?", startOffset: 0, endOffset: 2 },
  { speaker: "customer", text: "I want to cancel, this is useless.", startOffset: 3, endOffset: 5 },
  { speaker: "agent", text: "I'm sorry to hear that.", startOffset: 6, endOffset: 7 },
  { speaker: "customer", text: "Third time I call about it.", startOffset: 8, endOffset: 9 },
] as const;

describeEachBackend("live calls: resume after a reconnect", ({ database }) => {
  let running: RunningApp;
  let ws: string;
  const clients: LiveClient[] = [];
  const connect = async (query: string) => {
    const client = await LiveClient.connect(`${ws}/api/v1/live${query}`);
    clients.push(client);
    return client;
  };
  let ingestKey: string;
  let readKey: string;

  beforeAll(async () => {
    const { db } = database();
    const org = await buildOrg(db);
    ingestKey = (await createApiKey(db, org.orgId, { kind: "cli" }, "p", ["ingest"])).key;
    readKey = (await createApiKey(db, org.orgId, { kind: "cli" }, "r", ["read"])).key;
    running = await startRunningApp(database());
    ws = running.url.replace(/^http/, "ws");
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await running.close();
  });

  it("sends a reconnecting platform and subscriber the analysis frames they missed", async () => {
    const callId = "call-resume";
    const first = await connect(`?access_token=${ingestKey}`);
    first.send({ type: "start", callId });
    for (const u of UTTERANCES.slice(0, 3)) first.send({ type: "utterance", callId, ...u });
    await first.next((f) => f.type === "analysis" && f.seq === 2, "third analysis");
    first.close();

    // The platform saw seq 0 only (say): it resumes after 0 and gets 1 and 2, then streams on.
    const again = await connect(`?access_token=${ingestKey}`);
    again.send({ type: "start", callId, lastSeq: 0 });
    await again.next((f) => f.type === "analysis" && f.seq === 2, "resumed analysis");
    expect(again.frames.map((f) => [f.type, "seq" in f ? f.seq : null])).toEqual([
      ["started", 3],
      ["analysis", 1],
      ["analysis", 2],
    ]);
    expect(again.frames[1]).toEqual(first.frames.find((f) => f.type === "analysis" && f.seq === 1));
    again.send({ type: "utterance", callId, ...UTTERANCES[3] });
    await again.next((f) => f.type === "analysis" && f.seq === 3, "new analysis");

    const watcher = await connect(`?access_token=${readKey}`);
    watcher.send({ type: "subscribe", callId, lastSeq: -1 });
    await watcher.next((f) => f.type === "analysis" && f.seq === 3, "all analyses");
    expect(watcher.frames.map((f) => [f.type, "seq" in f ? f.seq : null])).toEqual([
      ["subscribed", 4],
      ["analysis", 0],
      ["analysis", 1],
      ["analysis", 2],
      ["analysis", 3],
    ]);

    // Up to date: nothing to send. Ahead of the call: a clear error, and the socket stays usable.
    const upToDate = await connect(`?access_token=${readKey}`);
    upToDate.send({ type: "subscribe", callId, lastSeq: 3 });
    upToDate.send({ type: "subscribe", callId, lastSeq: 9 });
    const ahead = await upToDate.next(isType("error"), "error");
    expect(ahead).toMatchObject({ code: "RESUME_AHEAD", callId });
    expect(upToDate.frames.filter(isType("analysis"))).toEqual([]);

    again.send({ type: "end", callId });
    await again.next(isType("ended", callId), "ended");
    // What the server sent is what the AsyncAPI document publishes.
    for (const frame of [...first.frames, ...again.frames, ...watcher.frames, ...upToDate.frames])
      expect(LiveServerFrameSchema.safeParse(frame).error).toBeUndefined();
  });
});

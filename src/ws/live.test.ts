import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { conversations, messages } from "../db/schema/index.ts";
import { createApiKey } from "../domains/orgs/index.ts";
import { describeEachBackend } from "../../test/db.ts";
import { buildOrg, type TestOrg } from "../../test/factories.ts";
import { buildTestApp, loginAs, type TestApp } from "../../test/http.ts";
import { liveServerOf } from "./index.ts";
import { isType, LiveClient } from "./test-client.ts";

const CALL = [
  {
    speaker: "agent",
    text: "Thank you for calling Acme, my name is Sam, how can I help?",
    startOffset: 0.4,
    endOffset: 3.1,
  },
  {
    speaker: "customer",
    text: "This is the third time I call about my router. I want to speak to a manager!",
    startOffset: 3.8,
    endOffset: 8.2,
  },
  {
    speaker: "agent",
    text: "I'm so sorry about that. Let me look at your account right now.",
    startOffset: 8.9,
    endOffset: 12,
  },
  {
    speaker: "customer",
    text: "My card 4111 1111 1111 1111 was charged twice as well.",
    startOffset: 12.5,
    endOffset: 15,
  },
  {
    speaker: "agent",
    text: "I can see that, I will refund the duplicate today.",
    startOffset: 15.6,
    endOffset: 18.3,
  },
  { speaker: "customer", text: "Thank you, that helps.", startOffset: 19, endOffset: 20.2 },
] as const;

describeEachBackend("live calls over WebSocket", ({ database }) => {
  let app: TestApp;
  let server: ServerType;
  let base: string;
  let a: TestOrg;
  let b: TestOrg;
  let ingestKey: string;
  let readKey: string;
  const clients: LiveClient[] = [];

  const connect = async (query: string, headers: Record<string, string> = {}) => {
    const client = await LiveClient.connect(`${base}/api/v1/live${query}`, headers);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const { db } = database();
    app = buildTestApp(database());
    a = await buildOrg(db);
    b = await buildOrg(db);
    ingestKey = (await createApiKey(db, a.orgId, { kind: "cli" }, "phone platform", ["ingest"]))
      .key;
    readKey = (await createApiKey(db, a.orgId, { kind: "cli" }, "wallboard", ["read"])).key;
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    liveServerOf(app)!.inject(server);
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await liveServerOf(app)?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("streams a call: analysis per utterance in order, same-org subscribers only, stored on end", async () => {
    const { db } = database();
    const callId = "call-4711";
    const platform = await connect(`?access_token=${ingestKey}`);
    platform.send({
      type: "start",
      callId,
      startedAt: "2026-11-23T09:00:00Z",
      agent: { externalId: "a-1" },
    });
    expect(await platform.next(isType("started", callId), "started")).toEqual({
      type: "started",
      callId,
      seq: 0,
    });

    const watcherA = await connect("", {
      cookie: (await loginAs(app, a.users.agent.email)).cookie,
    });
    watcherA.send({ type: "subscribe", callId });
    await watcherA.next(isType("subscribed", callId), "subscribed");
    const watcherB = await connect("", {
      cookie: (await loginAs(app, b.users.admin.email)).cookie,
    });
    watcherB.send({ type: "subscribe", callId });
    const refused = await watcherB.next(isType("error"), "error");
    expect(refused).toMatchObject({ type: "error", code: "CALL_NOT_FOUND", callId });

    for (const u of CALL.slice(0, 2)) platform.send({ type: "utterance", callId, ...u });
    // A bad frame is answered and the socket stays open for the next one.
    platform.send("{not json");
    platform.send({
      type: "utterance",
      callId,
      speaker: "robot",
      text: "x",
      startOffset: 1,
      endOffset: 2,
    });
    for (const u of CALL.slice(2)) platform.send({ type: "utterance", callId, ...u });

    const last = CALL.length - 1;
    await platform.next((f) => f.type === "analysis" && f.seq === last, "last analysis");
    const analyses = platform.frames.filter(isType("analysis"));
    expect(analyses.map((f) => f.seq)).toEqual(CALL.map((_, i) => i));
    const escalation = analyses[1]!;
    expect(escalation.message.signals.map((s) => s.name)).toContain("escalation_request");
    expect(escalation.conversation.signals.map((s) => s.name)).toContain("escalation_request");
    expect(escalation.conversation.timings).toBeDefined();
    expect(escalation.conversation).not.toHaveProperty("messages");
    // Evidence shown to subscribers never carries the card number.
    expect(JSON.stringify(analyses[3])).not.toContain("4111");
    const errors = platform.frames.filter(isType("error"));
    expect(errors.map((e) => e.code)).toEqual(["MALFORMED_JSON", "VALIDATION_FAILED"]);
    expect(errors[1]?.message).toContain("speaker");
    expect(platform.open).toBe(true);

    await watcherA.next(
      (f) => f.type === "analysis" && f.seq === last,
      "last analysis (subscriber)",
    );
    expect(watcherA.frames.filter(isType("analysis")).map((f) => f.seq)).toEqual(
      CALL.map((_, i) => i),
    );
    expect(watcherB.frames.map((f) => f.type)).toEqual(["error"]);

    // Utterances are stored every 5 before the end: the first five are in the database already.
    const conversationId = await waitForStoredMessages(5);
    platform.send({ type: "end", callId });
    const ended = await platform.next(isType("ended", callId), "ended");
    expect(ended).toEqual({ type: "ended", callId, conversationId, utterances: CALL.length });
    expect(await watcherA.next(isType("ended", callId), "ended (subscriber)")).toEqual(ended);

    const [conv] = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.orgId, a.orgId), eq(conversations.id, conversationId)));
    expect(conv).toMatchObject({
      source: "live",
      externalId: callId,
      channel: "phone",
      status: "closed",
      agentId: a.agentId,
    });
    const rows = await db
      .select({
        seq: messages.seq,
        role: messages.role,
        text: messages.text,
        start: messages.startOffset,
        end: messages.endOffset,
        ext: messages.externalId,
        ts: messages.ts,
      })
      .from(messages)
      .where(and(eq(messages.orgId, a.orgId), eq(messages.conversationId, conversationId)))
      .orderBy(asc(messages.seq));
    expect(rows.map((r) => [r.role, r.start, r.end, r.ext])).toEqual(
      CALL.map((u, i) => [u.speaker, u.startOffset, u.endOffset, `${callId}:${i}`]),
    );
    expect(rows[1]?.ts.toISOString()).toBe("2026-11-23T09:00:03.800Z");
    expect(rows[3]?.text).not.toContain("4111 1111 1111 1111");

    async function waitForStoredMessages(count: number): Promise<string> {
      for (let attempt = 0; attempt < 150; attempt++) {
        const stored = await db
          .select({ id: conversations.id, n: conversations.messageCount })
          .from(conversations)
          .where(
            and(
              eq(conversations.orgId, a.orgId),
              eq(conversations.source, "live"),
              eq(conversations.externalId, callId),
            ),
          );
        if (stored[0] && stored[0].n >= count) return stored[0].id;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the first ${count} utterances were never stored`);
    }
  });

  it("continues a call's numbering after a restart, and stores what was open at shutdown", async () => {
    const callId = "call-restart";
    const platform = await connect(`?access_token=${ingestKey}`);
    platform.send({ type: "start", callId });
    await platform.next(isType("started", callId), "started");
    for (const u of CALL.slice(0, 3)) platform.send({ type: "utterance", callId, ...u });
    await platform.next(
      (f) => f.type === "analysis" && f.callId === callId && f.seq === 2,
      "analysis",
    );
    // Shutting down stores the call (still open) without waiting for the platform.
    await liveServerOf(app)!.close();

    // A second process on the same database: the platform reconnects and starts the call again.
    const app2 = buildTestApp(database());
    const server2 = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app2.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    try {
      liveServerOf(app2)!.inject(server2);
      const url = `ws://127.0.0.1:${(server2.address() as AddressInfo).port}/api/v1/live?access_token=${ingestKey}`;
      const again = await LiveClient.connect(url);
      clients.push(again);
      again.send({ type: "start", callId });
      expect(await again.next(isType("started", callId), "started")).toEqual({
        type: "started",
        callId,
        seq: 3,
      });
      again.send({ type: "utterance", callId, ...CALL[3] });
      expect(await again.next(isType("analysis", callId), "analysis")).toMatchObject({ seq: 3 });
      again.send({ type: "end", callId });
      const ended = await again.next(isType("ended", callId), "ended");
      expect(ended).toMatchObject({ utterances: 4 });
      const rows = await database()
        .db.select({ ext: messages.externalId })
        .from(messages)
        .where(
          and(
            eq(messages.orgId, a.orgId),
            eq(messages.conversationId, (ended as { conversationId: string }).conversationId),
          ),
        )
        .orderBy(asc(messages.seq));
      expect(rows.map((r) => r.ext)).toEqual([0, 1, 2, 3].map((i) => `${callId}:${i}`));
    } finally {
      await liveServerOf(app2)?.close();
      await new Promise<void>((resolve) => server2.close(() => resolve()));
    }
  });

  it("refuses streaming without the ingest scope, and utterances for a call never started", async () => {
    const watcher = await connect("", { authorization: `Bearer ${readKey}` });
    watcher.send({ type: "start", callId: "c-ro" });
    expect(await watcher.next(isType("error"), "error")).toMatchObject({
      code: "FORBIDDEN",
      callId: "c-ro",
    });
    const platform = await connect(`?access_token=${ingestKey}`);
    platform.send({
      type: "utterance",
      callId: "never-started",
      speaker: "customer",
      text: "hello",
      startOffset: 0,
      endOffset: 1,
    });
    expect(await platform.next(isType("error"), "error")).toMatchObject({
      code: "CALL_NOT_FOUND",
      callId: "never-started",
    });
  });

  it("refuses the handshake without credentials, with a bad key, or from another origin with a cookie", async () => {
    await expect(LiveClient.connect(`${base}/api/v1/live`)).rejects.toThrow(
      "handshake refused: 401",
    );
    await expect(
      LiveClient.connect(`${base}/api/v1/live?access_token=rk_not-a-key`),
    ).rejects.toThrow("handshake refused: 401");
    const cookie = (await loginAs(app, a.users.admin.email)).cookie;
    await expect(
      LiveClient.connect(`${base}/api/v1/live`, { cookie, origin: "https://evil.example" }),
    ).rejects.toThrow("handshake refused: 403");
  });

  it("answers a plain HTTP request with 400 naming the protocol", async () => {
    const res = await app.request("/api/v1/live", {
      headers: { authorization: `Bearer ${ingestKey}` },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "WebSocket",
    );
  });
});

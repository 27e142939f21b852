import { gzipSync } from "node:zlib";
import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  type Session,
  type TestApp,
} from "../../../test/http.ts";

const ORIGIN = "https://shop.example.test";

interface ChatState {
  chatId: string;
  status: string;
  messages: {
    seq: number;
    role: string;
    text: string;
    citation: { articleId: string; title: string; url: string | null } | null;
  }[];
}

describeEachBackend("widget: visitor, bot, handoff and inbox", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let admin: Session;
  let agent: Session;
  let articleId: string;

  const visitor = (token: string | null, origin = ORIGIN) => ({
    post: (path: string, body: unknown) =>
      app.request(`/api/v1/widget/${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin,
          ...(token ? { "x-widget-token": token } : {}),
        },
        body: JSON.stringify(body),
      }),
  });
  const startChat = async (slug = org.slug) => {
    const res = await visitor(null).post("sessions", { org: slug });
    expect(res.status).toBe(201);
    return (await res.json()) as ChatState & { token: string; greeting: string };
  };
  const say = async (token: string, text: string) => {
    const res = await visitor(token).post("messages", { text });
    expect(res.status).toBe(201);
    return (await res.json()) as ChatState;
  };

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    other = await buildOrg(db);
    admin = await loginAs(app, org.users.admin.email);
    agent = await loginAs(app, org.users.agent.email);
    const put = await admin.request("PUT", "/api/v1/widget-settings", {
      enabled: true,
      allowedOrigins: [ORIGIN],
      articleUrlTemplate: "https://help.example.test/articles/{id}",
    });
    expect(put.status).toBe(200);
    const article = await admin.request("POST", "/api/v1/kb/articles", {
      title: "Returning a damaged item",
      body:
        "If an item arrives damaged, you can return it within 30 days for a full refund. " +
        "Start the return from your orders page and print the free returns label.",
    });
    expect(article.status).toBe(201);
    articleId = ((await article.json()) as { id: string }).id;
  });

  it("serves /widget.js as JavaScript under 30 KB gzipped, loadable from other websites", async () => {
    const res = await app.request("/widget.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("javascript");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const body = await res.text();
    expect(body).not.toContain("innerHTML");
    expect(gzipSync(body).length).toBeLessThan(30 * 1024);
  });

  it("answers preflights and refuses origins off the allow-list", async () => {
    const pre = await app.request("/api/v1/widget/messages", {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "access-control-request-method": "POST" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(pre.headers.get("access-control-allow-credentials")).toBeNull();
    const refused = await visitor(null, "https://evil.example.test").post("sessions", {
      org: org.slug,
    });
    expect(refused.status).toBe(403);
    expect((await visitor(null).post("sessions", { org: other.slug })).status).toBe(403);
    expect((await visitor(null).post("sessions", { org: "no-such-org" })).status).toBe(404);
  });

  it("checks the token: signature, origin, body size", async () => {
    const chat = await startChat();
    const forged = `${chat.token.slice(0, -2)}xx`;
    const bad = await visitor(forged).post("messages", { text: "hello" });
    expect(bad.status).toBe(401);
    expect(await errorCode(bad)).toBe("UNAUTHENTICATED");
    expect(
      (await visitor(chat.token, "https://evil.example.test").post("messages", { text: "hi" }))
        .status,
    ).toBe(403);
    expect((await visitor(chat.token).post("messages", { text: "x".repeat(2001) })).status).toBe(
      400,
    );
    expect((await visitor(chat.token).post("messages", { text: "  " })).status).toBe(400);
  });

  it("bot answers from the article, hands off on request, agent sees the context and replies", async () => {
    const chat = await startChat();
    expect(chat.greeting).toMatch(/Ask me/);
    const answered = await say(chat.token, "My blender arrived damaged, how do I return it?");
    const bot = answered.messages.find((m) => m.role === "bot")!;
    expect(bot.citation).toEqual({
      articleId,
      title: "Returning a damaged item",
      url: `https://help.example.test/articles/${articleId}`,
    });
    expect(bot.text).toContain("30 days");

    const handed = await say(chat.token, "Can I talk to a human please?");
    expect(handed.status).toBe("queued");
    expect(handed.messages.map((m) => m.role)).toEqual(["customer", "system"]);

    const list = await agent.request("GET", "/api/v1/inbox");
    const items = ((await list.json()) as { items: { id: string; reason: string }[] }).items;
    expect(items.find((i) => i.id === chat.chatId)?.reason).toBe("requested");

    const take = await agent.request("POST", `/api/v1/inbox/${chat.chatId}/take`);
    expect(take.status).toBe(200);
    const context = (await take.json()) as {
      chat: {
        status: string;
        reason: string;
        assignee: { name: string } | null;
        conversationId: string;
      };
      messages: { role: string; text: string }[];
      botTried: {
        question: string;
        answered: boolean;
        attempts: { articleId: string; score: number }[];
      }[];
      intent: { topic: string | null };
    };
    expect(context.chat.status).toBe("assigned");
    expect(context.chat.assignee?.name).toMatch(/^agent of /);
    expect(context.messages.map((m) => m.role)).toEqual(["customer", "bot", "customer", "system"]);
    expect(context.botTried[0]?.answered).toBe(true);
    expect(context.botTried[0]?.attempts[0]?.articleId).toBe(articleId);
    expect(context.intent.topic).toBe("Returning a damaged item");

    const reply = await agent.request("POST", `/api/v1/inbox/${chat.chatId}/replies`, {
      text: "Hello, I can help with the blender return.",
    });
    expect(reply.status).toBe(201);
    const polled = await visitor(chat.token).post("poll", { after: 4 });
    const state = (await polled.json()) as ChatState;
    expect(state.messages.map((m) => [m.role, m.text])).toEqual([
      ["agent", "Hello, I can help with the blender return."],
    ]);
    await say(chat.token, "My blender arrived damaged and I want to return it");

    const conv = await admin.request("GET", `/api/v1/conversations/${context.chat.conversationId}`);
    expect(conv.status).toBe(200);
    const stored = (await conv.json()) as {
      conversation: { channel: string };
      messages: { role: string }[];
    };
    expect(stored.conversation.channel).toBe("chat");
    expect(stored.messages.map((m) => m.role)).toEqual([
      "customer",
      "bot",
      "customer",
      "agent",
      "customer",
    ]);

    const report = await admin.request("GET", "/api/v1/handoff-quality?days=7");
    const r = (await report.json()) as {
      handoffs: number;
      repeated: number;
      medianFirstReplySeconds: number | null;
      daily: { date: string; handoffs: number }[];
    };
    expect(r.handoffs).toBeGreaterThanOrEqual(1);
    // A row for each of the window's days, quiet ones as zeros, the handoffs all counted.
    expect(r.daily).toHaveLength(8);
    expect(r.daily.reduce((n, d) => n + d.handoffs, 0)).toBe(r.handoffs);
    expect(r.repeated).toBeGreaterThanOrEqual(1);
    expect(r.medianFirstReplySeconds).not.toBeNull();

    const foreign = await loginAs(app, other.users.admin.email);
    expect((await foreign.request("GET", `/api/v1/inbox/${chat.chatId}`)).status).toBe(404);
  });

  it("says it does not know below the threshold, then hands off on low confidence", async () => {
    const chat = await startChat();
    const first = await say(chat.token, "Which colour is the sky on Mars at dusk?");
    expect(first.status).toBe("bot");
    expect(first.messages.at(-1)?.text).toMatch(/not sure/);
    const second = await say(chat.token, "Quantum zebra pancakes?");
    expect(second.status).toBe("queued");
  });

  it("hands off at once on a churn threat", async () => {
    const chat = await startChat();
    const res = await say(
      chat.token,
      "This is useless, I'm going to cancel my account and switch to your competitor.",
    );
    expect(res.status).toBe("queued");
    const ctx = await admin.request("GET", `/api/v1/inbox/${chat.chatId}`);
    const body = (await ctx.json()) as { chat: { reason: string; reasonSignals: string[] } };
    expect(body.chat.reason).toBe("alert");
    expect(body.chat.reasonSignals).toContain("churn_threat");
  });
});

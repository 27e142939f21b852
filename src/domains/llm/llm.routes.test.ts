import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { startFakeLlm, type FakeLlm } from "../../../test/fake-llm.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  withApiKey,
  type Session,
  type TestApp,
} from "../../../test/http.ts";

const TEXTS = [
  "My card 4111 1111 1111 1111 was charged twice, write to dana@example.com",
  "I'm sorry about that, I will refund the duplicate today.",
  "Thanks.",
];

describeEachBackend("language-model provider", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;
  let agent: Session;
  let conversationId: string;
  const fakes: FakeLlm[] = [];
  const fake = async (...args: Parameters<typeof startFakeLlm>) => {
    const f = await startFakeLlm(...args);
    fakes.push(f);
    return f;
  };
  const summarise = async (session: Session, id = conversationId) => {
    const res = await session.request("POST", `/api/v1/conversations/${id}/summary`);
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  const configure = (body: Record<string, unknown>) =>
    admin.request("PUT", "/api/v1/settings/llm", body);

  beforeAll(async () => {
    app = buildTestApp(database());
    org = await buildOrg(database().db);
    admin = await loginAs(app, org.users.admin.email);
    agent = await loginAs(app, org.users.agent.email);
    conversationId = await buildConversation(database().db, org.orgId, {
      texts: TEXTS,
      agentId: org.agentId,
    });
  }, 180_000);
  afterAll(async () => {
    for (const f of fakes) await f.close();
  });

  it("is off by default: an extractive summary and a template reply, both marked fallback", async () => {
    const settings = await admin.request("GET", "/api/v1/settings/llm");
    expect(await settings.json()).toMatchObject({
      enabled: false,
      source: "off",
      hasApiKey: false,
    });
    const summary = await summarise(admin);
    expect(summary).toMatchObject({ source: "fallback", fallbackReason: "disabled", model: null });
    expect(summary.summary).toContain("charged twice");
    expect(summary.summary).not.toContain("4111");
    expect(summary.summary).toContain("Agent's last words");
    const reply = await agent.request("POST", "/api/v1/assist/reply-suggestion", {
      messages: [{ role: "customer", text: "This is the third time I call, I want a manager!" }],
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({
      source: "fallback",
      fallbackReason: "disabled",
      suggestion: expect.stringContaining("team lead"),
    });
  });

  it("sends redacted text with the key to the configured provider and returns its answer", async () => {
    const llm = await fake("ok", { reply: "Customer was double charged; refund promised today." });
    const saved = await configure({
      enabled: true,
      url: llm.url,
      model: "local-7b",
      apiKey: "sk-secret-1",
    });
    expect(saved.status).toBe(200);
    const body = await saved.text();
    expect(body).not.toContain("sk-secret-1");
    expect(JSON.parse(body)).toMatchObject({
      enabled: true,
      source: "organization",
      hasApiKey: true,
    });

    expect(await summarise(agent)).toEqual({
      summary: "Customer was double charged; refund promised today.",
      source: "llm",
      model: "local-7b",
      fallbackReason: null,
    });
    const [sent] = llm.requests;
    expect(sent?.path).toBe("/v1/chat/completions");
    expect(sent?.authorization).toBe("Bearer sk-secret-1");
    const prompt = JSON.stringify(sent?.body);
    expect(prompt).toContain("local-7b");
    expect(prompt).toContain("charged twice");
    expect(prompt).not.toContain("4111");
    expect(prompt).not.toContain("dana@example.com");

    const reply = await agent.request("POST", "/api/v1/assist/reply-suggestion", {
      messages: [
        { role: "customer", text: "Call me on dana@example.com" },
        { role: "agent", text: "Sure." },
      ],
    });
    expect(await reply.json()).toMatchObject({ source: "llm", model: "local-7b" });
    expect(JSON.stringify(llm.requests[1]?.body)).not.toContain("dana@example.com");

    // Saving without a key keeps the stored one; the key is never shown.
    await configure({ enabled: true, url: llm.url, model: "local-8b" });
    await summarise(admin);
    expect(llm.requests[2]?.authorization).toBe("Bearer sk-secret-1");
  });

  it("falls back cleanly when the provider errors or is too slow", async () => {
    const broken = await fake("error");
    await configure({ enabled: true, url: broken.url, model: "m", apiKey: null });
    expect(await summarise(admin)).toMatchObject({
      source: "fallback",
      fallbackReason: "unavailable",
    });
    expect(broken.requests[0]?.authorization).toBeUndefined();

    const slow = await fake("slow", { delayMs: 5_000 });
    await configure({ enabled: true, url: slow.url, model: "m", timeoutMs: 1_000 });
    expect(await summarise(admin)).toMatchObject({ source: "fallback", fallbackReason: "timeout" });

    // Nothing listens there any more: unreachable is "unavailable", still a 200.
    const gone = await fake("ok");
    await gone.close();
    await configure({ enabled: true, url: gone.url, model: "m" });
    expect(await summarise(admin)).toMatchObject({
      source: "fallback",
      fallbackReason: "unavailable",
    });
    await configure({ enabled: false });
  });

  it("uses the RAPPORT_LLM_* provider when the organization has no setting of its own", async () => {
    const llm = await fake("ok", { reply: "From the instance model." });
    const envApp = buildTestApp(database(), {
      config: { llm: { url: llm.url, model: "env-model", apiKey: "sk-env" } },
    });
    const other = await buildOrg(database().db);
    const session = await loginAs(envApp, other.users.admin.email);
    const settings = await session.request("GET", "/api/v1/settings/llm");
    const text = await settings.text();
    expect(text).not.toContain("sk-env");
    expect(JSON.parse(text)).toMatchObject({
      source: "environment",
      model: "env-model",
      hasApiKey: true,
    });
    const res = await session.request(
      "POST",
      `/api/v1/conversations/${other.conversationId}/summary`,
    );
    expect(await res.json()).toMatchObject({ source: "llm", summary: "From the instance model." });
    expect(llm.requests[0]?.authorization).toBe("Bearer sk-env");
  });

  it("refuses bad settings and input with 400, other roles with 403, other tenants' conversations with 404", async () => {
    const missing = await configure({ enabled: true });
    expect(missing.status).toBe(400);
    expect(await errorCode(missing)).toBe("VALIDATION_FAILED");
    expect((await configure({ enabled: true, url: "ftp://x", model: "m" })).status).toBe(400);
    expect((await agent.request("PUT", "/api/v1/settings/llm", { enabled: false })).status).toBe(
      403,
    );
    const empty = await agent.request("POST", "/api/v1/assist/reply-suggestion", { messages: [] });
    expect(empty.status).toBe(400);
    const foreign = await buildOrg(database().db);
    const res = await admin.request(
      "POST",
      `/api/v1/conversations/${foreign.conversationId}/summary`,
    );
    expect(res.status).toBe(404);
    const key = (await createApiKey(database().db, org.orgId, { kind: "cli" }, "r", ["read"])).key;
    const viaKey = await withApiKey(app, key)(
      "POST",
      `/api/v1/conversations/${conversationId}/summary`,
    );
    expect(viaKey.status).toBe(200);
  });
});

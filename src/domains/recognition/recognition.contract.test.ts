import { afterAll, beforeAll, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../../../test/mail-servers.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { createApiKey } from "../orgs/index.ts";
import { analyzeAndStore, loadMessagesForAnalysis } from "../conversations/index.ts";
import { smtpConfigFromUrl } from "../email/index.ts";
import { closeSmtpTransports } from "../email/smtp.ts";
import { setDigestSmtp } from "./digest.service.ts";
import { runDueSchedules } from "./wow.service.ts";

describeEachBackend("recognition contract", ({ database }) => {
  let app: TestApp;
  let a: TestOrg;
  let b: TestOrg;
  let leader: Session;
  let agent: Session;
  let smtp: TestSmtpServer;
  let praisedId: string;

  beforeAll(async () => {
    const db = database().db;
    smtp = await startSmtpServer();
    setDigestSmtp(smtpConfigFromUrl(`smtp://wow%40acme.test:pw@127.0.0.1:${smtp.port}`)!);
    app = buildTestApp(database());
    a = await buildOrg(db);
    b = await buildOrg(db);
    praisedId = await buildConversation(db, a.orgId, {
      agentId: a.agentId,
      teamId: a.teamId,
      customerId: a.customerId,
      texts: [
        "Casey here, my card was charged twice, call me on 020 7946 0958.",
        "I'm so sorry, I've refunded the duplicate now.",
        "Thank you so much, you were amazing and so helpful!",
      ],
    });
    await analyzeAndStore(
      db,
      a.orgId,
      await loadMessagesForAnalysis(db, a.orgId, [praisedId, a.conversationId]),
    );
    leader = await loginAs(app, a.users.leader.email);
    agent = await loginAs(app, a.users.agent.email);
  });
  afterAll(async () => {
    setDigestSmtp(undefined);
    closeSmtpTransports();
    await smtp.stop();
  });

  it("collects praise into candidates with the customer's words as evidence", async () => {
    const res = await leader.request("POST", "/api/v1/wow-stories/collect", { days: 7 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { collected: number }).collected).toBe(1);
    const { key } = await createApiKey(database().db, a.orgId, { kind: "cli" }, "r", ["read"]);
    const list = await app.request("/api/v1/wow-stories/candidates", {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: { conversationId: string; evidence: string[] }[] };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]!.conversationId).toBe(praisedId);
    expect(body.items[0]!.evidence.join(" ")).toContain("amazing");
    // Collecting again adds nothing: one candidate per conversation.
    const again = await leader.request("POST", "/api/v1/wow-stories/collect", { days: 7 });
    expect(((await again.json()) as { collected: number }).collected).toBe(0);
  });

  it("previews the anonymised story, publishes it to the feed and mails the digest", async () => {
    const list = await leader.request("GET", "/api/v1/wow-stories/candidates");
    const [candidate] = ((await list.json()) as { items: { id: string }[] }).items;
    const draft = "Casey Customer called from 020 7946 0958; Ada fixed it at once.";
    const preview = await leader.request("POST", `/api/v1/wow-stories/${candidate!.id}/preview`, {
      draft,
    });
    expect(preview.status).toBe(200);
    const p = (await preview.json()) as { anonymised: string; replacements: number };
    expect(p.anonymised).not.toContain("Casey");
    expect(p.anonymised).not.toContain("7946");
    expect(p.anonymised).toContain("[CUSTOMER]");

    const published = await leader.request("POST", `/api/v1/wow-stories/${candidate!.id}/publish`, {
      title: "Casey's refund",
      story: draft,
    });
    expect(published.status).toBe(200);
    const again = await leader.request("POST", `/api/v1/wow-stories/${candidate!.id}/publish`, {
      title: "x",
      story: "y",
    });
    expect(again.status).toBe(409);

    const feed = await agent.request("GET", "/api/v1/wow-stories");
    const items = ((await feed.json()) as { items: { story: string; evidence: string[] }[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]!.story).toBe(p.anonymised);
    expect(items[0]!.evidence).toEqual([]);

    const digest = await leader.request("GET", "/api/v1/wow-stories/digest");
    expect(((await digest.json()) as { stories: unknown[] }).stories).toHaveLength(1);
    const sent = await leader.request("POST", "/api/v1/wow-stories/digest");
    expect(sent.status).toBe(200);
    expect(((await sent.json()) as { sent: number }).sent).toBe(5);
    const mail = await smtp.nextMail();
    expect(mail.raw.toString()).toContain("1 new wow story");
    expect(mail.raw.toString()).not.toContain("Casey");
    // Sent once: the next digest is empty.
    const next = await leader.request("GET", "/api/v1/wow-stories/digest");
    expect(((await next.json()) as { stories: unknown[] }).stories).toHaveLength(0);
  });

  it("agents cannot curate", async () => {
    expect((await agent.request("GET", "/api/v1/wow-stories/candidates")).status).toBe(403);
  });

  it("gives kudos to a colleague, refuses self-kudos and people of another org", async () => {
    const ok = await leader.request("POST", "/api/v1/kudos", {
      toUserId: a.users.agent.id,
      conversationId: a.conversationId,
      message: "Lovely call",
    });
    expect(ok.status).toBe(201);
    const self = await agent.request("POST", "/api/v1/kudos", {
      toUserId: a.users.agent.id,
      conversationId: a.conversationId,
      message: "Me!",
    });
    expect(self.status).toBe(422);
    expect(await errorCode(self)).toBe("KUDOS_NOT_ALLOWED");
    const foreign = await agent.request("POST", "/api/v1/kudos", {
      toUserId: b.users.agent.id,
      conversationId: a.conversationId,
      message: "Hi",
    });
    expect(foreign.status).toBe(422);
    const foreignConversation = await agent.request("POST", "/api/v1/kudos", {
      toUserId: a.users.leader.id,
      conversationId: b.conversationId,
      message: "Hi",
    });
    expect(foreignConversation.status).toBe(404);

    const me = await agent.request("GET", "/api/v1/recognition/me");
    const counts = (await me.json()) as { kudosReceived: number; wowStories: number };
    expect(counts).toMatchObject({ kudosReceived: 1, wowStories: 1 });
    const page = await leader.request("GET", `/api/v1/recognition/agents/${a.agentId}`);
    expect(await page.json()).toMatchObject({ kudosReceived: 1, wowStories: 1 });
    const other = await leader.request("GET", `/api/v1/recognition/agents/${b.agentId}`);
    expect(other.status).toBe(404);
    expect((await agent.request("GET", "/api/v1/kudos?box=all")).status).toBe(403);
  });

  it("keeps a per-org schedule and runs each due slot once", async () => {
    const bad = await leader.request("PUT", "/api/v1/recognition/schedule", {
      days: [1, 1],
      hour: 9,
      timeZone: "UTC",
    });
    expect(bad.status).toBe(400);
    const put = await leader.request("PUT", "/api/v1/recognition/schedule", {
      days: [5, 1],
      hour: 8,
      timeZone: "Europe/Paris",
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ days: [1, 5], hour: 8, timeZone: "Europe/Paris" });
    const db = database().db;
    const now = new Date();
    const sent: string[] = [];
    const first = await runDueSchedules(db, now, async (orgId) => (sent.push(orgId), 0));
    expect(first).toBeGreaterThanOrEqual(2);
    expect(sent).toContain(a.orgId);
    expect(await runDueSchedules(db, now, async () => 0)).toBe(0);
  });
});

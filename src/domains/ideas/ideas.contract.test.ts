import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  withApiKey,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { analyzeAndStore, loadMessagesForAnalysis } from "../conversations/index.ts";
import { createApiKey } from "../orgs/index.ts";
import { messages } from "../../db/schema/index.ts";
import { mineConversations } from "./ideas.service.ts";

describeEachBackend("ideas contract", ({ database }) => {
  let app: TestApp;
  let a: TestOrg;
  let b: TestOrg;
  let agent: Session;
  let leader: Session;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    a = await buildOrg(db);
    b = await buildOrg(db);
    agent = await loginAs(app, a.users.agent.email);
    leader = await loginAs(app, a.users.leader.email);
  });

  it("POST /ideas answers 201 with an id; a vote is 2xx, a second one 409", async () => {
    const created = await agent.request("POST", "/api/v1/ideas", {
      title: "Callback slots at weekends",
      body: "Customers who work weekdays miss our callbacks.",
    });
    expect(created.status).toBe(201);
    const idea = (await created.json()) as { id: string; status: string; source: string };
    expect(idea).toMatchObject({ status: "new", source: "employee" });
    const vote = await leader.request("POST", `/api/v1/ideas/${idea.id}/votes`);
    expect(vote.status).toBeGreaterThanOrEqual(200);
    expect(vote.status).toBeLessThan(300);
    expect(await vote.json()).toMatchObject({ votes: 1, votedByMe: true });
    const twice = await leader.request("POST", `/api/v1/ideas/${idea.id}/votes`);
    expect(twice.status).toBe(409);
    expect(await errorCode(twice)).toBe("IDEA_ALREADY_VOTED");

    // With an API key, as other tools call it.
    const { key } = await createApiKey(database().db, a.orgId, { kind: "cli" }, "w", ["write"]);
    const call = withApiKey(app, key);
    const viaKey = await call("POST", "/api/v1/ideas", { title: "From a tool", body: "Body" });
    expect(viaKey.status).toBe(201);
    const keyIdea = (await viaKey.json()) as { id: string };
    expect((await call("POST", `/api/v1/ideas/${keyIdea.id}/votes`)).status).toBe(201);
  });

  it("refuses bad input with 4xx and hides other orgs' ideas", async () => {
    expect((await agent.request("POST", "/api/v1/ideas", { title: "", body: "x" })).status).toBe(
      400,
    );
    expect((await agent.request("POST", "/api/v1/ideas", { title: "x" })).status).toBe(400);
    const bAdmin = await loginAs(app, b.users.admin.email);
    const theirs = await bAdmin.request("POST", "/api/v1/ideas", { title: "B idea", body: "b" });
    const { id } = (await theirs.json()) as { id: string };
    expect((await agent.request("POST", `/api/v1/ideas/${id}/votes`)).status).toBe(404);
    expect((await agent.request("GET", `/api/v1/ideas/${id}`)).status).toBe(404);
  });

  it("moves through statuses; declining needs a reason; agents cannot review", async () => {
    const created = await agent.request("POST", "/api/v1/ideas", { title: "T", body: "B" });
    const { id } = (await created.json()) as { id: string };
    expect(
      (await agent.request("PATCH", `/api/v1/ideas/${id}`, { status: "planned" })).status,
    ).toBe(403);
    const noReason = await leader.request("PATCH", `/api/v1/ideas/${id}`, { status: "declined" });
    expect(noReason.status).toBe(400);
    expect(await errorCode(noReason)).toBe("IDEA_DECLINE_REASON_REQUIRED");
    const planned = await leader.request("PATCH", `/api/v1/ideas/${id}`, { status: "planned" });
    expect(await planned.json()).toMatchObject({ status: "planned", fixId: null });
    const declined = await leader.request("PATCH", `/api/v1/ideas/${id}`, {
      status: "declined",
      declineReason: "Too costly",
    });
    expect(await declined.json()).toMatchObject({
      status: "declined",
      declineReason: "Too costly",
    });
    const commented = await agent.request("POST", `/api/v1/ideas/${id}/comments`, { body: "Pity" });
    expect(commented.status).toBe(201);
    const detail = (await commented.json()) as {
      comments: number;
      commentList: { body: string }[];
    };
    expect(detail.comments).toBe(1);
    expect(detail.commentList[0]!.body).toBe("Pity");
  });

  it("links only a fix of the org, and shows the fix's measured impact on the idea", async () => {
    const db = database().db;
    const DAY = 86_400_000;
    // Four "order" contacts in the four weeks before the ship date, one after it.
    for (const daysAgo of [25, 22, 20, 17, 5])
      await buildConversation(db, a.orgId, {
        agentId: a.agentId,
        startedAt: new Date(Date.now() - daysAgo * DAY),
      });
    const fix = async (title: string, shippedAt: Date, s: Session = leader) => {
      const res = await s.request("POST", "/api/v1/fixes", {
        title,
        shippedAt: shippedAt.toISOString(),
        target: { search: "order arrived" },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const shipped = await fix("Tracking link in the confirmation", new Date(Date.now() - 14 * DAY));
    const future = await fix("Weekend callbacks", new Date(Date.now() + 7 * DAY));
    const theirs = await fix("B's fix", new Date(), await loginAs(app, b.users.leader.email));
    const { id } = (await (
      await agent.request("POST", "/api/v1/ideas", { title: "Tracking", body: "Link it" })
    ).json()) as { id: string };
    const link = (fixId: string) => leader.request("PATCH", `/api/v1/ideas/${id}`, { fixId });

    for (const other of [theirs, "6f1c1a5e-8f7a-4c57-9d2e-0d7f3b1a2c3d"]) {
      const refused = await link(other);
      expect(refused.status).toBe(400);
      expect(await errorCode(refused)).toBe("VALIDATION_FAILED");
    }
    expect((await link(future)).status).toBe(200);
    const notYet = (await (await agent.request("GET", `/api/v1/ideas/${id}`)).json()) as {
      fix: { id: string; impact: unknown };
    };
    expect(notYet.fix).toMatchObject({ id: future, impact: null });

    expect(await (await link(shipped)).json()).toMatchObject({ fixId: shipped });
    const detail = (await (await agent.request("GET", `/api/v1/ideas/${id}`)).json()) as {
      fix: {
        title: string;
        impact: {
          rateRatio: number;
          ci95: [number, number];
          afterConversations: number;
          verdict: string;
          complete: boolean;
        };
      };
    };
    expect(detail.fix.title).toBe("Tracking link in the confirmation");
    const i = detail.fix.impact;
    expect(i.afterConversations).toBeGreaterThan(0);
    expect(i.ci95[0]).toBeLessThanOrEqual(i.rateRatio);
    expect(i.ci95[1]).toBeGreaterThanOrEqual(i.rateRatio);
    expect(["worked", "did_not_work", "inconclusive"]).toContain(i.verdict);
    // Shipped 14 days ago, measured over 28 days either side: the after window is still filling.
    expect(i.complete).toBe(false);

    // Deleting the fix unlinks the idea: no id left that answers 404.
    expect((await leader.request("DELETE", `/api/v1/fixes/${shipped}`)).status).toBe(204);
    const unlinked = await (await agent.request("GET", `/api/v1/ideas/${id}`)).json();
    expect(unlinked).toMatchObject({ fixId: null, fix: null });
  });

  it("mines customer suggestions and idea notes once each, with their evidence", async () => {
    const db = database().db;
    const id = await buildConversation(db, a.orgId, {
      agentId: a.agentId,
      texts: [
        "You should add a tracking link to the confirmation email.",
        "Thanks, I'll pass that on.",
      ],
    });
    await db.insert(messages).values({
      orgId: a.orgId,
      conversationId: id,
      seq: 2,
      role: "internal",
      agentId: a.agentId,
      text: "Idea: let customers pick a delivery slot when a parcel is rescheduled.",
      ts: new Date(),
    });
    await analyzeAndStore(db, a.orgId, await loadMessagesForAnalysis(db, a.orgId, [id]));
    expect(await mineConversations(db, a.orgId, [id])).toBe(2);
    expect(await mineConversations(db, a.orgId, [id])).toBe(0);
    const list = await leader.request("GET", "/api/v1/ideas?source=customer_suggestion");
    const items = (
      (await list.json()) as { items: { evidence: string[]; conversationId: string }[] }
    ).items;
    expect(items).toHaveLength(1);
    expect(items[0]!.conversationId).toBe(id);
    expect(items[0]!.evidence[0]).toContain("tracking link");
    const notes = await leader.request("GET", "/api/v1/ideas?source=internal_note");
    const note = ((await notes.json()) as { items: { title: string }[] }).items[0]!;
    expect(note.title).toBe("let customers pick a delivery slot when a parcel is rescheduled.");
  });
});

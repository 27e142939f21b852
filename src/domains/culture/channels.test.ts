import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, loginAs, withApiKey, type TestApp } from "../../../test/http.ts";
import { createApiKey } from "../orgs/index.ts";

interface Evidence {
  source: string;
  conversationId: string | null;
  channel: string;
  authorName: string | null;
  text: string | null;
  spans: string[];
}
interface View {
  weeks: { notes: number | null; incidents: number | null }[];
  cells: {
    teamId: string | null;
    incidents: number | null;
    channelMessages: number | null;
    evidence: Evidence[];
  }[];
}

const sentAt = new Date(Date.now() - 86_400_000).toISOString();
const BATCH = {
  source: "slack",
  items: [
    {
      externalId: "C1-1001",
      channel: "#support-floor",
      author: { externalId: "a-1" },
      sentAt,
      text: "This customer is an idiot, write to him at angry.guy@example.com",
    },
    { externalId: "C1-1002", channel: "#support-floor", sentAt, text: "Lunch at noon?" },
  ],
};

describeEachBackend("culture: internal chat channels", ({ database }) => {
  let app: TestApp;
  let a: TestOrg;
  let b: TestOrg;
  let ingest: ReturnType<typeof withApiKey>;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    a = await buildOrg(db);
    b = await buildOrg(db);
    ingest = withApiKey(
      app,
      (await createApiKey(db, a.orgId, { kind: "cli" }, "k", ["ingest"])).key,
    );
    const admin = await loginAs(app, a.users.admin.email);
    const rules = { minGroupSize: 1, showAgentNames: true, showEvidence: true };
    expect((await admin.request("PUT", "/api/v1/culture/privacy", rules)).status).toBe(200);
  });

  it("keeps only the messages marked disrespect, redacted, once however often they are sent", async () => {
    const first = await ingest("POST", "/api/v1/culture/channel-messages", BATCH);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 2, marked: 1, stored: 1 });
    const again = await ingest("POST", "/api/v1/culture/channel-messages", BATCH);
    expect(await again.json()).toEqual({ received: 2, marked: 1, stored: 0 });

    const leader = await loginAs(app, a.users.leader.email);
    const view = (await (await leader.request("GET", "/api/v1/culture/disrespect")).json()) as View;
    const cell = view.cells.find((c) => c.teamId === a.teamId)!;
    expect(cell).toMatchObject({ incidents: 1, channelMessages: 1 });
    expect(cell.evidence[0]).toMatchObject({
      source: "channel",
      conversationId: null,
      channel: "slack:#support-floor",
      authorName: "Ada Agent",
    });
    expect(cell.evidence[0]!.spans).toContain("idiot");
    expect(cell.evidence[0]!.text).not.toContain("angry.guy@example.com");
    expect(view.weeks.at(-1)).toMatchObject({ incidents: 1, notes: 0 });
  });

  it("shows nothing of it to another org", async () => {
    const other = await loginAs(app, b.users.leader.email);
    const view = (await (await other.request("GET", "/api/v1/culture/disrespect")).json()) as View;
    expect(view.cells).toEqual([]);
  });

  it("refuses bad batches with 400 and storing nothing, and sessions without the admin role", async () => {
    const bad = [
      { ...BATCH, source: "Slack!" },
      { ...BATCH, items: [] },
      { ...BATCH, items: [{ ...BATCH.items[0], externalId: "x", sentAt: "yesterday" }] },
      { ...BATCH, items: [{ ...BATCH.items[0], externalId: "y", text: "x".repeat(10_001) }] },
      {
        ...BATCH,
        items: Array.from({ length: 501 }, (_, i) => ({ ...BATCH.items[1], externalId: `${i}` })),
      },
    ];
    for (const body of bad)
      expect((await ingest("POST", "/api/v1/culture/channel-messages", body)).status).toBe(400);
    const agent = await loginAs(app, a.users.agent.email);
    expect((await agent.request("POST", "/api/v1/culture/channel-messages", BATCH)).status).toBe(
      403,
    );
  });
});

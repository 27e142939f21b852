import { beforeAll, expect, it } from "vitest";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, withApiKey, type TestApp } from "../../../test/http.ts";
import { ConversationDetailSchema } from "./conversations.schemas.ts";
import { runQueuedJobs } from "../../../test/jobs.ts";

interface Page {
  items: {
    externalId: string;
    analysis: {
      satisfaction: number;
      satisfactionConfidence: number | null;
      satisfactionOutcome: string | null;
      sentiment: string;
      signals: string[];
    } | null;
  }[];
}

const chat = (externalId: string, customer: string[], agent: string) => ({
  externalId,
  source: "search-test",
  channel: "chat",
  customer: { externalId: `c-${externalId}` },
  agent: { externalId: "a-1", name: "Ada" },
  messages: [
    ...customer.map((text, i) => ({ role: "customer", text, ts: `2026-11-03T10:0${i * 2}:00Z` })),
    { role: "agent", text: agent, ts: "2026-11-03T10:01:00Z" },
  ],
});

describeEachBackend("conversation search and analysis filters", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let call: ReturnType<typeof withApiKey>;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    call = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "k", ["ingest", "read"])).key,
    );
    const res = await call("POST", "/api/v1/interactions", {
      conversations: [
        chat(
          "angry",
          [
            "My parcel never arrived and this is the third time I'm calling. I will cancel my account!",
          ],
          "That's our policy.",
        ),
        chat(
          "happy",
          [
            "Could you help me update my billing address please?",
            "Perfect, thank you so much, great service!",
          ],
          "Of course! I've updated it for you.",
        ),
        chat(
          "refund",
          ["I want a refund for the broken kettle."],
          "I'm sorry, I've issued the refund.",
        ),
      ],
    });
    expect(res.status).toBe(200);
    await runQueuedJobs(db);
  });

  const ids = async (query: string) => {
    const res = await call("GET", `/api/v1/conversations?limit=50&${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as Page).items.map((i) => i.externalId).sort();
  };

  it("finds conversations by words in their messages, with stemming", async () => {
    expect(await ids("q=kettle")).toEqual(["refund"]);
    expect(await ids("q=parcels")).toEqual(["angry"]);
    expect(await ids(`q=${encodeURIComponent('"billing address"')}`)).toEqual(["happy"]);
    expect(await ids("q=zebra")).toEqual([]);
  });

  it("filters by detected signal", async () => {
    expect(await ids("signal=churn_threat")).toEqual(["angry"]);
  });

  it("filters by customer sentiment and predicted satisfaction", async () => {
    const negative = await ids("sentiment=negative");
    expect(negative).toContain("angry");
    expect(negative).not.toContain("happy");
    const low = await ids("maxSatisfaction=2.5");
    const high = await ids("minSatisfaction=3.5");
    expect(low).toContain("angry");
    expect(high).toContain("happy");
    expect(low).not.toContain("happy");
  });

  it("lists how much evidence of the outcome each prediction rests on", async () => {
    const res = await call("GET", "/api/v1/conversations?limit=50");
    const items = ((await res.json()) as Page).items;
    const byId = new Map(items.map((i) => [i.externalId, i.analysis]));
    // "happy": the customer reacted to the agent's reply; "angry": the agent replied last.
    expect(byId.get("happy")).toMatchObject({ satisfactionOutcome: "observed" });
    expect(byId.get("happy")!.satisfactionConfidence).toBeGreaterThanOrEqual(0.5);
    expect(byId.get("angry")).toMatchObject({
      satisfactionOutcome: "unknown",
      satisfactionConfidence: 0.3,
    });
    expect(byId.get("angry")!.satisfaction).toBeLessThanOrEqual(4);
  });

  it("returns analysis with evidence spans that point into the stored text", async () => {
    const page = (await (
      await call("GET", "/api/v1/conversations?signal=churn_threat")
    ).json()) as { items: { id: string }[] };
    const detail = (await (
      await call("GET", `/api/v1/conversations/${page.items[0]!.id}`)
    ).json()) as {
      messages: {
        text: string;
        analysis: {
          signals: { name: string; evidence: { start: number; end: number; text: string }[] }[];
        } | null;
      }[];
      conversation: {
        analysisDetail: {
          trajectory: string;
          satisfaction: { predicted: number; drivers: unknown[] };
        } | null;
      };
    };
    const first = detail.messages[0]!;
    const churn = first.analysis!.signals.find((s) => s.name === "churn_threat")!;
    for (const e of churn.evidence) expect(first.text.slice(e.start, e.end)).toBe(e.text);
    expect(detail.conversation.analysisDetail!.satisfaction.drivers.length).toBeGreaterThan(0);
  });

  it("returns a detail its documented schema describes field for field", async () => {
    const page = (await (
      await call("GET", "/api/v1/conversations?signal=churn_threat")
    ).json()) as { items: { id: string }[] };
    const body: unknown = await (
      await call("GET", `/api/v1/conversations/${page.items[0]!.id}`)
    ).json();
    // Parsing strips fields the schema does not name: equal output means none were undocumented.
    expect(ConversationDetailSchema.parse(body)).toEqual(body);
  });

  it("rejects an unknown signal name format with 400", async () => {
    expect((await call("GET", "/api/v1/conversations?signal=DROP%20TABLE")).status).toBe(400);
  });
});

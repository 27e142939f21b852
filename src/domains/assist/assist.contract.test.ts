import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  loginAs,
  withApiKey,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { createApiKey } from "../orgs/index.ts";
import { ensureStarterScorecards } from "../qa/index.ts";
import { seedDemoAssist } from "./index.ts";

interface AssistResult {
  alerts: { name: string; evidence: { messageIndex: number; text: string }[] }[];
  nudges: { signal: string; messageIndex: number; suggestion: string; principle: string }[];
  knowledge: { articleId: string; title: string; snippet: string; score: number }[];
  actions: { id: string; title: string; reason: string }[];
  examples: { criterionKey: string; conversationId: string; note: string; because: string }[];
}

const CALL = [
  {
    role: "customer",
    text: "You charged me twice for my order and I'm furious. I want to cancel my subscription.",
  },
  { role: "agent", text: "I understand, but that's our policy, refunds take time." },
  { role: "customer", text: "So when do I get my refund for the double charge?" },
];

describeEachBackend("assist: the verification contract", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let reader: ReturnType<typeof withApiKey>;
  let leader: Session;
  let admin: Session;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    await seedDemoAssist(db, org.orgId);
    reader = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "k", ["read", "ingest"])).key,
    );
    admin = await loginAs(app, org.users.admin.email);
    leader = await loginAs(app, org.users.leader.email);
  });

  it("answers alerts with evidence, a framing nudge, knowledge and actions with reasons", async () => {
    const res = await reader("POST", "/api/v1/assist", {
      messages: CALL,
      customer: { externalId: "cust-assist-1" },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AssistResult;
    const churn = body.alerts.find((a) => a.name === "churn_threat");
    expect(churn?.evidence[0]).toMatchObject({ messageIndex: 0 });
    expect(churn?.evidence[0]?.text).toMatch(/cancel/);
    const nudge = body.nudges.find((n) => n.signal === "policy_framing");
    expect(nudge).toMatchObject({ messageIndex: 1 });
    expect(nudge?.suggestion).toMatch(/What I can do/);
    expect(body.knowledge[0]?.title).toBe("Refund a double charge");
    expect(body.knowledge[0]?.snippet.length).toBeGreaterThan(0);
    const retention = body.actions.find((a) => a.title.includes("10% off"));
    expect(retention?.reason).toMatch(/churn threat/);
    const refund = body.actions.find((a) => a.title.startsWith("Refund the duplicate"));
    expect(refund?.reason).toMatch(/customer said “(charged me twice|double charge)”/);
  });

  it("cites a colleague's best practice on the criterion an alert or nudge is about", async () => {
    const db = database().db;
    await ensureStarterScorecards(db, org.orgId);
    const before = (await (
      await reader("POST", "/api/v1/assist", { messages: CALL })
    ).json()) as AssistResult;
    expect(before.examples).toEqual([]);
    const exemplary = await buildConversation(db, org.orgId, {
      texts: ["That's your policy? Really?", "What I can do today is refund it right away."],
    });
    const added = await admin.request("POST", "/api/v1/best-practices", {
      conversationId: exemplary,
      criterionKey: "no_policy_framing",
      note: "Leads with what can be done",
    });
    expect(added.status).toBe(201);
    const res = await reader("POST", "/api/v1/assist", { messages: CALL });
    const body = (await res.json()) as AssistResult;
    expect(body.examples).toEqual([
      expect.objectContaining({
        criterionKey: "no_policy_framing",
        conversationId: exemplary,
        note: "Leads with what can be done",
        because: "policy_framing",
      }),
    ]);
  });

  it("refuses bad input with 400 and no credentials with 401", async () => {
    expect((await reader("POST", "/api/v1/assist", { messages: [] })).status).toBe(400);
    const noRole = await reader("POST", "/api/v1/assist", {
      messages: [{ role: "robot", text: "hi" }],
    });
    expect(noRole.status).toBe(400);
    const anon = await app.request("/api/v1/assist", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: CALL }),
    });
    expect(anon.status).toBe(401);
  });

  it("records verdicts on actions and reports acceptance per rule", async () => {
    const { actions } = (await (
      await reader("POST", "/api/v1/assist", { messages: CALL })
    ).json()) as AssistResult;
    const ruleId = actions[0]!.id;
    const used = await admin.request("POST", "/api/v1/assist/suggestions", {
      ruleId,
      conversationRef: "call-1",
      decision: "used",
    });
    expect(used.status).toBe(201);
    const report = (await (await admin.request("GET", "/api/v1/assist/rules/report")).json()) as {
      items: { ruleId: string; used: number; acceptance: number | null }[];
    };
    expect(report.items.find((r) => r.ruleId === ruleId)).toMatchObject({
      used: 1,
      acceptance: 1,
    });
    const unknown = await admin.request("POST", "/api/v1/assist/suggestions", {
      ruleId: "00000000-0000-4000-8000-000000000000",
      conversationRef: "call-1",
      decision: "used",
    });
    expect(unknown.status).toBe(404);
  });

  it("edits the rewrite library and uses the org's own phrasing", async () => {
    const created = await admin.request("POST", "/api/v1/assist/rewrites", {
      signal: "policy_framing",
      phrases: ["that's our policy"],
      suggestion: "Here is what I can arrange for you today.",
      principle: "Own the outcome.",
    });
    expect(created.status).toBe(201);
    const { nudges } = (await (
      await reader("POST", "/api/v1/assist", { messages: CALL })
    ).json()) as AssistResult;
    expect(nudges.find((n) => n.signal === "policy_framing")?.suggestion).toBe(
      "Here is what I can arrange for you today.",
    );
  });

  it("lists a live conversation on the wallboard and records a request to join", async () => {
    const ingest = await reader("POST", "/api/v1/interactions", {
      conversations: [
        {
          externalId: "wall-1",
          source: "contract",
          channel: "chat",
          status: "open",
          customer: { externalId: "cust-wall" },
          messages: CALL.map((m, i) => ({
            ...m,
            externalId: `wall-1:${i}`,
            ts: new Date(Date.now() - (3 - i) * 1000).toISOString(),
          })),
        },
      ],
    });
    expect(ingest.status).toBeLessThan(300);
    const board = (await (await leader.request("GET", "/api/v1/assist/wallboard")).json()) as {
      items: { ref: string; risk: number; alerts: { name: string }[] }[];
    };
    const row = board.items[0];
    expect(row?.alerts.map((a) => a.name)).toContain("churn_threat");
    expect(row?.risk).toBeGreaterThan(0);
    const join = await leader.request(
      "POST",
      `/api/v1/assist/conversations/${row!.ref}/join-requests`,
      { note: "I can help" },
    );
    expect(join.status).toBe(201);
    const list = (await (
      await reader("GET", `/api/v1/assist/conversations/${row!.ref}/join-requests`)
    ).json()) as { items: { note: string }[] };
    expect(list.items[0]?.note).toBe("I can help");
    expect((await reader("GET", "/api/v1/assist/wallboard")).status).toBe(200);
  });

  it("edits a rule's conditions as the rules form sends them, and assist fires on the new ones", async () => {
    const { items } = (await (await admin.request("GET", "/api/v1/assist/rules")).json()) as {
      items: { id: string; name: string }[];
    };
    const rule = items[0]!;
    const conditions = [
      { type: "keyword", any: ["router", "broadband"] },
      { type: "previous_offers_at_most", value: 0 },
    ];
    const patched = await admin.request("PATCH", `/api/v1/assist/rules/${rule.id}`, {
      conditions,
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { conditions: unknown }).conditions).toEqual(conditions);
    const res = await reader("POST", "/api/v1/assist", {
      messages: [{ role: "customer", text: "My router keeps dropping the line." }],
    });
    const { actions } = (await res.json()) as AssistResult;
    expect(actions.find((a) => a.id === rule.id)?.reason).toBe(
      "customer said “router”; 0 previous offers accepted",
    );

    const outOfRange = await admin.request("PATCH", `/api/v1/assist/rules/${rule.id}`, {
      conditions: [{ type: "sentiment_below", value: 5 }],
    });
    expect(outOfRange.status).toBe(400);
    const readOnly = await reader("PATCH", `/api/v1/assist/rules/${rule.id}`, { conditions });
    expect(readOnly.status).toBe(403);
  });
});

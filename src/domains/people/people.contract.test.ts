import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  withApiKey,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { createApiKey } from "../orgs/index.ts";
import { ensureStarterScorecards } from "../qa/index.ts";
import { catchUp } from "./refresh.service.ts";
import { runQueuedJobs } from "../../../test/jobs.ts";

interface Metric {
  key: string;
  value: number | null;
  expected: number | null;
  adjusted: number | null;
  n: number;
  ci95: [number, number] | null;
}

const DAY = 86_400_000;

function conversation(i: number, agent: string, customer: string, daysAgo: number) {
  const at = (min: number) => new Date(Date.now() - daysAgo * DAY + min * 60_000).toISOString();
  const happy = i % 2 === 0;
  return {
    externalId: `people-${agent}-${i}`,
    source: "contract",
    channel: "chat",
    subject: `Question ${i}`,
    customer: { externalId: customer, name: "Pat" },
    agent: { externalId: agent, name: agent === "a-1" ? "Ada Agent" : "Otto Other" },
    messages: [
      { role: "customer", text: "Hi, my parcel has not arrived yet.", ts: at(0) },
      {
        role: "agent",
        text: happy
          ? "Hello, thanks for reaching out! I'm sorry about the delay, I have reshipped it today."
          : "Check the tracking page.",
        ts: at(3),
      },
      {
        role: "customer",
        text: happy ? "Thank you so much, great help!" : "That is useless.",
        ts: at(6),
      },
    ],
  };
}

describeEachBackend("people: the verification contract", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let api: ReturnType<typeof withApiKey>;
  let agent: Session;
  let leader: Session;
  let admin: Session;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    await ensureStarterScorecards(db, org.orgId);
    api = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "k", ["ingest", "read", "write"])).key,
    );
    const conversations = [
      ...[0, 1, 2, 3].map((i) => conversation(i, "a-1", `cust-${i}`, 3 + i)),
      ...[4, 5].map((i) => conversation(i, "a-2", `cust-${i}`, 3 + i)),
    ];
    const res = await api("POST", "/api/v1/interactions", { conversations });
    expect(res.status).toBe(200);
    // Stopped after the drain: a left-over worker would run later jobs beside the tests.
    await runQueuedJobs(db);
    // The periodic catch-up: whatever the listeners' order, QA scores are in the facts afterwards.
    await catchUp(db, org.orgId, new Date(Date.now() - 3_600_000));
    agent = await loginAs(app, org.users.agent.email);
    leader = await loginAs(app, org.users.leader.email);
    admin = await loginAs(app, org.users.admin.email);
  });

  it("answers an agent's scorecard to a read key with qa_auto and predicted_satisfaction", async () => {
    const from = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);
    const to = new Date().toISOString().slice(0, 10);
    const res = await api("GET", `/api/v1/agents/${org.agentId}/scorecard?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      agentId: string;
      metrics: Metric[];
      conversations: number;
    };
    expect(body.agentId).toBe(org.agentId);
    for (const key of ["qa_auto", "predicted_satisfaction"]) {
      const m = body.metrics.find((x) => x.key === key)!;
      expect(m, key).toBeDefined();
      // The four ingested, analysed and scored conversations of the agent in the period.
      expect(m.n).toBe(4);
      expect(typeof m.value).toBe("number");
      expect(typeof m.expected).toBe("number");
      expect(typeof m.adjusted).toBe("number");
      expect(m.ci95).toHaveLength(2);
      expect(m.ci95![0]).toBeLessThanOrEqual(m.value!);
      expect(m.ci95![1]).toBeGreaterThanOrEqual(m.value!);
    }
  });

  it("refuses another agent's scorecard to an agent (403) unless the org opts in", async () => {
    const own = await agent.request("GET", `/api/v1/agents/${org.agentId}/scorecard`);
    expect(own.status).toBe(200);
    const other = await agent.request("GET", `/api/v1/agents/${org.otherAgentId}/scorecard`);
    expect(other.status).toBe(403);
    expect(await errorCode(other)).toBe("FORBIDDEN");
    const team = await agent.request("GET", `/api/v1/teams/${org.teamId}/scorecards`);
    expect(team.status).toBe(403);
    const board = await leader.request("GET", "/api/v1/people/leaderboard");
    expect(board.status).toBe(403);
  });

  it("shows a leader the team's scorecards with expected, adjusted, intervals and rank ranges", async () => {
    const res = await leader.request("GET", `/api/v1/teams/${org.teamId}/scorecards`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      agents: { agentId: string; metrics: (Metric & { rank: unknown })[] }[];
    };
    const ada = body.agents.find((a) => a.agentId === org.agentId)!;
    expect(ada.metrics.find((m) => m.key === "qa_auto")).toMatchObject({
      n: 4,
      rank: { best: 1, worst: 1 },
    });
    const orgView = await leader.request("GET", "/api/v1/people/scorecards");
    expect(orgView.status).toBe(200);
  });

  it("rejects weights that do not add up to 1 and goals on unknown metrics with 400", async () => {
    const bad = await admin.request("PUT", "/api/v1/people/settings", {
      weights: { default: { qa_auto: 0.5, csat: 0.4 } },
    });
    expect(bad.status).toBe(400);
    const good = await admin.request("PUT", "/api/v1/people/settings", {
      weights: { default: { qa_auto: 0.5, predicted_satisfaction: 0.5 } },
      agentsSeeOthers: true,
      leaderboards: true,
    });
    expect(good.status).toBe(200);
    const goal = await leader.request("POST", "/api/v1/people/goals", {
      scope: "agent",
      subjectId: org.agentId,
      metric: "happiness",
      target: 4,
      dueOn: "2027-01-31",
    });
    expect(goal.status).toBe(400);
    const ok = await leader.request("POST", "/api/v1/people/goals", {
      scope: "agent",
      subjectId: org.agentId,
      metric: "qa_auto",
      target: 90,
      dueOn: "2027-01-31",
    });
    expect(ok.status).toBe(201);
    // Opted in: the agent now sees the other agent and the leaderboard.
    expect(
      (await agent.request("GET", `/api/v1/agents/${org.otherAgentId}/scorecard`)).status,
    ).toBe(200);
    expect((await agent.request("GET", "/api/v1/people/leaderboard")).status).toBe(200);
  });

  it("drafts a coaching agenda, records the session and measures its effect; the agent sees it at home", async () => {
    const draft = await leader.request("POST", "/api/v1/people/coaching/agenda", {
      agentId: org.agentId,
    });
    expect(draft.status).toBe(200);
    const agenda = (await draft.json()) as {
      items: { best: { preview: string | null }[]; worst: { preview: string | null }[] }[];
    };
    const examples = agenda.items.flatMap((i) => [...i.best, ...i.worst]);
    expect(examples.length).toBeGreaterThan(0);
    // Each example is named by its customer's first message (the factory's or an ingested one).
    const firstMessages = ["My order never arrived.", "Hi, my parcel has not arrived yet."];
    for (const e of examples) expect(firstMessages).toContain(e.preview);
    const created = await leader.request("POST", "/api/v1/people/coaching-sessions", {
      agentId: org.agentId,
      metric: "qa_auto",
      notes: "Warmer greeting",
      commitments: ["Greet by name"],
    });
    expect(created.status).toBe(201);
    const session = (await created.json()) as { id: string; effect: { verdict: string } };
    expect(session.effect.verdict).toBe("too_early");
    const home = await agent.request("GET", "/api/v1/me/home");
    expect(home.status).toBe(200);
    const h = (await home.json()) as {
      agent: { id: string };
      coaching: { id: string }[];
      goals: unknown[];
    };
    expect(h.agent.id).toBe(org.agentId);
    expect(h.coaching.map((c) => c.id)).toContain(session.id);
    expect(h.goals.length).toBeGreaterThan(0);
  });
});

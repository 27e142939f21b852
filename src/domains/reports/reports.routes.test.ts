import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import type { Overview } from "./reports.schemas.ts";
import { reportWindow } from "./reports.service.ts";

describeEachBackend("report routes", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let admin: Session;
  let agent: Session;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    other = await buildOrg(db);
    // Three on 2 November for Ada (one analysed as a negative complaint), one for Otto on 3 November.
    const day = (d: number, h: number) => new Date(Date.UTC(2026, 10, d, h));
    const ada = { agentId: org.agentId, teamId: org.teamId };
    const complaint = await buildConversation(db, org.orgId, { ...ada, startedAt: day(2, 9) });
    await buildConversation(db, org.orgId, { ...ada, startedAt: day(2, 23), channel: "email" });
    await buildConversation(db, org.orgId, { ...ada, startedAt: day(2, 12) });
    await buildConversation(db, org.orgId, {
      agentId: org.otherAgentId,
      teamId: org.otherTeamId,
      startedAt: day(3, 0),
    });
    await buildConversation(db, other.orgId, { startedAt: day(2, 10) });
    await db.execute(sql`
      insert into conversation_analyses (org_id, conversation_id, engine_version, message_count,
        satisfaction, sentiment_score, sentiment_label, trajectory, signal_names, result)
      values (${org.orgId}, ${complaint}, 'test', 3, 1.5, -0.6, 'negative', 'falling',
        '{complaint,churn_threat}'::text[], '{}'::jsonb)`);
    admin = await loginAs(app, org.users.admin.email);
    agent = await loginAs(app, org.users.agent.email);
  });

  const window = "from=2026-11-01&to=2026-11-03";

  it("counts volume per UTC day and channel for the organization only", async () => {
    const res = await admin.request("GET", `/api/v1/stats/volume?${window}`);
    expect(await res.json()).toEqual({
      days: [
        // Channels in their canonical order (the enum's), as the chart stacks them.
        { day: "2026-11-02", channel: "email", count: 1 },
        { day: "2026-11-02", channel: "chat", count: 2 },
        { day: "2026-11-03", channel: "chat", count: 1 },
      ],
    });
  });

  it("sums satisfaction, sentiment and signals of the analysed conversations", async () => {
    const res = await admin.request("GET", `/api/v1/stats/overview?${window}`);
    const body = (await res.json()) as Overview;
    expect(body.from).toBe("2026-11-01");
    expect(body.totals).toMatchObject({
      conversations: 4,
      analysed: 1,
      satisfaction: 1.5,
      negative: 1,
    });
    expect(body.days.map((d) => [d.day, d.conversations])).toEqual([
      ["2026-11-02", 3],
      ["2026-11-03", 1],
    ]);
    expect(body.signals).toEqual([
      { signal: "churn_threat", conversations: 1 },
      { signal: "complaint", conversations: 1 },
    ]);
  });

  it("narrows the overview to a team, an agent or a channel", async () => {
    const team = await admin.request(
      "GET",
      `/api/v1/stats/overview?${window}&teamId=${org.otherTeamId}`,
    );
    expect(((await team.json()) as Overview).totals.conversations).toBe(1);
    const email = await admin.request("GET", `/api/v1/stats/overview?${window}&channel=email`);
    expect(((await email.json()) as Overview).totals.conversations).toBe(1);
  });

  it("shows an agent their own conversations only", async () => {
    const res = await agent.request("GET", `/api/v1/stats/overview?${window}`);
    expect(((await res.json()) as Overview).totals.conversations).toBe(3);
    const asked = await agent.request(
      "GET",
      `/api/v1/stats/overview?${window}&agentId=${org.otherAgentId}`,
    );
    expect(((await asked.json()) as Overview).totals.conversations).toBe(0);
  });

  it("answers 400 for a window that is reversed, too long or not a day", async () => {
    for (const q of [
      "from=2026-11-03&to=2026-11-01",
      "from=2025-01-01&to=2026-11-01",
      "from=2026-02-30",
      "to=0000-01-01",
      "days=0",
      "teamId=nope",
    ]) {
      const res = await admin.request("GET", `/api/v1/stats/overview?${q}`);
      expect(res.status, q).toBe(400);
      expect(await errorCode(res)).toBe("VALIDATION_FAILED");
    }
  });
});

it("reportWindow counts the last N whole UTC days, today included, across a month boundary", () => {
  const now = Date.parse("2026-12-01T08:00:00Z");
  expect(reportWindow({ days: 3 }, now)).toEqual({ fromDay: "2026-11-29", toDay: "2026-12-01" });
  expect(reportWindow({ days: 1, to: "2026-03-01" }, now)).toEqual({
    fromDay: "2026-03-01",
    toDay: "2026-03-01",
  });
});

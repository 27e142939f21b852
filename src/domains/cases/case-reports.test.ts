import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, loginAs, type Session } from "../../../test/http.ts";
import { surveyInvitations, surveyResponses } from "../../db/schema/index.ts";
import { operationsReport } from "./case-reports.service.ts";
import { openCase } from "./cases.service.ts";
import { seedDemoCases } from "./demo-cases.ts";

describeEachBackend("cases: reports, their drill-down and the demo's", ({ database }) => {
  let org: TestOrg;
  let admin: Session;

  beforeAll(async () => {
    const app = buildTestApp(database());
    org = await buildOrg(database().db);
    admin = await loginAs(app, org.users.admin.email);
  });

  const patch = async (id: string, body: Record<string, unknown>) => {
    const d = (await (await admin.request("GET", `/api/v1/cases/${id}`)).json()) as {
      case: { version: number };
    };
    return admin.request("PATCH", `/api/v1/cases/${id}`, { version: d.case.version, ...body });
  };

  it("drills from authority use to its cases and counts satisfaction after it", async () => {
    const db = database().db;
    const conversationId = await buildConversation(db, org.orgId);
    const row = await openCase(db, org.orgId, {
      source: "manual",
      title: "Late parcel",
      conversationId,
      openedAt: new Date(Date.now() - 7_200_000),
    });
    await admin.request("PUT", "/api/v1/authority-limits", {
      limits: [{ role: "admin", option: "goodwill_credit", maxAmount: 10 }],
    });
    const apply = await admin.request("POST", `/api/v1/cases/${row!.id}/authority`, {
      option: "goodwill_credit",
      amount: 5,
      reason: "Sorry for the wait",
    });
    expect(apply.status).toBe(201);
    const survey = (await (
      await admin.request("POST", "/api/v1/surveys", {
        name: "After authority",
        type: "csat",
        trigger: { event: "conversation_resolved" },
      })
    ).json()) as { id: string };
    const [invitation] = await db
      .insert(surveyInvitations)
      .values({
        orgId: org.orgId,
        surveyId: survey.id,
        conversationId,
        channel: "chat",
        status: "sent",
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();
    await db.insert(surveyResponses).values({
      orgId: org.orgId,
      invitationId: invitation!.id,
      surveyId: survey.id,
      conversationId,
      channel: "chat",
      score: 5,
    });
    const report = (await (
      await admin.request("GET", "/api/v1/case-reports/operations")
    ).json()) as {
      authority: { option: string; answeredAfter: number; satisfiedAfterRate: number }[];
    };
    expect(report.authority.find((a) => a.option === "goodwill_credit")).toMatchObject({
      answeredAfter: 1,
      satisfiedAfterRate: 100,
    });
    const ids = async (query: string) =>
      (
        (await (await admin.request("GET", `/api/v1/cases?${query}`)).json()) as {
          items: { id: string }[];
        }
      ).items.map((i) => i.id);
    expect(await ids("authorityOption=goodwill_credit")).toEqual([row!.id]);
    expect(await ids("authorityOption=refund")).not.toContain(row!.id);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    expect(await ids(`open=true&openedTo=${encodeURIComponent(hourAgo)}`)).toContain(row!.id);
    expect(await ids(`open=true&openedFrom=${encodeURIComponent(hourAgo)}`)).not.toContain(row!.id);
  });

  it("seeds demo cases whose reports have something in every section", async () => {
    const demo = await buildOrg(database().db);
    await seedDemoCases(database().db, demo.orgId);
    const report = await operationsReport(
      database().db,
      demo.orgId,
      new Date(Date.now() - 90 * 86_400_000),
    );
    expect(report.authority.map((a) => a.option).sort()).toEqual([
      "goodwill_credit",
      "refund",
      "replacement",
    ]);
    expect(report.timeToResolution.reduce((n, b) => n + b.cases, 0)).toBeGreaterThan(20);
  });

  it("rolls resolved cases into the compliance report and takes them back when they reopen", async () => {
    const { id } = (await (
      await admin.request("POST", "/api/v1/cases", { title: "Quick one", category: "billing" })
    ).json()) as { id: string };
    expect((await patch(id, { status: "resolved" })).status).toBe(200);
    const count = async () => {
      const r = (await (
        await admin.request("GET", "/api/v1/case-reports/compliance?by=category")
      ).json()) as { items: { key: string; resolved: number }[] };
      return r.items.find((i) => i.key === "billing")?.resolved ?? 0;
    };
    expect(await count()).toBe(1);
    const drill = (await (
      await admin.request("GET", "/api/v1/cases?category=billing&timeTo=resolution&minutesTo=60")
    ).json()) as { items: { id: string }[] };
    expect(drill.items.map((i) => i.id)).toEqual([id]);
    const slower = (await (
      await admin.request("GET", "/api/v1/cases?category=billing&timeTo=resolution&minutesFrom=60")
    ).json()) as { items: unknown[] };
    expect(slower.items).toEqual([]);
    expect((await patch(id, { status: "reopened" })).status).toBe(200);
    expect(await count()).toBe(0);
  });
});

import { sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { startSmtpServer, type TestSmtpServer } from "../../../test/mail-servers.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { closeSmtpTransports } from "../email/smtp.ts";
import { checkCase, runEscalationChecks } from "./escalation.service.ts";
import { sendWeeklyDigests } from "./digest.service.ts";
import { emailPendingNotifications } from "./notifications.service.ts";
import { listCases } from "./cases.repo.ts";
import { openCase, refreshClocks } from "./cases.service.ts";
import { recomputeOpenClocks } from "./recompute.service.ts";

interface Detail {
  case: {
    id: string;
    version: number;
    status: string;
    escalationLevel: string;
    breachedAt?: string;
  };
  clocks: { key: string; state: string; segments: { state: string }[] }[];
  events: { type: string; seq: number; data: Record<string, unknown> }[];
  reviewRequired: boolean;
}

const hours = {
  mon: [["09:00", "17:00"]],
  tue: [["09:00", "17:00"]],
  wed: [["09:00", "17:00"]],
  thu: [["09:00", "17:00"]],
  fri: [["09:00", "17:00"]],
};

describeEachBackend("cases: workflow, escalation, authority and bad input", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;
  let agent: Session;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    app = buildTestApp(database());
    org = await buildOrg(database().db);
    admin = await loginAs(app, org.users.admin.email);
    agent = await loginAs(app, org.users.agent.email);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    closeSmtpTransports();
    await smtp.stop();
  });

  const detail = async (id: string) =>
    (await (await admin.request("GET", `/api/v1/cases/${id}`)).json()) as Detail;
  const patch = async (id: string, body: Record<string, unknown>) => {
    const d = await detail(id);
    return admin.request("PATCH", `/api/v1/cases/${id}`, { version: d.case.version, ...body });
  };

  it("refuses impossible calendars, unknown zones and overlapping precedence with clear 4xx", async () => {
    const base = {
      name: "Bad",
      timeZone: "Europe/London",
      hours,
      targets: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    };
    const bad = async (body: unknown, code: string, text: RegExp) => {
      const res = await admin.request("POST", "/api/v1/sla-policies", body);
      expect(res.status).toBeLessThan(500);
      expect(res.status).toBeGreaterThanOrEqual(400);
      const err = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(err.code).toBe(code);
      expect(err.message).toMatch(text);
    };
    await bad({ ...base, hours: { mon: [["09:00", "25:00"]] } }, "VALIDATION_FAILED", /25:00/);
    await bad({ ...base, hours: { mon: [["22:00", "02:00"]] } }, "VALIDATION_FAILED", /next_day/);
    await bad({ ...base, timeZone: "Europe/Atlantis" }, "VALIDATION_FAILED", /unknown time zone/);
    await bad(
      { ...base, holidayRegion: { country: "ZZ" } },
      "VALIDATION_FAILED",
      /unknown country/,
    );
    const first = await admin.request("POST", "/api/v1/sla-policies", {
      ...base,
      name: "All",
      position: 10,
    });
    expect(first.status).toBe(201);
    await bad({ ...base, name: "Same place", position: 10 }, "SLA_POLICY_OVERLAP", /position 10/);
    await bad(
      { ...base, name: "Never", position: 20, match: { channels: ["chat"] } },
      "SLA_POLICY_OVERLAP",
      /never apply/,
    );
    const list = (await (await admin.request("GET", "/api/v1/sla-policies")).json()) as {
      items: unknown[];
    };
    expect(list.items).toHaveLength(1);
    // Without a position it is appended and kept (the contract's minimal body), and the answer says
    // which earlier policy takes its cases for now.
    const appended = await admin.request("POST", "/api/v1/sla-policies", {
      ...base,
      name: "Later",
    });
    expect(appended.status).toBe(201);
    expect(((await appended.json()) as { shadowedBy: string | null }).shadowedBy).toBe("All");
  });

  it("pauses while waiting on the customer, refuses invalid transitions, and asks for a review before closing a severe case", async () => {
    const res = await admin.request("POST", "/api/v1/cases", {
      title: "Lost parcel",
      severity: "high",
      openedAt: "2026-11-02T09:00:00Z",
    });
    const { id } = (await res.json()) as { id: string };
    expect((await patch(id, { status: "waiting_on_customer" })).status).toBe(200);
    const paused = await detail(id);
    expect(paused.clocks.find((c) => c.key === "resolution")!.state).toMatch(/paused|breached/);
    const invalid = await patch(id, { status: "reopened" });
    expect(invalid.status).toBe(409);
    expect(await errorCode(invalid)).toBe("CASE_TRANSITION_INVALID");
    expect((await patch(id, { status: "in_progress" })).status).toBe(200);
    expect((await patch(id, { status: "resolved" })).status).toBe(200);
    const closing = await patch(id, { status: "closed" });
    expect(closing.status).toBe(409);
    expect(await errorCode(closing)).toBe("CASE_REVIEW_REQUIRED");
    expect((await detail(id)).reviewRequired).toBe(true);
    const review = await admin.request("PUT", `/api/v1/cases/${id}/review`, {
      whatHappened: "The courier lost it",
      whatWillChange: "Track parcels end to end",
    });
    expect(review.status).toBe(200);
    expect((await patch(id, { status: "closed" })).status).toBe(200);
    const segments = (await detail(id)).clocks
      .find((c) => c.key === "resolution")!
      .segments.map((s) => s.state);
    expect(segments).toEqual(["running", "paused", "running"]);
    const found = (await (await admin.request("GET", "/api/v1/case-reviews?q=courier")).json()) as {
      items: unknown[];
    };
    expect(found.items).toHaveLength(1);
    expect(
      (await admin.request("POST", `/api/v1/cases/${id}/notes`, { text: "y".repeat(10_001) }))
        .status,
    ).toBe(400);
  });

  it("escalates on at-risk then breach exactly once each, however often the job runs, and emails once", async () => {
    const row = await openCase(database().db, org.orgId, {
      source: "manual",
      title: "Slow refund",
      openedAt: new Date("2026-11-02T09:00:00Z"),
      teamId: org.teamId,
    });
    // The first test's catch-all policy applies: 60 business minutes from 09:00 London (GMT).
    const atRisk = new Date("2026-11-02T09:50:00Z");
    expect(await checkCase(database().db, org.orgId, row!.id, atRisk)).toEqual([
      "at_risk:first_response",
    ]);
    expect(await checkCase(database().db, org.orgId, row!.id, atRisk)).toEqual([]);
    const late = new Date("2026-11-02T10:30:00Z");
    await runEscalationChecks(database().db, late);
    await runEscalationChecks(database().db, late);
    const d = await detail(row!.id);
    expect(d.case.escalationLevel).toBe("manager");
    const alerts = d.events.filter((e) => e.type === "sla_alert").map((e) => e.data.trigger);
    expect(alerts).toEqual(["at_risk:first_response", "breach:first_response"]);
    const mine = (await (await admin.request("GET", "/api/v1/notifications")).json()) as {
      items: { caseId: string }[];
    };
    expect(mine.items.filter((n) => n.caseId === row!.id)).toHaveLength(1);
    const config = { url: `smtp://127.0.0.1:${smtp.port}`, from: "rapport@example.test" };
    const previous = process.env.RAPPORT_PUBLIC_URL;
    process.env.RAPPORT_PUBLIC_URL = "https://rapport.example.test/";
    try {
      const sent = await emailPendingNotifications(database().db, config);
      expect(sent).toBeGreaterThan(0);
      expect(await emailPendingNotifications(database().db, config)).toBe(0);
      const mails = smtp.received.filter((m) => m.raw.includes("Slow refund"));
      expect(mails).toHaveLength(sent);
      // Each email links to the case, in its text and as the HTML part's button.
      const parsed = await simpleParser(mails[0]!.raw);
      const link = `https://rapport.example.test/cases/${row!.id}`;
      expect(parsed.text).toContain(`Open the case: ${link}`);
      expect(parsed.html).toContain(`href="${link}"`);
    } finally {
      if (previous === undefined) delete process.env.RAPPORT_PUBLIC_URL;
      else process.env.RAPPORT_PUBLIC_URL = previous;
    }
  });

  it("lets an agent apply authority within the limit and asks approval above it", async () => {
    const put = await admin.request("PUT", "/api/v1/authority-limits", {
      limits: [{ role: "agent", option: "refund", maxAmount: 50 }],
    });
    expect(put.status).toBe(200);
    const { id } = (await (
      await agent.request("POST", "/api/v1/cases", { title: "Broken kettle" })
    ).json()) as { id: string };
    const small = await agent.request("POST", `/api/v1/cases/${id}/authority`, {
      option: "refund",
      amount: 30,
      reason: "Faulty",
    });
    expect(await small.json()).toMatchObject({ outcome: "applied", limit: 50 });
    // An option worth nothing is refused at the edge, and nothing is recorded.
    const before = (await (await agent.request("GET", `/api/v1/cases/${id}`)).json()) as {
      events: unknown[];
    };
    for (const amount of [0, -5]) {
      const none = await agent.request("POST", `/api/v1/cases/${id}/authority`, {
        option: "refund",
        amount,
        reason: "Nothing",
      });
      expect(none.status).toBe(400);
      expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(
        /amount/,
      );
    }
    const after = (await (await agent.request("GET", `/api/v1/cases/${id}`)).json()) as {
      events: unknown[];
    };
    expect(after.events).toHaveLength(before.events.length);
    const big = await agent.request("POST", `/api/v1/cases/${id}/authority`, {
      option: "refund",
      amount: 80,
      reason: "Faulty twice",
    });
    const asked = (await big.json()) as { outcome: string; eventSeq: number };
    expect(asked.outcome).toBe("approval_requested");
    expect(
      (
        await agent.request("POST", `/api/v1/cases/${id}/approvals/${asked.eventSeq}`, {
          approved: true,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await admin.request("POST", `/api/v1/cases/${id}/approvals/${asked.eventSeq}`, {
          approved: true,
        })
      ).status,
    ).toBe(200);
    const again = await admin.request("POST", `/api/v1/cases/${id}/approvals/${asked.eventSeq}`, {
      approved: true,
    });
    expect(again.status).toBe(409);
    const used = (await detail(id)).events.filter((e) => e.type === "authority_used");
    expect(used.map((e) => e.data.approved)).toEqual(["within_limit", "by_approval"]);
    const report = (await (
      await admin.request("GET", "/api/v1/case-reports/operations")
    ).json()) as { authority: { uses: number }[] };
    expect(report.authority.reduce((n, a) => n + a.uses, 0)).toBe(2);
  });

  it("answers odd report and search queries with 200 or a clear 400, never 5xx", async () => {
    const minus = await admin.request("GET", `/api/v1/case-reviews?q=${"-".repeat(40)}`);
    expect(minus.status).toBe(200);
    const far = await admin.request("GET", "/api/v1/case-reports/operations?from=0001-01-01");
    expect(far.status).toBe(400);
    const future = await admin.request("GET", "/api/v1/case-reports/compliance?to=9999-12-31");
    expect(future.status).toBe(400);
  });

  it("recomputes every open case's clocks in bulk like the per-case path, writing only changes", async () => {
    const db = database().db;
    const now = new Date();
    // One case's stored clocks gone altogether: the bulk pass must write them back.
    const [wiped] = await listCases(db, { orgId: org.orgId, openOnly: true, limit: 1 });
    await db.execute(sql`delete from case_clocks where case_id = ${wiped!.id}`);
    const [bare] = await listCases(db, { orgId: org.orgId, openOnly: true, limit: 1 });
    expect(bare).toMatchObject({ id: wiped!.id, clockState: [], resolutionDueAt: null });
    const first = await recomputeOpenClocks(db, org.orgId, { now, batch: 1 });
    expect(first.cases).toBeGreaterThanOrEqual(2);
    expect(first.written).toBeGreaterThanOrEqual(1);
    const [restored] = await listCases(db, { orgId: org.orgId, openOnly: true, limit: 1 });
    expect(restored!.id).toBe(wiped!.id);
    expect(restored!.clockState.length).toBeGreaterThan(0);
    expect(restored!.resolutionDueAt).not.toBeNull();
    const again = await recomputeOpenClocks(db, org.orgId, { now, batch: 1 });
    expect(again).toMatchObject({ cases: first.cases, written: 0 });
    const [open] = await listCases(db, { orgId: org.orgId, openOnly: true, limit: 1 });
    const bulk = { ...open! };
    const { row } = await refreshClocks(db, open!, now.getTime());
    expect(row.resolutionDueAt).toEqual(bulk.resolutionDueAt);
    expect(row.breachedAt).toEqual(bulk.breachedAt);
    expect(row.clockState).toEqual(bulk.clockState);
  });

  it("previews a draft calendar against real open cases before it is saved", async () => {
    const res = await admin.request("POST", "/api/v1/sla-policies/preview-cases", {
      name: "Draft",
      timeZone: "America/New_York",
      hours: { mon: [["20:00", "04:00", "next_day"]] },
      targets: { firstResponseMinutes: 30, resolutionMinutes: 600 },
    });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: { proposed: { resolutionDueAt: string | null } }[];
    };
    expect(items.length).toBeGreaterThan(0);
    const before = (await (await admin.request("GET", "/api/v1/sla-policies")).json()) as {
      items: { name: string }[];
    };
    expect(before.items.some((p) => p.name === "Draft")).toBe(false);
  });

  it("makes each executive one weekly digest however often the job runs", async () => {
    const db = database().db;
    await openCase(db, org.orgId, {
      source: "public",
      title: "To the top",
      openedAt: new Date("2026-11-02T09:00:00Z"),
      escalateTo: { level: "executive", trigger: "customer_request" },
    });
    const monday = new Date("2026-11-09T09:00:00Z");
    expect(await sendWeeklyDigests(db, monday)).toBe(1);
    expect(await sendWeeklyDigests(db, new Date("2026-11-10T09:00:00Z"))).toBe(0);
    const exec = await loginAs(app, org.users.exec.email);
    const mine = (await (await exec.request("GET", "/api/v1/notifications")).json()) as {
      items: { kind: string; message: string }[];
    };
    expect(mine.items.filter((n) => n.kind === "digest")).toHaveLength(1);
    expect(mine.items.find((n) => n.kind === "digest")!.message).toContain("To the top");
  });

  it("flags a root cause whose weekly volume spikes", async () => {
    const db = database().db;
    const code = (await (
      await admin.request("POST", "/api/v1/root-causes", { code: "delivery.lost", label: "Lost" })
    ).json()) as { id: string };
    // Monday noon of this ISO week (UTC): every case lands in its intended week on any day it runs.
    const today = new Date();
    const now = new Date(
      Date.UTC(
        today.getUTCFullYear(),
        today.getUTCMonth(),
        today.getUTCDate() - ((today.getUTCDay() + 6) % 7),
        12,
      ),
    );
    for (const [weeksAgo, n] of [
      [3, 1],
      [2, 1],
      [1, 1],
      [0, 6],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const row = await openCase(db, org.orgId, {
          source: "manual",
          title: "Lost",
          openedAt: new Date(now.getTime() - weeksAgo * 7 * 86_400_000 - i * 60_000),
        });
        await admin.request("PATCH", `/api/v1/cases/${row!.id}`, {
          version: row!.version,
          rootCauseId: code.id,
        });
      }
    }
    const trends = (await (await admin.request("GET", "/api/v1/root-causes/trends")).json()) as {
      items: { code: string; spike: boolean; latest: number }[];
    };
    expect(trends.items.find((t) => t.code === "delivery.lost")).toMatchObject({
      spike: true,
      latest: 6,
    });
  });
});

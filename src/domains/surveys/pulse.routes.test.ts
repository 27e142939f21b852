import { expect, it } from "vitest";
import { pulseResponses } from "../../db/schema/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs } from "../../../test/http.ts";

describeEachBackend("employee pulse surveys (eNPS)", ({ database }) => {
  it("takes one anonymous answer per member and shows results only from five respondents", async () => {
    const db = database().db;
    const app = buildTestApp(database());
    const org = await buildOrg(db);
    const roles = ["admin", "leader", "qa", "agent", "exec"] as const;
    const s = Object.fromEntries(
      await Promise.all(roles.map(async (r) => [r, await loginAs(app, org.users[r].email)])),
    ) as Record<(typeof roles)[number], Awaited<ReturnType<typeof loginAs>>>;

    const created = await s.admin.request("POST", "/api/v1/pulse-surveys", { name: "Q4 pulse" });
    expect(created.status).toBe(201);
    const pulse = (await created.json()) as { id: string; invited: number; anonymous: boolean };
    expect(pulse).toMatchObject({ invited: 5, anonymous: true });
    const answer = (role: (typeof roles)[number], score: number, comment?: string) =>
      s[role].request("POST", `/api/v1/pulse-surveys/${pulse.id}/responses`, { score, comment });

    for (const [i, role] of roles.slice(0, 4).entries())
      expect(
        (await answer(role, [10, 9, 3, 7][i]!, role === "qa" ? "More training" : undefined)).status,
      ).toBe(201);
    const again = await answer("admin", 0);
    expect([again.status, await errorCode(again)]).toEqual([409, "PULSE_ALREADY_ANSWERED"]);

    // Four answers: nothing is shown, not even comments.
    const early = await (
      await s.leader.request("GET", `/api/v1/pulse-surveys/${pulse.id}/results`)
    ).json();
    expect(early).toMatchObject({
      respondents: 4,
      overall: { enps: null },
      groups: [],
      comments: [],
    });

    expect((await answer("exec", 10)).status).toBe(201);
    const results = await (
      await s.exec.request("GET", `/api/v1/pulse-surveys/${pulse.id}/results`)
    ).json();
    // Promoters 10, 9, 10; detractors 3 → (3 − 1) / 5 = 40.
    expect(results).toMatchObject({
      respondents: 5,
      overall: { n: 5, enps: 40, promoters: 3, passives: 1, detractors: 1 },
      groups: [{ label: "Billing", n: 5, merged: false }],
      comments: ["More training"],
    });
    // Anonymous: no answer carries its author.
    const stored = await db.select({ userId: pulseResponses.userId }).from(pulseResponses);
    expect(stored.filter((r) => r.userId !== null)).toEqual([]);

    const list = (await (await s.agent.request("GET", "/api/v1/pulse-surveys")).json()) as {
      items: unknown[];
    };
    expect(list.items[0]).toMatchObject({ id: pulse.id, answered: true, forMe: true, open: true });
  });

  it("refuses the wrong people, closed pulses, other teams and other organizations", async () => {
    const db = database().db;
    const app = buildTestApp(database());
    const org = await buildOrg(db);
    const other = await buildOrg(db);
    const admin = await loginAs(app, org.users.admin.email);
    const agent = await loginAs(app, org.users.agent.email);
    const stranger = await loginAs(app, other.users.admin.email);

    const forOthers = (await (
      await admin.request("POST", "/api/v1/pulse-surveys", {
        name: "Delivery",
        teamIds: [org.otherTeamId],
      })
    ).json()) as { id: string; invited: number };
    expect(forOthers.invited).toBe(0);
    const res = await agent.request("POST", `/api/v1/pulse-surveys/${forOthers.id}/responses`, {
      score: 5,
    });
    expect([res.status, await errorCode(res)]).toEqual([403, "PULSE_NOT_FOR_YOU"]);

    const pulse = (await (
      await admin.request("POST", "/api/v1/pulse-surveys", { name: "All" })
    ).json()) as { id: string };
    expect((await agent.request("GET", `/api/v1/pulse-surveys/${pulse.id}/results`)).status).toBe(
      403,
    );
    expect(
      (await agent.request("POST", `/api/v1/pulse-surveys/${pulse.id}/responses`, { score: 11 }))
        .status,
    ).toBe(400);
    expect(
      (await stranger.request("GET", `/api/v1/pulse-surveys/${pulse.id}/results`)).status,
    ).toBe(404);
    expect((await admin.request("POST", "/api/v1/pulse-surveys", { name: "All" })).status).toBe(
      409,
    );
    expect(
      (await admin.request("POST", "/api/v1/pulse-surveys", { name: "x", teamIds: [other.teamId] }))
        .status,
    ).toBe(400);

    expect(
      (await admin.request("PATCH", `/api/v1/pulse-surveys/${pulse.id}`, { closed: true })).status,
    ).toBe(200);
    const late = await agent.request("POST", `/api/v1/pulse-surveys/${pulse.id}/responses`, {
      score: 5,
    });
    expect([late.status, await errorCode(late)]).toEqual([409, "PULSE_CLOSED"]);
  });
});

import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, loginAs, type Session, type TestApp } from "../../../test/http.ts";
import { agents, messages } from "../../db/schema/index.ts";
import { analyzeAndStore, loadMessagesForAnalysis } from "../conversations/index.ts";

interface View {
  privacy: { minGroupSize: number };
  weeks: { week: string; notes: number | null }[];
  cells: {
    teamId: string | null;
    suppressed: boolean;
    notes: number | null;
    evidence: { authorName: string | null; text: string | null; spans: string[] }[];
  }[];
}

describeEachBackend("culture view", ({ database }) => {
  let app: TestApp;
  let a: TestOrg;
  let admin: Session;
  let leader: Session;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    a = await buildOrg(db);
    // Team A gets four more agents (five in all); the other team keeps one.
    await db
      .insert(agents)
      .values([1, 2, 3, 4].map((i) => ({ orgId: a.orgId, name: `Extra ${i}`, teamId: a.teamId })));
    const ids: string[] = [];
    for (const [agentId, teamId] of [
      [a.agentId, a.teamId],
      [a.otherAgentId, a.otherTeamId],
    ] as const) {
      const id = await buildConversation(db, a.orgId, { agentId, teamId });
      await db.insert(messages).values({
        orgId: a.orgId,
        conversationId: id,
        seq: 3,
        role: "internal",
        agentId,
        text: "Customer is an idiot, third time explaining the refund.",
        ts: new Date(),
      });
      ids.push(id);
    }
    await analyzeAndStore(db, a.orgId, await loadMessagesForAnalysis(db, a.orgId, ids));
    admin = await loginAs(app, a.users.admin.email);
    leader = await loginAs(app, a.users.leader.email);
  });

  it("shows teams at or above the minimum group size, hides smaller ones (on the server)", async () => {
    const res = await leader.request("GET", "/api/v1/culture/disrespect?weeks=4");
    expect(res.status).toBe(200);
    const view = (await res.json()) as View;
    expect(view.privacy.minGroupSize).toBe(5);
    const big = view.cells.find((c) => c.teamId === a.teamId)!;
    const small = view.cells.find((c) => c.teamId === a.otherTeamId)!;
    expect(big).toMatchObject({ suppressed: false, notes: 1 });
    expect(big.evidence[0]!.spans).toContain("idiot");
    expect(big.evidence[0]!.authorName).toBeNull();
    expect(small).toMatchObject({ suppressed: true, notes: null, evidence: [] });
    expect(JSON.stringify(view)).not.toContain("Otto Other");
  });

  it("names authors and hides note text only when the org says so; only admins set the rules", async () => {
    const rules = { minGroupSize: 1, showAgentNames: true, showEvidence: false };
    expect((await leader.request("PUT", "/api/v1/culture/privacy", rules)).status).toBe(403);
    expect(
      (await admin.request("PUT", "/api/v1/culture/privacy", { ...rules, minGroupSize: 0 })).status,
    ).toBe(400);
    expect((await admin.request("PUT", "/api/v1/culture/privacy", rules)).status).toBe(200);
    const view = (await (await leader.request("GET", "/api/v1/culture/disrespect")).json()) as View;
    const small = view.cells.find((c) => c.teamId === a.otherTeamId)!;
    expect(small).toMatchObject({ suppressed: false, notes: 1 });
    expect(small.evidence[0]).toMatchObject({ authorName: "Otto Other", text: null });
  });

  it("is for leaders only", async () => {
    for (const role of ["agent", "qa", "exec"] as const) {
      const s = await loginAs(app, a.users[role].email);
      expect((await s.request("GET", "/api/v1/culture/disrespect")).status).toBe(403);
    }
  });
});

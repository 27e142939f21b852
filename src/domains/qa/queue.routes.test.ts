import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginEach,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { scoreConversations } from "./index.ts";
import { insertAssignments } from "./reviews.repo.ts";

interface Item {
  id: string;
  conversationId: string;
  assignee: { id: string; name: string | null } | null;
  claimedAt: string | null;
  autoScore: number | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  waiting: { reason: string; count: number }[];
}

describeEachBackend("review queue claims and filters", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let s: Record<"admin" | "leader" | "qa" | "agent", Session>;
  /** Assignment ids: the agent's two conversations in the team, and one of the other team. */
  let own1: string, own2: string, otherTeam: string;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    s = await loginEach(app, org, ["admin", "leader", "qa", "agent"]);
    const second = await buildConversation(db, org.orgId, {
      agentId: org.agentId,
      teamId: org.teamId,
      startedAt: new Date("2026-11-01T10:00:00Z"),
    });
    const rows = [
      { conversation_id: org.conversationId, agent_id: org.agentId, team_id: org.teamId },
      { conversation_id: second, agent_id: org.agentId, team_id: org.teamId },
      {
        conversation_id: org.otherConversationId,
        agent_id: org.otherAgentId,
        team_id: org.otherTeamId,
      },
    ];
    await insertAssignments(
      db,
      org.orgId,
      rows.map((r) => ({ ...r, reason: "complaint" })),
    );
    const ids = await queryRows<{ id: string; conversation_id: string }>(
      db,
      sql`select id, conversation_id from qa_review_assignments where org_id = ${org.orgId}`,
    );
    const idOf = (c: string) => ids.find((r) => r.conversation_id === c)!.id;
    [own1, own2, otherTeam] = [
      idOf(org.conversationId),
      idOf(second),
      idOf(org.otherConversationId),
    ];
  });

  const claim = (who: Session, id: string) => who.request("POST", `/api/v1/qa/queue/${id}/claim`);
  const release = (who: Session, id: string) =>
    who.request("DELETE", `/api/v1/qa/queue/${id}/claim`);
  const queue = async (who: Session, query: string) =>
    (await (await who.request("GET", `/api/v1/qa/queue?${query}`)).json()) as Page;
  const assignmentsOf = (p: Page) => p.items.map((i) => i.id).sort();

  it("lets one reviewer claim a conversation and refuses it to the next", async () => {
    const first = await claim(s.qa, own1);
    expect(first.status).toBe(200);
    const held = (await first.json()) as Item;
    expect(held.assignee).toEqual({ id: org.users.qa.id, name: expect.stringMatching(/^qa of/) });
    expect(Date.parse(held.claimedAt!)).not.toBeNaN();
    // Claiming one's own claim again keeps it, and when it was taken.
    const again = (await (await claim(s.qa, own1)).json()) as Item;
    expect(again.claimedAt).toBe(held.claimedAt);
    const taken = await claim(s.leader, own1);
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { message: string } }).error.message).toMatch(
      /claimed by qa of/,
    );
    const listed = (await queue(s.admin, "")).items.find((i) => i.id === own1)!;
    expect(listed.assignee?.id).toBe(org.users.qa.id);
    expect(listed.claimedAt).toBe(held.claimedAt);
  });

  it("shows reviewers a conversation's queue entry with its claim, within their team", async () => {
    const queued = async (who: Session, conversationId: string) =>
      (
        (await (await who.request("GET", `/api/v1/conversations/${conversationId}/qa`)).json()) as {
          queued: (Item & { reason: string; teamId: string | null }) | null;
        }
      ).queued;
    const entry = await queued(s.leader, org.conversationId);
    expect(entry).toMatchObject({ id: own1, reason: "complaint", teamId: org.teamId });
    expect(entry?.assignee?.id).toBe(org.users.qa.id);
    expect(await queued(s.agent, org.conversationId)).toBeNull();
    expect(await queued(s.leader, org.otherConversationId)).toBeNull();
    expect((await queued(s.admin, org.otherConversationId))?.id).toBe(otherTeam);
  });

  it("filters the queue and its counts by claims and by agent", async () => {
    expect(assignmentsOf(await queue(s.qa, "assignee=me"))).toEqual([own1]);
    expect(assignmentsOf(await queue(s.leader, "assignee=me"))).toEqual([]);
    // The leader's team scope still applies: the other team's conversation is not theirs to see.
    const unclaimed = await queue(s.leader, "assignee=unclaimed");
    expect(assignmentsOf(unclaimed)).toEqual([own2]);
    expect(unclaimed.waiting).toEqual([{ reason: "complaint", count: 1 }]);
    expect(assignmentsOf(await queue(s.admin, "assignee=unclaimed"))).toEqual(
      [own2, otherTeam].sort(),
    );
    const agents = await queue(s.admin, `agentId=${org.agentId}`);
    expect(assignmentsOf(agents)).toEqual([own1, own2].sort());
    expect(agents.waiting).toEqual([{ reason: "complaint", count: 2 }]);
    for (const bad of ["assignee=everyone", "agentId=x"])
      expect((await s.admin.request("GET", `/api/v1/qa/queue?${bad}`)).status).toBe(400);
  });

  it("orders by lowest automatic score, unscored last, a page at a time", async () => {
    const db = database().db;
    await scoreConversations(db, org.orgId, [org.conversationId, org.otherConversationId]);
    await db.execute(
      sql`update qa_evaluations set score = case when conversation_id = ${org.conversationId} then 80 else 35.5 end
          where org_id = ${org.orgId} and kind = 'auto'`,
    );
    const byScore = await queue(s.admin, "sort=score");
    expect(byScore.items.map((i) => [i.id, i.autoScore])).toEqual([
      [otherTeam, 35.5],
      [own1, 80],
      [own2, null],
    ]);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await queue(s.admin, `sort=score&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      pages.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 5);
    expect(pages).toEqual([otherTeam, own1, own2]);
    // Newest first is still the default: own2 started on 2026-11-01, before the factory's two.
    expect((await queue(s.admin, "")).items.at(-1)?.id).toBe(own2);
    // A cursor serves only the order it came from.
    const newest = (await queue(s.admin, "limit=1")).nextCursor!;
    const scored = (await queue(s.admin, "sort=score&limit=1")).nextCursor!;
    for (const bad of [`sort=score&cursor=${newest}`, `cursor=${scored}`, "sort=worst"])
      expect((await s.admin.request("GET", `/api/v1/qa/queue?${bad}`)).status).toBe(400);
  });

  it("releases to the holder, a leader or an admin, within their team", async () => {
    expect((await claim(s.leader, otherTeam)).status).toBe(404);
    expect((await claim(s.leader, own2)).status).toBe(200);
    const refused = await release(s.qa, own2);
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe("FORBIDDEN");
    expect((await queue(s.admin, "")).items.find((i) => i.id === own2)!.assignee?.id).toBe(
      org.users.leader.id,
    );
    const freed = await release(s.leader, own2);
    expect(freed.status).toBe(200);
    expect(((await freed.json()) as Item).assignee).toBeNull();
    // A leader takes back a colleague's claim, so it is not stuck while they are away.
    expect((await release(s.leader, own1)).status).toBe(200);
    const after = await queue(s.admin, "assignee=unclaimed");
    expect(assignmentsOf(after)).toEqual([own1, own2, otherTeam].sort());
    expect(after.items.every((i) => i.claimedAt === null)).toBe(true);
    // Each release is in the audit log, with who held it; releasing nothing writes nothing.
    expect((await release(s.leader, own1)).status).toBe(200);
    const audit = await queryRows<{ target_id: string; actor_user_id: string; details: unknown }>(
      database().db,
      sql`select target_id, actor_user_id, details from audit_log where org_id = ${org.orgId}
          and action = 'qa.review.released' order by created_at, target_id`,
    );
    expect(audit.map((a) => [a.target_id, a.actor_user_id, a.details])).toEqual([
      [own2, org.users.leader.id, { reason: "released", from: org.users.leader.id }],
      [own1, org.users.leader.id, { reason: "taken_back", from: org.users.qa.id }],
    ]);
  });

  it("lets leaders and admins hand a conversation to a reviewer of its team, or back", async () => {
    const db = database().db;
    const assign = (who: Session, id: string, userId: string | null) =>
      who.request("PUT", `/api/v1/qa/queue/${id}/assignee`, { userId });
    expect((await claim(s.qa, own2)).status).toBe(200);
    await db.execute(
      sql`update qa_review_assignments set claimed_at = '2026-01-01T00:00:00Z' where id = ${own2}`,
    );
    // A leader takes it from the QA analyst and hands it to the admin: claimed since now.
    const handed = await assign(s.leader, own2, org.users.admin.id);
    expect(handed.status).toBe(200);
    const item = (await handed.json()) as Item;
    expect(item.assignee?.id).toBe(org.users.admin.id);
    expect(Date.parse(item.claimedAt!)).toBeGreaterThan(Date.parse("2026-01-02T00:00:00Z"));
    expect(assignmentsOf(await queue(s.admin, "assignee=me"))).toEqual([own2]);
    // Handing it to its holder again keeps when they got it.
    const again = (await (await assign(s.admin, own2, org.users.admin.id)).json()) as Item;
    expect(again.claimedAt).toBe(item.claimedAt);
    const audit = await queryRows<{ details: { from: string | null; to: string | null } }>(
      db,
      sql`select details from audit_log where org_id = ${org.orgId}
          and action = 'qa.review.assigned' and target_id = ${own2}`,
    );
    expect(audit.map((a) => a.details)).toEqual([
      { from: org.users.qa.id, to: org.users.admin.id },
    ]);
    // Reviewers claim for themselves; they do not hand out work.
    const byQa = await assign(s.qa, own2, org.users.qa.id);
    expect(byQa.status).toBe(403);
    // Agents and executives do not review; another team's reviewer may not see it.
    for (const who of [org.users.agent.id, org.users.exec.id]) {
      const refused = await assign(s.leader, own2, who);
      expect(refused.status).toBe(400);
      expect(await errorCode(refused)).toBe("VALIDATION_FAILED");
    }
    expect((await assign(s.admin, otherTeam, org.users.qa.id)).status).toBe(400);
    expect((await assign(s.leader, otherTeam, org.users.leader.id)).status).toBe(404);
    expect((await assign(s.admin, otherTeam, org.users.admin.id)).status).toBe(200);
    const stranger = await buildOrg(db);
    expect((await assign(s.admin, own2, stranger.users.qa.id)).status).toBe(404);
    for (const bad of [{ userId: "x" }, {}, { userId: org.users.qa.id, extra: 1 }])
      expect((await s.admin.request("PUT", `/api/v1/qa/queue/${own2}/assignee`, bad)).status).toBe(
        400,
      );
    // Null gives it back to the queue.
    for (const id of [own2, otherTeam]) {
      const back = (await (await assign(s.admin, id, null)).json()) as Item;
      expect(back).toMatchObject({ assignee: null, claimedAt: null });
    }
  });

  it("answers 409 for a reviewed conversation and 404 for another organization's", async () => {
    const db = database().db;
    const other = await buildOrg(db);
    await insertAssignments(db, other.orgId, [
      { conversation_id: other.conversationId, reason: "complaint", agent_id: null, team_id: null },
    ]);
    const [foreign] = await queryRows<{ id: string }>(
      db,
      sql`select id from qa_review_assignments where org_id = ${other.orgId}`,
    );
    expect((await claim(s.admin, foreign!.id)).status).toBe(404);
    expect((await claim(s.admin, "not-a-uuid")).status).toBe(400);
    await db.execute(
      sql`update qa_review_assignments set status = 'done' where org_id = ${org.orgId} and id = ${own1}`,
    );
    const done = await claim(s.qa, own1);
    expect(done.status).toBe(409);
    expect(await errorCode(done)).toBe("CONFLICT");
    expect((await release(s.admin, own1)).status).toBe(409);
  });
});

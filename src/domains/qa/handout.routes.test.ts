import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows, type Db } from "../../db/client.ts";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginEach,
  withApiKey,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { insertAssignments } from "./reviews.repo.ts";

interface Outcome {
  id: string;
  outcome: "assigned" | "unchanged" | "not_found" | "reviewed";
  assignee: { id: string } | null;
  claimLapsesAt: string | null;
}

/** Queues `n` fresh conversations of a team; returns their assignment ids. */
async function queueConversations(db: Db, org: TestOrg, n: number, teamId = org.teamId) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const conversationId = await buildConversation(db, org.orgId, { agentId: org.agentId, teamId });
    await insertAssignments(db, org.orgId, [
      {
        conversation_id: conversationId,
        reason: "complaint",
        agent_id: org.agentId,
        team_id: teamId,
      },
    ]);
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`select id from qa_review_assignments where org_id = ${org.orgId} and conversation_id = ${conversationId}`,
    );
    ids.push(row!.id);
  }
  return ids;
}

describeEachBackend("handing out queued conversations in bulk", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let s: Record<"admin" | "leader" | "qa", Session>;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    s = await loginEach(app, org, ["admin", "leader", "qa"]);
  });

  const bulk = (who: Session, body: unknown) =>
    who.request("POST", "/api/v1/qa/queue/assignments", body);
  const outcomes = async (res: Response) => {
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Outcome[] }).items;
  };
  const holders = async (ids: string[]) =>
    (
      await queryRows<{ id: string; assignee_user_id: string | null }>(
        database().db,
        sql`select id, assignee_user_id from qa_review_assignments where org_id = ${org.orgId}`,
      )
    )
      .filter((r) => ids.includes(r.id))
      .map((r) => r.assignee_user_id);
  const jobs = (name: string) =>
    queryRows<{ payload: { userId: string; assignmentIds?: string[]; assignmentId?: string } }>(
      database().db,
      sql`select payload from jobs where org_id = ${org.orgId} and name = ${name}`,
    );

  it("hands a leader's choice to one reviewer, with an outcome per id and one notice", async () => {
    const db = database().db;
    const [a, b, done] = await queueConversations(db, org, 3);
    const [theirs] = await queueConversations(db, org, 1, org.otherTeamId);
    const foreign = await buildOrg(db);
    const [elsewhere] = await queueConversations(db, foreign, 1);
    await db.execute(sql`update qa_review_assignments set status = 'done' where id = ${done!}`);
    const ids = [a!, theirs!, b!, elsewhere!, done!];
    const items = await outcomes(await bulk(s.leader, { ids, userId: org.users.qa.id }));
    expect(items.map((i) => [i.id, i.outcome])).toEqual([
      [a, "assigned"],
      [theirs, "not_found"], // another team's, out of the leader's scope
      [b, "assigned"],
      [elsewhere, "not_found"], // another organization's
      [done, "reviewed"],
    ]);
    expect(items[0]).toMatchObject({ assignee: { id: org.users.qa.id }, claimLapsesAt: null });
    expect(items[1]).toMatchObject({ assignee: null });
    expect(await holders([a!, b!])).toEqual([org.users.qa.id, org.users.qa.id]);
    expect(await holders([theirs!, done!])).toEqual([null, null]);
    const audit = await queryRows<{ target_id: string }>(
      db,
      sql`select target_id from audit_log where org_id = ${org.orgId} and action = 'qa.review.assigned'`,
    );
    expect(audit.map((r) => r.target_id).sort()).toEqual([a!, b!].sort());
    // One email for the reviewer, listing both; none of the single kind.
    const notices = await jobs("qa.notify-assignments");
    expect(notices.map((n) => [n.payload.userId, n.payload.assignmentIds?.sort()])).toEqual([
      [org.users.qa.id, [a!, b!].sort()],
    ]);
    expect(await jobs("qa.notify-assignment")).toEqual([]);
    // Again: already theirs, nothing changes and nobody is emailed twice.
    const again = await outcomes(await bulk(s.leader, { ids: [a!, b!], userId: org.users.qa.id }));
    expect(again.map((i) => i.outcome)).toEqual(["unchanged", "unchanged"]);
    expect(await jobs("qa.notify-assignments")).toHaveLength(1);
    // Null gives them back to the queue.
    const back = await outcomes(await bulk(s.admin, { ids: [a!, b!], userId: null }));
    expect(back.map((i) => [i.outcome, i.assignee])).toEqual([
      ["assigned", null],
      ["assigned", null],
    ]);
  });

  it("checks the reviewers first, all or nothing, naming who and why", async () => {
    const db = database().db;
    const [mine] = await queueConversations(db, org, 1);
    const [theirs] = await queueConversations(db, org, 1, org.otherTeamId);
    const refused = async (res: Response, pattern: RegExp) => {
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.message).toMatch(pattern);
    };
    await refused(
      await bulk(s.admin, { ids: [mine!], userId: org.users.agent.id }),
      /^body\.userId: agent of .* \(role agent\)/,
    );
    // The QA analyst may review the first conversation, not the other team's: nothing is handed.
    await refused(
      await bulk(s.admin, { ids: [mine!, theirs!], userId: org.users.qa.id }),
      new RegExp(
        `body\\.userId: qa of .* cannot review assignment ${theirs!} \\(another team's reviewer\\)`,
      ),
    );
    await refused(
      await bulk(s.admin, { ids: [mine!], spread: [org.users.qa.id, org.users.exec.id] }),
      /^body\.spread\[1\]: exec of .* \(role exec\)/,
    );
    await refused(
      await bulk(s.admin, { ids: [theirs!], spread: [org.users.qa.id, org.users.leader.id] }),
      /^body\.spread: none of them may review/,
    );
    expect(await holders([mine!, theirs!])).toEqual([null, null]);
    const stranger = await buildOrg(db);
    const unknown = await bulk(s.admin, { ids: [mine!], userId: stranger.users.qa.id });
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe("NOT_FOUND");
    // Reviewers claim for themselves; they do not hand out work.
    expect((await bulk(s.qa, { ids: [mine!], userId: org.users.qa.id })).status).toBe(403);
  });

  it("spreads conversations evenly, the reviewer holding the fewest first", async () => {
    const db = database().db;
    await db.execute(
      sql`update qa_review_assignments set assignee_user_id = null, claimed_at = null, claim_kind = null
          where org_id = ${org.orgId}`,
    );
    const [held] = await queueConversations(db, org, 1);
    expect((await s.leader.request("POST", `/api/v1/qa/queue/${held!}/claim`)).status).toBe(200);
    const ids = await queueConversations(db, org, 5);
    const spread = [org.users.qa.id, org.users.leader.id];
    const items = await outcomes(await bulk(s.admin, { ids, spread }));
    expect(items.every((i) => i.outcome === "assigned")).toBe(true);
    const count = (who: string) => items.filter((i) => i.assignee?.id === who).length;
    // The leader held one already: 3 to the analyst and 2 to the leader make 3 each.
    expect([count(org.users.qa.id), count(org.users.leader.id)]).toEqual([3, 2]);
    // Dealt again among the same reviewers, each keeps what they hold.
    const again = await outcomes(await bulk(s.admin, { ids, spread }));
    expect(again.map((i) => i.outcome)).toEqual(ids.map(() => "unchanged"));
    // One email each, listing theirs: the analyst's three, the leader's two.
    const dealt = (await jobs("qa.notify-assignments")).filter((n) =>
      n.payload.assignmentIds?.every((i) => ids.includes(i)),
    );
    expect(dealt.map((n) => [n.payload.userId, n.payload.assignmentIds?.length]).sort()).toEqual(
      [
        [org.users.qa.id, 3],
        [org.users.leader.id, 2],
      ].sort(),
    );
  });

  it("answers 400 naming the field for bad bodies, never a server error", async () => {
    const id = "5f0c6b1e-3f6a-4e0a-9d1b-2c3d4e5f6a7b";
    const many = Array.from(
      { length: 201 },
      (_, i) => `5f0c6b1e-3f6a-4e0a-9d1b-${String(i).padStart(12, "0")}`,
    );
    const cases: [unknown, RegExp][] = [
      [{ ids: [], userId: null }, /body\.ids/],
      [{ ids: many, userId: null }, /body\.ids/],
      [{ ids: [id, id], userId: null }, /body\.ids: must not repeat/],
      [{ ids: ["x"], userId: null }, /body\.ids\[0\]/],
      [{ ids: [id] }, /either userId or spread/],
      [{ ids: [id], userId: null, spread: [org.users.qa.id] }, /either userId or spread/],
      [{ ids: [id], spread: [] }, /body\.spread/],
      [{ ids: [id], userId: "nobody" }, /body\.userId/],
      [{ ids: [id], userId: null, extra: 1 }, /body/],
      ["[]", /body/],
    ];
    for (const [body, message] of cases) {
      const res = await bulk(s.admin, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
  });

  it("serves API keys with the write scope, which hand out but never claim", async () => {
    const db = database().db;
    const [one] = await queueConversations(db, org, 1);
    const { key } = await createApiKey(db, org.orgId, { kind: "cli" }, "router", ["write"]);
    const res = await withApiKey(app, key)("POST", "/api/v1/qa/queue/assignments", {
      ids: [one!],
      userId: org.users.leader.id,
    });
    const [item] = await outcomes(res);
    expect(item).toMatchObject({ outcome: "assigned", assignee: { id: org.users.leader.id } });
    expect(item!.claimLapsesAt).toBeNull();
  });
});

describeEachBackend(
  "a hand-out or release racing another change of the same assignment",
  ({ database }) => {
    let app: TestApp;
    let org: TestOrg;
    let s: Record<"leader" | "qa", Session>;

    beforeAll(async () => {
      const db = database().db;
      app = buildTestApp(database());
      org = await buildOrg(db);
      s = await loginEach(app, org, ["leader", "qa"]);
    });

    /**
     * Gives assignment `id` to `userId` in a transaction held open until `request` waits on its
     * lock, then commits; answers the request's response.
     */
    async function whileHeld(id: string, userId: string, request: () => Promise<Response>) {
      const db = database().db;
      let commit!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      let locked!: () => void;
      const hasLock = new Promise<void>((resolve) => (locked = resolve));
      const tx = db.transaction(async (t) => {
        await t.execute(
          sql`update qa_review_assignments set assignee_user_id = ${userId}, claimed_at = now(),
              claim_kind = 'assigned' where id = ${id}`,
        );
        locked();
        await held;
      });
      await hasLock;
      const response = request();
      for (let i = 0; i < 200; i++) {
        const [w] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if ((w?.n ?? 0) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      commit();
      await tx;
      return response;
    }

    const holder = async (id: string) =>
      (
        await queryRows<{ a: string | null }>(
          database().db,
          sql`select assignee_user_id as a from qa_review_assignments where id = ${id}`,
        )
      )[0]?.a;

    it("records who held it when the hand-out took it, not who held it when read", async () => {
      const db = database().db;
      const [id] = await queueConversations(db, org, 1);
      const res = await whileHeld(id!, org.users.qa.id, () =>
        s.leader.request("PUT", `/api/v1/qa/queue/${id}/assignee`, { userId: org.users.leader.id }),
      );
      expect(res.status).toBe(200);
      expect(await holder(id!)).toBe(org.users.leader.id);
      const audit = await queryRows<{ details: { from: string | null; to: string } }>(
        db,
        sql`select details from audit_log where org_id = ${org.orgId}
            and action = 'qa.review.assigned' and target_id = ${id}`,
      );
      expect(audit.map((a) => a.details)).toEqual([
        { from: org.users.qa.id, to: org.users.leader.id },
      ]);
    });

    it("answers 409 to a reviewer releasing what a leader handed to someone else meanwhile", async () => {
      const db = database().db;
      const [id] = await queueConversations(db, org, 1);
      expect((await s.qa.request("POST", `/api/v1/qa/queue/${id}/claim`)).status).toBe(200);
      const res = await whileHeld(id!, org.users.leader.id, () =>
        s.qa.request("DELETE", `/api/v1/qa/queue/${id}/claim`),
      );
      expect(res.status).toBe(409);
      expect(await errorCode(res)).toBe("CONFLICT");
      expect(await holder(id!)).toBe(org.users.leader.id);
    });
  },
  ["postgres"],
);

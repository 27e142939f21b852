import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows, type Db } from "../../db/client.ts";
import { Queue } from "../../jobs/queue.ts";
import { RECURRING } from "../../jobs/registry.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs, loginEach, type Session } from "../../../test/http.ts";
import { runQueuedJobs } from "../../../test/jobs.ts";
import { releaseLapsedClaims, RELEASE_LAPSED_CLAIMS_JOB } from "./claims.service.ts";
import { insertAssignments } from "./reviews.repo.ts";

interface Claim {
  id: string;
  assignee: { id: string } | null;
  claimedAt: string | null;
  claimLapsesAt: string | null;
}
const HOUR = 3_600_000;

/** Queues `n` fresh conversations of the org's first team; returns their assignment ids. */
async function queueConversations(db: Db, org: TestOrg, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const conversationId = await buildConversation(db, org.orgId, {
      agentId: org.agentId,
      teamId: org.teamId,
    });
    await insertAssignments(db, org.orgId, [
      {
        conversation_id: conversationId,
        reason: "complaint",
        agent_id: org.agentId,
        team_id: org.teamId,
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

/** Moves a claim's start `hours` into the past. */
const backdate = (db: Db, id: string, hours: number) =>
  db.execute(
    sql`update qa_review_assignments set claimed_at = now() - make_interval(hours => ${hours}) where id = ${id}`,
  );

describeEachBackend("claims that lapse", ({ database }) => {
  let org: TestOrg;
  let s: Record<"admin" | "leader" | "qa", Session>;

  beforeAll(async () => {
    const db = database().db;
    const app = buildTestApp(database());
    org = await buildOrg(db);
    s = await loginEach(app, org, ["admin", "leader", "qa"]);
  });

  const claim = async (who: Session, id: string) =>
    (await (await who.request("POST", `/api/v1/qa/queue/${id}/claim`)).json()) as Claim;
  const hand = async (who: Session, id: string, userId: string | null) =>
    (await (
      await who.request("PUT", `/api/v1/qa/queue/${id}/assignee`, { userId })
    ).json()) as Claim;
  const listed = async (id: string) =>
    (
      (await (await s.admin.request("GET", "/api/v1/qa/queue")).json()) as { items: Claim[] }
    ).items.find((i) => i.id === id);
  const held = async (id: string) =>
    (
      await queryRows<{ assignee_user_id: string | null }>(
        database().db,
        sql`select assignee_user_id from qa_review_assignments where id = ${id}`,
      )
    )[0]!.assignee_user_id;

  it("defaults to 24 hours, and only admins change it, with clear 400s", async () => {
    const settings = await (await s.qa.request("GET", "/api/v1/qa/settings")).json();
    expect(settings).toEqual({ claimLapseHours: 24, agreementThreshold: 0.667 });
    expect(
      (await s.leader.request("PUT", "/api/v1/qa/settings", { claimLapseHours: 8 })).status,
    ).toBe(403);
    for (const bad of [
      { claimLapseHours: -1 },
      { claimLapseHours: 1.5 },
      { claimLapseHours: "8" },
      {},
      { claimLapseHours: 8, x: 1 },
    ]) {
      const res = await s.admin.request("PUT", "/api/v1/qa/settings", bad);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/body/);
    }
  });

  it("shows when a reviewer's own claim lapses, and that a handed-out one does not", async () => {
    const [own, handed, leaderSelf] = await queueConversations(database().db, org, 3);
    const mine = await claim(s.qa, own!);
    expect(Date.parse(mine.claimLapsesAt!) - Date.parse(mine.claimedAt!)).toBe(24 * HOUR);
    expect((await listed(own!))?.claimLapsesAt).toBe(mine.claimLapsesAt);
    const [{ conversation_id }] = (await queryRows<{ conversation_id: string }>(
      database().db,
      sql`select conversation_id from qa_review_assignments where id = ${own!}`,
    )) as [{ conversation_id: string }];
    const qa = (await (
      await s.leader.request("GET", `/api/v1/conversations/${conversation_id}/qa`)
    ).json()) as {
      queued: Claim;
    };
    expect(qa.queued.claimLapsesAt).toBe(mine.claimLapsesAt);
    // Handed out by a leader: a deliberate assignment, it stays until reviewed or taken back.
    expect((await hand(s.leader, handed!, org.users.qa.id)).claimLapsesAt).toBeNull();
    expect((await listed(handed!))?.claimLapsesAt).toBeNull();
    // A leader choosing themselves in the Reviewer select is claiming it: it lapses.
    expect((await hand(s.leader, leaderSelf!, org.users.leader.id)).claimLapsesAt).not.toBeNull();
  });

  it("gives lapsed claims back to the queue, audited, once, and leaves handed-out ones", async () => {
    const db = database().db;
    const [lapsed, fresh, handed] = await queueConversations(db, org, 3);
    await claim(s.qa, lapsed!);
    await claim(s.qa, fresh!);
    await hand(s.admin, handed!, org.users.qa.id);
    await backdate(db, lapsed!, 25);
    await backdate(db, fresh!, 23);
    await backdate(db, handed!, 500);
    expect(await releaseLapsedClaims(db)).toBeGreaterThanOrEqual(1);
    expect(await held(lapsed!)).toBeNull();
    expect(await held(fresh!)).toBe(org.users.qa.id);
    expect(await held(handed!)).toBe(org.users.qa.id);
    expect(await listed(lapsed!)).toMatchObject({
      assignee: null,
      claimedAt: null,
      claimLapsesAt: null,
    });
    const audit = await queryRows<{
      details: Record<string, unknown>;
      actor_user_id: string | null;
    }>(
      db,
      sql`select details, actor_user_id from audit_log where org_id = ${org.orgId}
          and action = 'qa.review.released' and target_id = ${lapsed!}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBeNull();
    expect(audit[0]!.details).toMatchObject({
      reason: "lapsed",
      from: org.users.qa.id,
      via: "job",
      job: RELEASE_LAPSED_CLAIMS_JOB,
    });
    // Idempotent: nothing more to release, no second entry.
    expect(await releaseLapsedClaims(db)).toBe(0);
    // Back in the queue: a colleague claims it.
    expect((await claim(s.leader, lapsed!)).assignee?.id).toBe(org.users.leader.id);
  });

  it("follows each organization's setting: never when 0 or null, and a shorter one at once", async () => {
    const db = database().db;
    const other = await buildOrg(db);
    const otherQa = await loginAs(buildTestApp(database()), other.users.qa.email);
    const otherAdmin = await loginAs(buildTestApp(database()), other.users.admin.email);
    const [keep] = await queueConversations(db, other, 1);
    const [short] = await queueConversations(db, org, 1);
    await claim(otherQa, keep!);
    await claim(s.qa, short!);
    await backdate(db, keep!, 1000);
    await backdate(db, short!, 3);
    for (const never of [0, null]) {
      const saved = await otherAdmin.request("PUT", "/api/v1/qa/settings", {
        claimLapseHours: never,
      });
      expect(((await saved.json()) as { claimLapseHours: number | null }).claimLapseHours).toBe(
        never,
      );
      expect((await claim(otherQa, keep!)).claimLapsesAt).toBeNull();
      await releaseLapsedClaims(db);
      expect(await held(keep!)).toBe(other.users.qa.id);
    }
    // Three hours old is within the default 24; two hours is the new limit, counted from the claim.
    await releaseLapsedClaims(db);
    expect(await held(short!)).toBe(org.users.qa.id);
    expect(
      (await s.admin.request("PUT", "/api/v1/qa/settings", { claimLapseHours: 2 })).status,
    ).toBe(200);
    await releaseLapsedClaims(db);
    expect(await held(short!)).toBeNull();
    expect(await held(keep!)).toBe(other.users.qa.id);
  });

  it("releases a backlog in bounded batches, as the recurring job", async () => {
    const db = database().db;
    expect(RECURRING.map((r) => r.name)).toContain(RELEASE_LAPSED_CLAIMS_JOB);
    const ids = await queueConversations(db, org, 3);
    for (const id of ids) {
      await claim(s.qa, id);
      await backdate(db, id, 30);
    }
    expect(await releaseLapsedClaims(db, 2)).toBe(3);
    for (const id of ids) {
      await claim(s.qa, id);
      await backdate(db, id, 30);
    }
    await new Queue(db).enqueue(RELEASE_LAPSED_CLAIMS_JOB, {});
    await runQueuedJobs(db);
    for (const id of ids) expect(await held(id)).toBeNull();
    expect(
      await errorCode(await s.qa.request("PUT", "/api/v1/qa/settings", { claimLapseHours: 1 })),
    ).toBe("FORBIDDEN");
  });
});

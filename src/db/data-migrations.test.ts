import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConversation, buildOrg, type TestOrg } from "../../test/factories.ts";
import { migrationsUpTo } from "../../test/migrations.ts";
import { openDatabase, PGLITE_START_PARAMS, type Db } from "./client.ts";

/**
 * The migrations that rewrite stored rows (not only the schema): a database of the release before
 * them, with rows they must change and rows they must leave, migrated to today's schema.
 */
describe("data migrations 0024 (handle time), 0025 (how a claim was got), 0026 (queue scores)", () => {
  let client: PGlite;
  let older: string;
  let org: TestOrg;
  const ids: Record<string, string> = {};
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 9, minutes)).toISOString();
  const q = async <T>(text: string, params: unknown[] = []) =>
    (await client.query<T>(text, params)).rows;

  beforeAll(async () => {
    older = migrationsUpTo("0023_cases_newest_opened_first");
    client = await PGlite.create({ startParams: PGLITE_START_PARAMS });
    await migrate(drizzle(client), { migrationsFolder: older });
    const db = drizzle(client) as unknown as Db;
    org = await buildOrg(db);
    // An email answered two days later (facts stored start to end), and one with no facts.
    for (const name of ["email", "noFacts", "claimed", "handedOut", "handedThenClaimed"])
      ids[name] = await buildConversation(db, org.orgId, { channel: "email" });
    for (const [seq, minutes] of [0, 2_880, 2_885].entries())
      await q(`update messages set ts = $1 where conversation_id = $2 and seq = $3`, [
        at(minutes),
        ids.email,
        seq,
      ]);
    await q(`update conversations set started_at = $1, ended_at = $2 where id = $3`, [
      at(0),
      at(2_887),
      ids.email,
    ]);
    await q(
      `insert into people_conversation_facts (org_id, conversation_id, started_at, week, reason,
         stratum, coarse_stratum, handle_minutes)
       values ($1, $2, $3, '2026-11-02', 'r', 'r|email', 'r|email', 2887)`,
      [org.orgId, ids.email, at(0)],
    );
    // Three held assignments: claimed by the analyst; handed to the analyst by the leader; handed
    // to the leader by the admin, who then claimed it back (the audit entry predates the holder).
    const { qa, leader, admin } = org.users;
    const hold = async (name: string, holder: string, claimedAt: string) =>
      (
        await q<{ id: string }>(
          `insert into qa_review_assignments (org_id, conversation_id, reason, assignee_user_id, claimed_at)
           values ($1, $2, 'random_sample', $3, $4) returning id`,
          [org.orgId, ids[name], holder, claimedAt],
        )
      )[0]!.id;
    const audit = (actor: string, target: string, to: string, when: string) =>
      q(
        `insert into audit_log (org_id, actor_user_id, action, target_type, target_id, details, created_at)
         values ($1, $2, 'qa.review.assigned', 'qa_review_assignment', $3, $4, $5)`,
        [org.orgId, actor, target, JSON.stringify({ from: null, to }), when],
      );
    ids.claimedRow = await hold("claimed", qa.id, at(10));
    ids.handedRow = await hold("handedOut", qa.id, at(10));
    await audit(leader.id, ids.handedRow, qa.id, at(10));
    ids.reclaimedRow = await hold("handedThenClaimed", admin.id, at(30));
    await audit(admin.id, ids.reclaimedRow, leader.id, at(20));

    // Automatic evaluations under two versions and a human one: the queue keeps the lowest
    // automatic score (55); a conversation with only a human evaluation has none.
    const [card] = await q<{ id: string }>(
      `insert into qa_scorecards (org_id, name) values ($1, 'Service') returning id`,
      [org.orgId],
    );
    const version = async (n: number, status: string) =>
      (
        await q<{ id: string }>(
          `insert into qa_scorecard_versions (org_id, scorecard_id, version, status, channels, definition)
           values ($1, $2, $3, $4, '{email}', '{}') returning id`,
          [org.orgId, card!.id, n, status],
        )
      )[0]!.id;
    const [v1, v2] = [await version(1, "retired"), await version(2, "published")];
    const evaluate = (name: string, versionId: string, n: number, kind: string, score: number) =>
      q(
        `insert into qa_evaluations (org_id, conversation_id, scorecard_id, version_id, version, kind,
           reviewer_user_id, channel, week, score, answers)
         values ($1, $2, $3, $4, $5, $6, $7, 'email', '2026-11-02', $8, '[]')`,
        [
          org.orgId,
          ids[name],
          card!.id,
          versionId,
          n,
          kind,
          kind === "human" ? qa.id : null,
          score,
        ],
      );
    await evaluate("claimed", v1, 1, "auto", 70);
    await evaluate("claimed", v2, 2, "auto", 55);
    await evaluate("claimed", v2, 2, "human", 20);
    await evaluate("handedOut", v2, 2, "human", 30);
    await evaluate("handedThenClaimed", v2, 2, "auto", 90);

    await (await openDatabase({ kind: "pglite-instance", client })).migrate();
  });

  afterAll(async () => {
    await client.close();
    fs.rmSync(older, { recursive: true, force: true });
  });

  it("recomputes stored handle time with each silence capped at 10 minutes", async () => {
    const rows = await q<{ conversation_id: string; handle_minutes: number }>(
      `select conversation_id, handle_minutes from people_conversation_facts where org_id = $1`,
      [org.orgId],
    );
    // 0 + 10 (of 2,880) + 5 + 2 minutes; the conversation without facts gets none.
    expect(rows).toEqual([{ conversation_id: ids.email, handle_minutes: 17 }]);
  });

  it("marks a held claim handed out only when someone else handed it to its holder", async () => {
    const rows = await q<{ id: string; claim_kind: string | null }>(
      `select id, claim_kind from qa_review_assignments where org_id = $1`,
      [org.orgId],
    );
    const kind = new Map(rows.map((r) => [r.id, r.claim_kind]));
    expect(kind.get(ids.claimedRow!)).toBe("claimed");
    expect(kind.get(ids.handedRow!)).toBe("assigned");
    expect(kind.get(ids.reclaimedRow!)).toBe("claimed");
  });

  it("back-fills each queued conversation's lowest automatic score", async () => {
    const rows = await q<{ id: string; auto_score: number | null }>(
      `select id, auto_score from qa_review_assignments where org_id = $1`,
      [org.orgId],
    );
    expect(new Map(rows.map((r) => [r.id, r.auto_score]))).toEqual(
      new Map([
        [ids.claimedRow!, 55],
        [ids.handedRow!, null],
        [ids.reclaimedRow!, 90],
      ]),
    );
  });
});

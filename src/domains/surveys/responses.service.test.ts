import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { customers } from "../../db/schema/index.ts";
import { Queue } from "../../jobs/queue.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { listInvitations } from "./invitation-delivery.service.ts";
import { decideInvitations } from "./invitations.service.ts";
import { listFollowUps } from "./follow-ups.service.ts";
import { recordResponse } from "./responses.service.ts";
import { createSurvey, putSettings } from "./surveys.service.ts";

describeEachBackend("recordResponse: answers arriving together (group commit)", ({ database }) => {
  let org: TestOrg;

  beforeAll(async () => {
    const db = database().db;
    org = await buildOrg(db);
    await createSurvey(db, org.orgId, {
      name: "CSAT",
      type: "csat",
      trigger: { event: "conversation_resolved" },
    });
    await db.execute(sql`update surveys set created_at = '2026-01-01' where org_id = ${org.orgId}`);
    await putSettings(db, org.orgId, {
      cooldownDays: 0,
      sampleRates: {},
      quietHours: null,
      defaultTimeZone: "UTC",
      followUpTeamId: null,
      followUpDueHours: 24,
    });
  });

  /** `n` resolved conversations of different customers, invited: their respondent tokens. */
  async function tokens(n: number) {
    const db = database().db;
    const out: { token: string; conversationId: string }[] = [];
    for (let i = 0; i < n; i++) {
      const [c] = await db
        .insert(customers)
        .values({ orgId: org.orgId, name: `C${i}`, email: `c${i}-${Date.now()}@example.test` })
        .returning();
      const id = await buildConversation(db, org.orgId, {
        customerId: c!.id,
        teamId: org.teamId,
        channel: "email",
      });
      await decideInvitations({ db, queue: new Queue(db) }, org.orgId, [id]);
      const [inv] = await listInvitations(db, org.orgId, id);
      out.push({ token: new URL(inv!.url!).pathname.slice(3), conversationId: id });
    }
    return out;
  }

  const storedOf = (conversationIds: string[]) =>
    queryRows<{ score: number | null; comment: string | null; submissions: number; fu: number }>(
      database().db,
      sql`select r.score, r.comment, r.submissions,
            (select count(*) from follow_ups f where f.response_id = r.id)::int as fu
          from survey_responses r
          where r.org_id = ${org.orgId} and r.conversation_id = any(${sql.param(conversationIds)}::uuid[])`,
    );

  it("stores each answer once, repeats to one link as updates, with one follow-up per low answer", async () => {
    const db = database().db;
    const links = await tokens(6);
    // Both submissions of every link in the same turn: one batch cannot update a row twice.
    const results = await Promise.all(
      links.flatMap((l) => [
        recordResponse(db, l.token, { score: 1 }),
        recordResponse(db, l.token, { comment: "Still waiting for my refund" }),
      ]),
    );
    for (let i = 0; i < links.length; i++) {
      const [a, b] = [results[2 * i]!, results[2 * i + 1]!];
      expect(a.response.id).toBe(b.response.id);
      expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    }
    const stored = await storedOf(links.map((l) => l.conversationId));
    expect(stored).toHaveLength(6);
    for (const r of stored) {
      expect(r).toMatchObject({ score: 1, comment: "Still waiting for my refund", submissions: 2 });
      expect(r.fu).toBe(1);
    }
  });

  it("fails only the answer the database refuses; the rest of its batch is stored", async () => {
    const db = database().db;
    const links = await tokens(4);
    const settled = await Promise.allSettled(
      links.map((l, i) =>
        // PostgreSQL text cannot hold a NUL character: this one statement must fail.
        recordResponse(db, l.token, { score: 4, comment: i === 2 ? "bad \u0000 text" : "fine" }),
      ),
    );
    expect(settled.map((s) => s.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    const stored = await storedOf(links.map((l) => l.conversationId));
    expect(stored.map((r) => r.comment)).toEqual(["fine", "fine", "fine"]);
  });

  it("answers against a survey's current definition after it changes (no stale cached copy)", async () => {
    const db = database().db;
    const [first, second] = await tokens(2);
    await recordResponse(db, first!.token, { score: 4 }); // the definition is now cached
    const reason = {
      id: "reason",
      kind: "single",
      texts: { en: "Why?" },
      options: [{ id: "speed", texts: { en: "Speed" } }],
    };
    await db.execute(
      sql`update surveys set questions = questions || ${JSON.stringify([reason])}::jsonb
          where org_id = ${org.orgId}`,
    );
    const answered = await recordResponse(db, second!.token, {
      score: 5,
      answers: { reason: "speed" },
    });
    expect(answered.created).toBe(true);
    await expect(
      recordResponse(db, second!.token, { answers: { reason: "price" } }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("answers a resubmitted low answer with the follow-up it opened, not null", async () => {
    const db = database().db;
    const [link] = await tokens(1);
    const first = await recordResponse(db, link!.token, { score: 1 });
    expect(first.followUpId).not.toBeNull();
    const again = await recordResponse(db, link!.token, { comment: "Still nobody called me" });
    expect(again).toMatchObject({ created: false, followUpId: first.followUpId });
    expect(await storedOf([link!.conversationId])).toMatchObject([{ submissions: 2, fu: 1 }]);
  });

  it("lists follow-ups a page at a time, in the order of the whole list, ties included", async () => {
    const db = database().db;
    const links = await tokens(5);
    for (const l of links) await recordResponse(db, l.token, { score: 1 });
    // Ties: three open ones due at the same instant, two closed at the same instant.
    await db.execute(sql`update follow_ups set due_at = '2026-12-10T09:00:00.000123Z'
      where org_id = ${org.orgId} and conversation_id = any(${sql.param(links.slice(0, 3).map((l) => l.conversationId))}::uuid[])`);
    await db.execute(sql`update follow_ups set status = 'closed', closed_at = '2026-12-05T09:00:00.000456Z'
      where org_id = ${org.orgId} and conversation_id = any(${sql.param(links.slice(3).map((l) => l.conversationId))}::uuid[])`);
    for (const status of [undefined, "open", "closed"] as const) {
      const whole = await listFollowUps(db, org.orgId, { status });
      expect(whole.nextCursor).toBeNull();
      const paged: string[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await listFollowUps(db, org.orgId, {
          status,
          limit: 2,
          cursor: cursor ?? undefined,
        });
        paged.push(...page.items.map((f) => f.id));
        cursor = page.nextCursor;
      } while (cursor && paged.length <= whole.items.length);
      expect(paged).toEqual(whole.items.map((f) => f.id));
    }
    const all = (await listFollowUps(db, org.orgId, {})).items.map((f) => f.status);
    expect(all.indexOf("closed")).toBeGreaterThan(all.lastIndexOf("open"));
    const forged = Buffer.from(
      `pending|2026-12-05T09:00:00.000Z|${links[0]!.conversationId}`,
    ).toString("base64url");
    await expect(listFollowUps(db, org.orgId, { cursor: forged })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("checks each answer against its own survey, one added after the first answers included", async () => {
    const db = database().db;
    const [first] = await tokens(1);
    await recordResponse(db, first!.token, { score: 4 }); // the organization's surveys are cached
    const nps = await createSurvey(db, org.orgId, {
      name: "NPS",
      type: "nps",
      trigger: { event: "conversation_resolved" },
    });
    await db.execute(sql`update surveys set created_at = '2026-01-01' where org_id = ${org.orgId}`);
    const [conversation] = await tokens(1);
    const links = await listInvitations(db, org.orgId, conversation!.conversationId);
    const tokenOf = (npsLink: boolean) =>
      new URL(links.find((l) => (l.surveyId === nps.id) === npsLink)!.url!).pathname.slice(3);
    // 9 is an NPS score, not a CSAT one.
    const answered = await recordResponse(db, tokenOf(true), { score: 9 });
    expect(answered).toMatchObject({ created: true, followUpId: null });
    await expect(recordResponse(db, tokenOf(false), { score: 9 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const again = await recordResponse(db, tokenOf(true), { score: 0 });
    expect(again.created).toBe(false);
    expect(again.followUpId).not.toBeNull(); // a detractor
  });
});

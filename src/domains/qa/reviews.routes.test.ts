import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import {
  assignContactReason,
  buildConversation,
  buildOrg,
  type TestOrg,
} from "../../../test/factories.ts";
import { errorCode, loginAs, type Session, type TestApp } from "../../../test/http.ts";
import { setUpQaRoutes, type Evaluation, type QaRoutes } from "../../../test/qa-routes.ts";
import { insertAssignments } from "./reviews.repo.ts";

describeEachBackend("reviews, disputes and calibration", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let s: QaRoutes["s"];
  let chatCardId: string;
  let review: QaRoutes["review"];
  let evaluations: QaRoutes["evaluations"];

  beforeAll(async () => {
    ({ app, org, other, s, chatCardId, review, evaluations } = await setUpQaRoutes(database()));
  });

  it("needs an answer for criteria no rule decides, and refuses unknown criteria", async () => {
    const missing = await review(s.leader, org.conversationId, [
      { key: "greeting", answer: "pass" },
    ]);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain(
      "correct_information",
    );
    const unknown = await review(s.leader, org.conversationId, [
      { key: "telepathy", answer: "pass" },
    ]);
    expect(unknown.status).toBe(400);
  });

  it("keeps the automatic answer beside a correction, and refuses a second submission", async () => {
    const [auto] = await evaluations(s.leader);
    const greeting = auto!.criteria.find((c) => c.key === "greeting")!;
    const flipped = greeting.answer === "pass" ? "fail" : "pass";
    const body = [
      { key: "greeting", answer: flipped },
      { key: "correct_information", answer: "fail" },
    ];
    const res = await review(s.leader, org.conversationId, body);
    expect(res.status).toBe(201);
    const human = (await res.json()) as Evaluation;
    expect(human.kind).toBe("human");
    expect(human.score).toBe(0); // correct_information is critical
    expect(human.criteria.find((c) => c.key === "greeting")).toMatchObject({
      answer: flipped,
      original: { answer: greeting.answer },
    });
    const twice = await review(s.leader, org.conversationId, body);
    expect(twice.status).toBe(409);
    expect(await errorCode(twice)).toBe("REVIEW_ALREADY_SUBMITTED");
    const humans = (await evaluations(s.leader)).filter((e) => e.kind === "human");
    expect(humans).toHaveLength(1);
  });

  it("queues no conversation someone has already reviewed", async () => {
    const db = database().db;
    // The reviewed one was reviewed above; its assignment arrives only now (a rule run later).
    await insertAssignments(
      db,
      org.orgId,
      [org.conversationId, org.otherConversationId].map((conversation_id) => ({
        conversation_id,
        reason: "low_score",
        agent_id: null,
        team_id: null,
      })),
    );
    const queue = (await (await s.admin.request("GET", "/api/v1/qa/queue")).json()) as {
      items: { conversationId: string; preview: string | null }[];
    };
    const ids = queue.items.map((i) => i.conversationId);
    expect(ids).toContain(org.otherConversationId);
    expect(ids).not.toContain(org.conversationId);
    // With no subject, the customer's first message says what the conversation is about.
    expect(queue.items.find((i) => i.conversationId === org.otherConversationId)?.preview).toBe(
      "My order never arrived.",
    );
  });

  it("pages through the queue newest first, filters by reason and counts what waits", async () => {
    const db = database().db;
    const own = await buildOrg(db);
    const admin = await loginAs(app, own.users.admin.email);
    // Three conversations share one start time: pages must part them by id, losing none.
    const same = new Date("2026-12-01T10:00:00.000Z");
    const starts = [
      same,
      same,
      same,
      new Date("2026-12-02T10:00:00Z"),
      new Date("2026-11-30T10:00:00Z"),
    ];
    const ids = await Promise.all(
      starts.map((startedAt) => buildConversation(db, own.orgId, { startedAt })),
    );
    await db.execute(sql`update conversations set started_at = started_at + interval '123 microseconds'
      where org_id = ${own.orgId} and id = any(${sql.param(ids.slice(0, 3))}::uuid[])`);
    await insertAssignments(
      db,
      own.orgId,
      ids.map((conversation_id, i) => ({
        conversation_id,
        reason: i < 3 ? "complaint" : "random_weekly",
        agent_id: null,
        team_id: null,
      })),
    );
    type Page = {
      items: { conversationId: string; startedAt: string; reason: string }[];
      nextCursor: string | null;
      waiting: { reason: string; count: number }[];
    };
    const pages: Page[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await admin.request("GET", `/api/v1/qa/queue?limit=2&cursor=${cursor}`);
      expect(res.status).toBe(200);
      pages.push((await res.json()) as Page);
      cursor = pages.at(-1)!.nextCursor;
      if (pages.length > 5) break;
    }
    const seen = pages.flatMap((p) => p.items);
    expect(new Set(seen.map((i) => i.conversationId))).toEqual(new Set(ids));
    expect(seen).toHaveLength(5);
    const times = seen.map((i) => i.startedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(pages[0]!.waiting).toEqual([
      { reason: "complaint", count: 3 },
      { reason: "random_weekly", count: 2 },
    ]);
    const complaints = (await (
      await admin.request("GET", "/api/v1/qa/queue?reason=complaint")
    ).json()) as Page;
    expect(complaints.items.map((i) => i.reason)).toEqual(["complaint", "complaint", "complaint"]);
    expect(complaints.nextCursor).toBeNull();
    const bad = Buffer.from(`2026-02-30T00:00:00.000Z|${ids[0]}`).toString("base64url");
    // By contact reason: the page and the counts both.
    const reasonId = await assignContactReason(db, own.orgId, [ids[0]!]);
    const byReason = (await (
      await admin.request("GET", `/api/v1/qa/queue?contactReasonId=${reasonId}`)
    ).json()) as Page;
    expect(byReason.items.map((i) => i.conversationId)).toEqual([ids[0]]);
    expect(byReason.waiting.reduce((n, w) => n + w.count, 0)).toBe(1);
    expect((await admin.request("GET", "/api/v1/qa/queue?contactReasonId=x")).status).toBe(400);
    expect((await admin.request("GET", `/api/v1/qa/queue?cursor=${bad}`)).status).toBe(400);
    expect((await admin.request("GET", "/api/v1/qa/queue?reason=DROP%20TABLE")).status).toBe(400);
  });

  it("answers 404 for evaluating another organization's conversation", async () => {
    const res = await review(s.leader, other.conversationId, [
      { key: "correct_information", answer: "pass" },
    ]);
    expect(res.status).toBe(404);
  });

  it("shows agents their own evaluations only", async () => {
    expect(await evaluations(s.agent)).not.toHaveLength(0);
    const res = await s.agent.request("GET", `/api/v1/conversations/${org.otherConversationId}/qa`);
    expect(res.status).toBe(404);
  });

  it("lets the agent acknowledge and dispute; a leader other than the reviewer resolves", async () => {
    const human = (await evaluations(s.agent)).find((e) => e.kind === "human")!;
    const ack = await s.agent.request("POST", `/api/v1/qa/evaluations/${human.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as Evaluation).acknowledgedAt).not.toBeNull();

    expect(
      (
        await s.leader.request("POST", `/api/v1/qa/evaluations/${human.id}/disputes`, {
          reason: "not me",
        })
      ).status,
    ).toBe(403);
    const unknownKey = await s.agent.request(
      "POST",
      `/api/v1/qa/evaluations/${human.id}/disputes`,
      {
        reason: "I did check the order",
        criterionKeys: ["telepathy"],
      },
    );
    expect(unknownKey.status).toBe(400);
    const disputed = await s.agent.request("POST", `/api/v1/qa/evaluations/${human.id}/disputes`, {
      reason: "I did check the order",
      criterionKeys: ["correct_information"],
    });
    expect(disputed.status).toBe(201);
    const dispute = (await disputed.json()) as { id: string; status: string };
    expect(dispute.status).toBe("open");

    const byReviewer = await s.leader.request("POST", `/api/v1/qa/disputes/${dispute.id}/resolve`, {
      outcome: "overturned",
      note: "mine",
    });
    expect(byReviewer.status).toBe(403);
    expect(await errorCode(byReviewer)).toBe("DISPUTE_NOT_ALLOWED");
    const resolved = await s.admin.request("POST", `/api/v1/qa/disputes/${dispute.id}/resolve`, {
      outcome: "overturned",
      note: "The order check is in the transcript",
    });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ status: "overturned" });
    const after = (await evaluations(s.agent)).find((e) => e.id === human.id)!;
    expect(after.criteria.find((c) => c.key === "correct_information")).toMatchObject({
      answer: "pass",
      original: { answer: "fail" },
    });
    expect(after.score).toBeGreaterThan(0);
    const again = await s.admin.request("POST", `/api/v1/qa/disputes/${dispute.id}/resolve`, {
      outcome: "upheld",
      note: "twice",
    });
    expect(again.status).toBe(409);
    const audit = await queryRows<{ action: string }>(
      database().db,
      sql`select action from audit_log where org_id = ${org.orgId} and action like 'qa.dispute.%' order by created_at`,
    );
    expect(audit.map((a) => a.action)).toEqual(["qa.dispute.raised", "qa.dispute.resolved"]);
  });

  it("runs a blind calibration and shows agreement once a reviewer has submitted", async () => {
    const created = await s.qa.request("POST", "/api/v1/qa/calibrations", {
      name: "December",
      scorecardId: chatCardId,
      conversationIds: [org.conversationId],
      reviewerUserIds: [org.users.qa.id, org.users.leader.id],
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await s.agent.request("GET", `/api/v1/qa/calibrations/${id}`)).status).toBe(403);
    const notReviewer = await s.qa.request("POST", "/api/v1/qa/calibrations", {
      name: "x",
      scorecardId: chatCardId,
      conversationIds: [org.conversationId],
      reviewerUserIds: [org.users.qa.id, org.users.agent.id],
    });
    expect(notReviewer.status).toBe(400);

    const answers = [
      { key: "correct_information", answer: "pass" },
      { key: "greeting", answer: "pass" },
    ];
    const submit = (who: Session) =>
      who.request("POST", `/api/v1/qa/calibrations/${id}/reviews`, {
        conversationId: org.conversationId,
        answers,
      });
    expect((await submit(s.leader)).status).toBe(201);
    const blind = (await (await s.qa.request("GET", `/api/v1/qa/calibrations/${id}`)).json()) as {
      revealed: boolean;
      evaluations: unknown[];
    };
    expect(blind).toMatchObject({ revealed: false, evaluations: [] });
    expect((await submit(s.qa)).status).toBe(201);
    expect((await submit(s.qa)).status).toBe(409);
    const open = (await (await s.qa.request("GET", `/api/v1/qa/calibrations/${id}`)).json()) as {
      revealed: boolean;
      evaluations: unknown[];
      agreement: { criteria: { key: string }[]; reviewers: { agreement: number }[] };
    };
    expect(open.revealed).toBe(true);
    expect(open.evaluations).toHaveLength(2);
    expect(open.agreement.reviewers.every((r) => r.agreement === 1)).toBe(true);
    // Calibration answers stay out of the conversation's evaluations.
    expect((await evaluations(s.leader)).filter((e) => e.kind === "human")).toHaveLength(1);
  });
});

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
import {
  buildTestApp,
  errorCode,
  loginAs,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { scoreConversations } from "./auto.service.ts";
import { compactRollups } from "./reports.repo.ts";
import { insertAssignments } from "./reviews.repo.ts";

interface Evaluation {
  id: string;
  kind: string;
  score: number | null;
  criteria: { key: string; answer: string; original?: { answer: string } }[];
  acknowledgedAt: string | null;
}

describeEachBackend("reviews, disputes, calibration and reports", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  const s = {} as Record<"admin" | "leader" | "qa" | "agent" | "exec", Session>;
  let chatCardId: string;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    other = await buildOrg(db);
    for (const role of ["admin", "leader", "qa", "agent", "exec"] as const)
      s[role] = await loginAs(app, org.users[role].email);
    await scoreConversations(db, org.orgId, [org.conversationId, org.otherConversationId]);
    await scoreConversations(db, other.orgId, [other.conversationId]);
    const { items } = (await (await s.qa.request("GET", "/api/v1/scorecards")).json()) as {
      items: { id: string; channels: string[] }[];
    };
    chatCardId = items.find((i) => i.channels.includes("chat"))!.id;
  });

  const review = (who: Session, conversationId: string, answers: unknown[]) =>
    who.request("POST", `/api/v1/conversations/${conversationId}/qa/reviews`, {
      scorecardId: chatCardId,
      answers,
    });

  const evaluations = async (who: Session, id = org.conversationId) =>
    (
      (await (await who.request("GET", `/api/v1/conversations/${id}/qa`)).json()) as {
        items: Evaluation[];
      }
    ).items;

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

  it("reports scores automatic and human apart, and exports one CSV row per answer", async () => {
    const res = await s.exec.request(
      "GET",
      "/api/v1/qa/reports/scores?groupBy=agent&from=2000-01-01",
    );
    expect(res.status).toBe(200);
    const report = (await res.json()) as { items: { kind: string; evaluations: number }[] };
    expect(new Set(report.items.map((i) => i.kind))).toEqual(new Set(["auto", "human"]));
    const byCriterion = await s.leader.request(
      "GET",
      "/api/v1/qa/reports/scores?groupBy=criterion&from=2000-01-01",
    );
    expect(byCriterion.status).toBe(200);
    const bad = await s.leader.request(
      "GET",
      "/api/v1/qa/reports/scores?from=2026-02-01&to=2026-01-01",
    );
    expect(bad.status).toBe(400);
    const csv = await s.admin.request("GET", "/api/v1/qa/reports/export?from=2000-01-01");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toContain("criterion,answer");
    const answers = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from qa_evaluations e, jsonb_array_elements(e.answers)
          where e.org_id = ${org.orgId} and e.calibration_session_id is null`,
    );
    expect(lines.length - 1).toBe(answers[0]!.n);
    // A leader with a team sees that team's evaluations only.
    const teamCsv = await s.leader.request("GET", "/api/v1/qa/reports/export?from=2000-01-01");
    const teamLines = (await teamCsv.text()).trim().split("\r\n").slice(1);
    expect(teamLines.length).toBeGreaterThan(0);
    expect(teamLines.length).toBeLessThan(lines.length - 1);
    expect(teamLines.every((l) => l.includes(org.teamId))).toBe(true);
  });

  it("keeps the report rollups equal to the evaluations, before and after compaction", async () => {
    const db = database().db;
    const live = () =>
      queryRows<{ k: string }>(
        db,
        sql`select concat_ws('|', week, kind, channel, team_id, agent_id, count(score), sum(score),
              count(*) filter (where score >= 50)) as k
            from qa_evaluations where org_id = ${org.orgId} and calibration_session_id is null
              and score is not null
            group by week, kind, channel, team_id, agent_id order by 1`,
      );
    const rolled = () =>
      queryRows<{ k: string }>(
        db,
        sql`select concat_ws('|', week, kind, channel, team_id, agent_id, sum(scored), sum(score_sum),
              sum(passed)) as k
            from qa_score_rollups where org_id = ${org.orgId}
            group by week, kind, channel, team_id, agent_id having sum(scored) > 0 order by 1`,
      );
    expect(await rolled()).toEqual(await live());
    await compactRollups(db);
    expect(await rolled()).toEqual(await live());
  });

  it("turns an evaluation into a coaching note the agent sees", async () => {
    const human = (await evaluations(s.leader)).find((e) => e.kind === "human")!;
    const res = await s.leader.request("POST", `/api/v1/qa/evaluations/${human.id}/coaching`, {
      goal: "Confirm the order number before promising a refund",
      followUpOn: "2026-12-20",
    });
    expect(res.status).toBe(201);
    const notes = (await (await s.agent.request("GET", "/api/v1/qa/coaching")).json()) as {
      items: unknown[];
    };
    expect(notes.items).toHaveLength(1);
    const queue = await s.qa.request("GET", "/api/v1/qa/queue");
    expect(queue.status).toBe(200);
  });

  it("lists coaching notes with who and what they are about, by team, a page at a time", async () => {
    const [otto] = await evaluations(s.admin, org.otherConversationId);
    const made = await s.admin.request("POST", `/api/v1/qa/evaluations/${otto!.id}/coaching`, {
      goal: "Offer the tracking link in the first reply",
    });
    expect(made.status).toBe(201);
    interface Note {
      goal: string;
      conversationId: string;
      agent: { id: string; name: string };
      authorName: string | null;
    }
    const list = async (who: Session, query = "") => {
      const res = await who.request("GET", `/api/v1/qa/coaching${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as { items: Note[]; nextCursor: string | null };
    };
    const all = await list(s.admin);
    expect(all.items.map((n) => [n.agent.name, n.conversationId, n.authorName])).toEqual([
      ["Otto Other", org.otherConversationId, `admin of ${org.slug}`],
      ["Ada Agent", org.conversationId, `leader of ${org.slug}`],
    ]);
    // The leader's team is Ada's: Otto's note is another team's.
    expect((await list(s.leader)).items.map((n) => n.agent.name)).toEqual(["Ada Agent"]);
    expect((await list(s.admin, `?agentId=${org.otherAgentId}`)).items).toHaveLength(1);
    expect((await list(s.agent, `?agentId=${org.otherAgentId}`)).items).toHaveLength(0);
    expect((await list(await loginAs(app, other.users.admin.email))).items).toHaveLength(0);

    const first = await list(s.admin, "?limit=1");
    expect(first.items.map((n) => n.agent.name)).toEqual(["Otto Other"]);
    const second = await list(s.admin, `?limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.agent.name)).toEqual(["Ada Agent"]);
    expect((await list(s.admin, `?limit=1&cursor=${second.nextCursor}`)).items).toEqual([]);
    const bad = await s.admin.request("GET", "/api/v1/qa/coaching?cursor=bm90LWEtY3Vyc29y");
    expect(bad.status).toBe(400);
    expect(await errorCode(bad)).toBe("VALIDATION_FAILED");
  });
});

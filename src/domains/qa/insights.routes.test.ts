import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import type { TestOrg } from "../../../test/factories.ts";
import { errorCode, loginAs, type Session, type TestApp } from "../../../test/http.ts";
import { setUpQaRoutes, type QaRoutes } from "../../../test/qa-routes.ts";
import { compactRollups } from "./reports.repo.ts";

/** The QA reports, the CSV export and coaching notes (insights.service.ts) through the routes. */
describeEachBackend("QA reports, export and coaching notes", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let s: QaRoutes["s"];
  let evaluations: QaRoutes["evaluations"];

  beforeAll(async () => {
    let review: QaRoutes["review"];
    ({ app, org, other, s, review, evaluations } = await setUpQaRoutes(database()));
    // One human review beside the automatic evaluations: the reports count both kinds.
    const reviewed = await review(s.leader, org.conversationId, [
      { key: "correct_information", answer: "pass" },
    ]);
    expect(reviewed.status).toBe(201);
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

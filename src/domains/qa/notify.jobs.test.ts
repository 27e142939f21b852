import { sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { runQueuedJobs } from "../../../test/jobs.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, loginAs, type TestApp } from "../../../test/http.ts";
import { startSmtpServer, type TestSmtpServer } from "../../../test/mail-servers.ts";
import { insertAssignments } from "./reviews.repo.ts";

describeEachBackend("QA notifications", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let smtp: TestSmtpServer;
  const previous = process.env.RAPPORT_SMTP_URL;
  const previousUrl = process.env.RAPPORT_PUBLIC_URL;

  beforeAll(async () => {
    app = buildTestApp(database());
    org = await buildOrg(database().db);
    smtp = await startSmtpServer();
    process.env.RAPPORT_SMTP_URL = `smtp://127.0.0.1:${smtp.port}?from=qa@rapport.test`;
    delete process.env.RAPPORT_PUBLIC_URL;
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.RAPPORT_SMTP_URL;
    else process.env.RAPPORT_SMTP_URL = previous;
    if (previousUrl === undefined) delete process.env.RAPPORT_PUBLIC_URL;
    else process.env.RAPPORT_PUBLIC_URL = previousUrl;
    await smtp.stop();
  });

  it("emails the reviewers an invitation when a session starts", async () => {
    const leader = await loginAs(app, org.users.leader.email);
    const { items } = (await (await leader.request("GET", "/api/v1/scorecards")).json()) as {
      items: { id: string; channels: string[] }[];
    };
    const res = await leader.request("POST", "/api/v1/qa/calibrations", {
      name: "Weekly",
      scorecardId: items.find((i) => i.channels.includes("chat"))!.id,
      conversationIds: [org.conversationId],
      reviewerUserIds: [org.users.qa.id, org.users.leader.id],
    });
    expect(res.status).toBe(201);
    const db = database().db;
    await runQueuedJobs(db);
    const mail = await smtp.nextMail();
    expect(mail.to.sort()).toEqual([org.users.leader.email, org.users.qa.email].sort());
    expect(mail.raw.toString()).toContain("Calibration: Weekly");
    // Without RAPPORT_PUBLIC_URL there is no address to give: the email says where to go.
    const parsed = await simpleParser(mail.raw);
    expect(parsed.text).toContain("Open Rapport → Quality → Calibration to answer.");
    expect(parsed.html).not.toContain("href=");
  });

  it("emails a reviewer a conversation handed to them, and nobody for one taken oneself", async () => {
    const db = database().db;
    await insertAssignments(db, org.orgId, [
      {
        conversation_id: org.conversationId,
        reason: "low_satisfaction",
        agent_id: org.agentId,
        team_id: org.teamId,
      },
    ]);
    const [{ id } = { id: "" }] = await queryRows<{ id: string }>(
      db,
      sql`select id from qa_review_assignments where org_id = ${org.orgId} and conversation_id = ${org.conversationId}`,
    );
    const leader = await loginAs(app, org.users.leader.email);
    const hand = (userId: string) =>
      leader.request("PUT", `/api/v1/qa/queue/${id}/assignee`, { userId });
    expect((await hand(org.users.leader.id)).status).toBe(200);
    const notices = () =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from jobs where name = 'qa.notify-assignment' and org_id = ${org.orgId}`,
      );
    expect((await notices())[0]!.n).toBe(0);
    expect((await hand(org.users.qa.id)).status).toBe(200);
    expect((await notices())[0]!.n).toBe(1);
    await runQueuedJobs(db);
    const mail = await smtp.nextMail();
    expect(mail.to).toEqual([org.users.qa.email]);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe("A conversation to review (low satisfaction)");
    expect(parsed.text).toContain(`leader of ${org.slug} handed you a conversation`);
    expect(parsed.text).toContain("Open Rapport → Quality → Review queue, Claimed by me.");
  });

  it("emails a reviewer handed several conversations at once one email listing them", async () => {
    const db = database().db;
    const conversations = [
      await buildConversation(db, org.orgId, { agentId: org.agentId, teamId: org.teamId }),
      await buildConversation(db, org.orgId, { agentId: org.agentId, teamId: org.teamId }),
    ];
    await insertAssignments(
      db,
      org.orgId,
      conversations.map((c) => ({
        conversation_id: c,
        reason: "complaint",
        agent_id: org.agentId,
        team_id: org.teamId,
      })),
    );
    const ids = await queryRows<{ id: string }>(
      db,
      sql`select id from qa_review_assignments where org_id = ${org.orgId}
          and conversation_id = any(${`{${conversations.join(",")}}`}::uuid[])`,
    );
    process.env.RAPPORT_PUBLIC_URL = "https://rapport.example.test";
    const leader = await loginAs(app, org.users.leader.email);
    const res = await leader.request("POST", "/api/v1/qa/queue/assignments", {
      ids: ids.map((r) => r.id),
      userId: org.users.qa.id,
    });
    expect(res.status).toBe(200);
    await runQueuedJobs(db);
    const mail = await smtp.nextMail();
    expect(mail.to).toEqual([org.users.qa.email]);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe("2 conversations to review");
    expect(parsed.text).toContain(`leader of ${org.slug} handed you 2 conversations`);
    expect(parsed.text?.match(/^- complaint: /gm)).toHaveLength(2);
    // Each conversation is a link, in the text and in the HTML part.
    for (const c of conversations) {
      expect(parsed.text).toContain(`- complaint: https://rapport.example.test/conversations/${c}`);
      expect(parsed.html).toContain(`href="https://rapport.example.test/conversations/${c}"`);
    }
  });
});

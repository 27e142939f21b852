import { afterAll, beforeAll, expect, it } from "vitest";
import { Queue } from "../../jobs/queue.ts";
import { JOB_DEFINITIONS } from "../../jobs/registry.ts";
import { startWorker } from "../../jobs/worker.ts";
import { createLogger } from "../../logger.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, loginAs, type TestApp } from "../../../test/http.ts";
import { startSmtpServer, type TestSmtpServer } from "../../../test/mail-servers.ts";

describeEachBackend("calibration notifications", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let smtp: TestSmtpServer;
  const previous = process.env.RAPPORT_SMTP_URL;

  beforeAll(async () => {
    app = buildTestApp(database());
    org = await buildOrg(database().db);
    smtp = await startSmtpServer();
    process.env.RAPPORT_SMTP_URL = `smtp://127.0.0.1:${smtp.port}?from=qa@rapport.test`;
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.RAPPORT_SMTP_URL;
    else process.env.RAPPORT_SMTP_URL = previous;
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
    const worker = startWorker(
      { db, queue: new Queue(db), logger: createLogger("silent") },
      JOB_DEFINITIONS,
      {
        pollMs: 60_000,
      },
    );
    await worker.drain();
    await worker.stop();
    const mail = await smtp.nextMail();
    expect(mail.to.sort()).toEqual([org.users.leader.email, org.users.qa.email].sort());
    expect(mail.raw.toString()).toContain("Calibration: Weekly");
  });
});

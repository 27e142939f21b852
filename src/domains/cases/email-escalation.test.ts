import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { startSmtpServer, type TestSmtpServer } from "../../../test/mail-servers.ts";
import { Queue } from "../../jobs/queue.ts";
import { closeSmtpTransports } from "../email/smtp.ts";
import { createMailbox, ingestMime } from "../email/email.service.ts";
import { smtpConfigFromUrl, type SmtpConfig } from "../email/index.ts";
import { listEvents } from "./case-history.repo.ts";
import { listCases } from "./cases.repo.ts";
import { openCasesForConversations } from "./complaints.service.ts";

const ESCALATIONS = "complaints@acme.test";

function mime(opts: { id: string; subject: string; text: string }): Buffer {
  return Buffer.from(
    [
      "From: Dana Customer <dana@example.com>",
      `To: ${ESCALATIONS}`,
      `Subject: ${opts.subject}`,
      `Message-ID: <${opts.id}@example.com>`,
      "Date: Thu, 03 Dec 2026 10:00:00 +0000",
      "Content-Type: text/plain; charset=utf-8",
      "",
      opts.text,
    ].join("\r\n"),
  );
}

describeEachBackend("cases: the inbound escalation address", ({ database }) => {
  let org: TestOrg;
  let smtpServer: TestSmtpServer;
  let smtp: SmtpConfig;

  beforeAll(async () => {
    org = await buildOrg(database().db);
    smtpServer = await startSmtpServer();
    smtp = smtpConfigFromUrl(`smtp://care%40acme.test:pw@127.0.0.1:${smtpServer.port}`)!;
    await createMailbox(database().db, org.orgId, {
      name: "Complaints to management",
      address: ESCALATIONS,
      host: "127.0.0.1",
      port: 993,
      secure: true,
      username: "complaints",
      password: "secret",
      folder: "INBOX",
      enabled: false,
      purpose: "escalation",
    });
  });
  afterAll(async () => {
    closeSmtpTransports();
    await smtpServer.stop();
  });

  const receive = async (opts: { id: string; subject: string; text: string }) => {
    const deps = { db: database().db, queue: new Queue(database().db) };
    const result = await ingestMime(deps, org.orgId, mime(opts), { address: ESCALATIONS });
    return result.id!;
  };

  it("opens an executive case from an email, answers once with the reference, and escalates the case a later email quotes", async () => {
    const db = database().db;
    const first = await receive({
      id: "m1",
      subject: "Nobody answers my letters",
      text: "I have written three times about my broken boiler. I want a manager to call me.",
    });
    await openCasesForConversations(db, org.orgId, [first], smtp);
    await openCasesForConversations(db, org.orgId, [first], smtp);
    const found = await listCases(db, { orgId: org.orgId, conversationId: first, limit: 10 });
    expect(found).toHaveLength(1);
    const opened = found[0]!;
    expect(opened).toMatchObject({
      source: "public",
      escalationLevel: "executive",
      requesterEmail: "dana@example.com",
    });
    const ack = await smtpServer.nextMail();
    expect(ack.to).toEqual(["dana@example.com"]);
    expect(ack.raw.toString()).toContain(opened.reference);
    expect(ack.raw.toString()).toMatch(/In-Reply-To: <m1@example.com>/);
    // The promised time in the case's business-hours zone, as a person reads it.
    expect(ack.raw.toString()).toMatch(
      /We will respond by: [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d \([\w/+-]+\)/,
    );
    expect(smtpServer.received).toHaveLength(1);

    const second = await receive({
      id: "m2",
      subject: `Still waiting, ref ${opened.reference.toLowerCase()}`,
      text: "Still nothing.",
    });
    await openCasesForConversations(db, org.orgId, [second], null);
    const linked = await listCases(db, { orgId: org.orgId, conversationId: second, limit: 10 });
    expect(linked.map((c) => c.id)).toEqual([opened.id]);
    const events = await listEvents(db, org.orgId, opened.id);
    expect(events.filter((e) => e.type === "customer_message")).toHaveLength(1);
  });

  it("takes a forged reference in an email as a new complaint, not a lookup", async () => {
    const db = database().db;
    const conversation = await receive({
      id: "m3",
      subject: "About RC-AAAAAAA-AAAA",
      text: "Please escalate.",
    });
    await openCasesForConversations(db, org.orgId, [conversation], null);
    const [row] = await listCases(db, {
      orgId: org.orgId,
      conversationId: conversation,
      limit: 10,
    });
    expect(row?.reference).not.toBe("RC-AAAAAAA-AAAA");
    expect(row?.escalationLevel).toBe("executive");
  });
});

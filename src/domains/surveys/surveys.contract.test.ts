import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { JOB_DEFINITIONS } from "../../jobs/registry.ts";
import { startWorker, type Worker } from "../../jobs/worker.ts";
import { Queue } from "../../jobs/queue.ts";
import { createLogger } from "../../logger.ts";
import { smtpConfigFromUrl } from "../email/index.ts";
import { closeSmtpTransports } from "../email/smtp.ts";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, withApiKey, type TestApp } from "../../../test/http.ts";
import { startSmtpServer, type TestSmtpServer } from "../../../test/mail-servers.ts";
import { setDeliveryConfig } from "./delivery.ts";

type Invitation = { id: string; surveyId: string; status: string; reason?: string; url?: string };

describeEachBackend("surveys: the verification contract", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: ReturnType<typeof withApiKey>;
  let worker: Worker;
  let smtp: TestSmtpServer;
  let surveyId: string;

  beforeAll(async () => {
    const db = database().db;
    smtp = await startSmtpServer();
    setDeliveryConfig({
      smtp: smtpConfigFromUrl(`smtp://help%40acme.test:pw@127.0.0.1:${smtp.port}`)!,
      publicUrl: "http://rapport.test",
    });
    app = buildTestApp(database());
    org = await buildOrg(db);
    admin = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "a", ["admin"])).key,
    );
    worker = startWorker(
      { db, queue: new Queue(db), logger: createLogger("silent") },
      JOB_DEFINITIONS,
      { pollMs: 60_000 },
    );
  });
  afterAll(async () => {
    await worker.stop();
    closeSmtpTransports();
    await smtp.stop();
    setDeliveryConfig(undefined);
  });

  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  const ingest = async (
    status: "resolved" | "open",
    email: string,
    channel = "email",
    complaint = "My parcel is late again.",
  ) => {
    const res = await admin("POST", "/api/v1/interactions", {
      conversations: [
        {
          externalId: randomUUID(),
          source: "contract",
          channel,
          status,
          customer: { externalId: email, name: "Riley", email },
          agent: { externalId: "a-1", name: "Ada Agent" },
          messages: [
            // Recent: a complaint in a conversation that ended weeks ago is history (resolved case).
            { role: "customer", text: complaint, ts: hoursAgo(2) },
            { role: "agent", text: "Sorry, I have rebooked it.", ts: hoursAgo(1.9) },
          ],
        },
      ],
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { id: string }[] }).results[0]!.id;
  };
  const invitationsOf = async (id: string) => {
    await worker.drain();
    const res = await admin("GET", `/api/v1/survey-invitations?conversationId=${id}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Invitation[] }).items;
  };
  /** The next email whose text contains `needle` (earlier ones are skipped). */
  const mailWith = async (needle: string) => {
    for (;;) {
      const mail = await simpleParser((await smtp.nextMail()).raw);
      if (mail.text?.includes(needle)) return mail;
    }
  };
  const path = (url: string) => new URL(url).pathname;
  const post = (url: string, body: unknown) =>
    app.request(path(url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const count = async (table: string) =>
    Number(
      (
        await queryRows<{ n: number }>(
          database().db,
          sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${org.orgId}`,
        )
      )[0]!.n,
    );

  it("creates a CSAT survey with defaults from the minimal body", async () => {
    const res = await admin("POST", "/api/v1/surveys", {
      name: "After resolution",
      type: "csat",
      trigger: { event: "conversation_resolved" },
    });
    expect(res.status).toBe(201);
    const survey = (await res.json()) as {
      id: string;
      questions: unknown[];
      rules: { minIntervalDays: number };
    };
    surveyId = survey.id;
    expect(survey.questions.length).toBeGreaterThan(0);
  });

  it("invites the customer of a resolved conversation, by email, with a working link", async () => {
    const id = await ingest("resolved", "riley@example.test");
    const [inv] = await invitationsOf(id);
    expect(inv).toMatchObject({ surveyId, status: "sent" });
    expect(inv!.url).toMatch(/^http:\/\/rapport\.test\/s\//);
    const mail = await mailWith(inv!.url!);
    expect(mail.text).toContain(`${inv!.url}?score=1`);
    const page = await app.request(path(inv!.url!));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).not.toMatch(/<script/i);
  });

  it("records an answer once, updates it on resubmission, and opens one follow-up for a low score", async () => {
    const id = await ingest("resolved", "sam@example.test");
    const [inv] = await invitationsOf(id);
    const first = await post(inv!.url!, {
      score: 1,
      comment: "<script>alert(1)</script> Took three calls.",
    });
    expect(first.status).toBe(201);
    const again = await post(inv!.url!, { score: 2 });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(
      ((await first.json()) as { id: string }).id,
    );
    const rows = await queryRows<{ n: number; score: number }>(
      database().db,
      sql`select count(*)::int as n, max(score) as score from survey_responses where conversation_id = ${id}`,
    );
    expect(rows[0]).toMatchObject({ n: 1, score: 2 });
    const html = await (await app.request(path(inv!.url!))).text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    const res = await admin("GET", `/api/v1/follow-ups?conversationId=${id}`);
    const { items } = (await res.json()) as {
      items: { id: string; status: string; dueAt: string }[];
    };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: "open" });
    expect(Date.parse(items[0]!.dueAt)).toBeGreaterThan(Date.now());

    const closed = await admin("POST", `/api/v1/follow-ups/${items[0]!.id}/close`, {
      action: "called_back",
      outcome: "Rebooked with a courier and refunded shipping.",
    });
    expect(closed.status).toBe(200);
    await worker.drain();
    const mail = await mailWith("You told us");
    expect(mail.text).toContain("We called you back: Rebooked");
    const after = await admin("GET", `/api/v1/follow-ups?conversationId=${id}`);
    const [f] = (
      (await after.json()) as { items: { status: string; customerNotifiedAt: string | null }[] }
    ).items;
    expect(f).toMatchObject({ status: "closed" });
    expect(f!.customerNotifiedAt).not.toBeNull();
    expect(
      await errorCode(
        await admin("POST", `/api/v1/follow-ups/${items[0]!.id}/close`, {
          action: "fixed",
          outcome: "again",
        }),
      ),
    ).toBe("FOLLOW_UP_CLOSED");

    // A call back was not enough: the follow-up becomes a complaint case, once.
    const opened = await admin("POST", `/api/v1/follow-ups/${items[0]!.id}/case`);
    expect(opened.status).toBe(201);
    const made = (await opened.json()) as { id: string; reference: string };
    const reopened = await admin("POST", `/api/v1/follow-ups/${items[0]!.id}/case`);
    expect(reopened.status).toBe(200);
    expect(((await reopened.json()) as { id: string }).id).toBe(made.id);
    const listed = await admin("GET", `/api/v1/cases?conversationId=${id}`);
    const cases = ((await listed.json()) as { items: { id: string; reference: string }[] }).items;
    expect(cases.map((c) => c.id)).toEqual([made.id]);
    const missing = await admin("POST", `/api/v1/follow-ups/${randomUUID()}/case`);
    expect(missing.status).toBe(404);
  });

  it("lists open follow-ups first, the one due soonest on top, and filters by status", async () => {
    const lowAnswer = async (email: string) => {
      const [inv] = await invitationsOf(await ingest("resolved", email));
      expect((await post(inv!.url!, { score: 1 })).status).toBe(201);
    };
    await lowAnswer("kim@example.test");
    await lowAnswer("lee@example.test");
    const list = async (query = "") =>
      (
        (await (await admin("GET", `/api/v1/follow-ups${query}`)).json()) as {
          items: { id: string; status: string; dueAt: string }[];
        }
      ).items;
    const open = await list("?status=open");
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open.every((f) => f.status === "open")).toBe(true);
    const dues = open.map((f) => Date.parse(f.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    // The earlier test closed one: closed ones come after every open one.
    const all = await list();
    const statuses = all.map((f) => f.status);
    expect(statuses).toContain("closed");
    expect(statuses.indexOf("closed")).toBe(open.length);
    expect((await list("?status=closed")).every((f) => f.status === "closed")).toBe(true);
  });

  it("suppresses a second invitation to the same customer within the cooldown", async () => {
    // Both announced before any listener runs: the older resolution is invited, whatever the
    // order in which the two jobs are handled.
    const first = await ingest("resolved", "pat@example.test");
    const second = await ingest("resolved", "pat@example.test");
    expect((await invitationsOf(first))[0]).toMatchObject({ status: "sent" });
    const [inv] = await invitationsOf(second);
    expect(inv).toMatchObject({ status: "suppressed", reason: "cooldown" });
    expect(inv!.url).toBeUndefined();
    const report = await admin("GET", "/api/v1/survey-reports/budget");
    const body = (await report.json()) as {
      invited: number;
      suppressed: { reason: string; count: number }[];
    };
    expect(body.suppressed.find((s) => s.reason === "cooldown")!.count).toBeGreaterThanOrEqual(1);
  });

  it("does not survey a customer whose complaint opened a case, even in the same announcement", async () => {
    const id = await ingest(
      "resolved",
      "angry@example.test",
      "email",
      "This is the third time my order is wrong. I am furious and I want to speak to a manager now.",
    );
    const [inv] = await invitationsOf(id);
    expect(inv).toMatchObject({ status: "suppressed", reason: "open_case" });
    const cases = await admin("GET", `/api/v1/cases?conversationId=${id}`);
    expect(((await cases.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it("decides when PATCH resolves a conversation, once however often it is announced", async () => {
    const id = await ingest("open", "kim@example.test");
    expect(await invitationsOf(id)).toEqual([]);
    const res = await admin("PATCH", `/api/v1/conversations/${id}`, { status: "resolved" });
    expect(res.status).toBe(200);
    expect(await invitationsOf(id)).toHaveLength(1);
    await admin("PATCH", `/api/v1/conversations/${id}`, { status: "open" });
    await admin("PATCH", `/api/v1/conversations/${id}`, { status: "resolved" });
    expect(await invitationsOf(id)).toHaveLength(1);
  });

  it("does not survey an excluded conversation", async () => {
    const id = await ingest("open", "lee@example.test");
    expect(
      (await admin("PUT", `/api/v1/conversations/${id}/survey-exclusion`, { excluded: true }))
        .status,
    ).toBe(200);
    await admin("PATCH", `/api/v1/conversations/${id}`, { status: "resolved" });
    const [inv] = await invitationsOf(id);
    expect(inv).toMatchObject({ status: "suppressed", reason: "excluded" });
  });

  it("refuses bad survey definitions with 400 and stores nothing", async () => {
    const before = await count("surveys");
    for (const body of [
      { name: "Empty", type: "custom", trigger: { event: "conversation_resolved" }, questions: [] },
      { name: "Empty2", type: "custom", trigger: { event: "conversation_resolved" } },
      { name: "Fax", type: "csat", trigger: { event: "conversation_resolved", channels: ["fax"] } },
      {
        name: "Team",
        type: "csat",
        trigger: { event: "conversation_resolved", teams: [randomUUID()] },
      },
      { name: "Odd", type: "csat", trigger: { event: "on_a_whim" } },
    ]) {
      const res = await admin("POST", "/api/v1/surveys", body);
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe("VALIDATION_FAILED");
    }
    const dup = await admin("POST", "/api/v1/surveys", {
      name: "After resolution",
      type: "nps",
      trigger: { event: "manual" },
    });
    expect(await errorCode(dup)).toBe("SURVEY_NAME_TAKEN");
    expect(await count("surveys")).toBe(before);
  });
});

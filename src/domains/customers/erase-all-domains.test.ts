import { afterAll, beforeAll, expect, it } from "vitest";
import { JOB_DEFINITIONS } from "../../jobs/registry.ts";
import { Queue } from "../../jobs/queue.ts";
import { startWorker, type Worker } from "../../jobs/worker.ts";
import { createLogger } from "../../logger.ts";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, withApiKey, type TestApp } from "../../../test/http.ts";
import { everyRowAsText } from "../../../test/db-scan.ts";

/**
 * Erasure reaches what the other domains built on the customer's conversation: the complaint case
 * and its history, the survey invitation, answer and follow-up, the QA evaluation.
 */
describeEachBackend("erasing a customer across every domain", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let worker: Worker;
  let admin: ReturnType<typeof withApiKey>;
  const name = "Ottoline Brackenbury-Fitch";
  const email = "ottoline.brackenbury@example.test";
  const phrase = "the ruined tangerine sofa";
  let conversationId = "";

  beforeAll(async () => {
    const db = database().db;
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
  });

  it("leaves no trace of the customer in any table after cases, surveys and QA used them", async () => {
    const survey = await admin("POST", "/api/v1/surveys", {
      name: "CSAT",
      type: "csat",
      trigger: { event: "conversation_resolved" },
    });
    expect(survey.status).toBe(201);
    const res = await admin("POST", "/api/v1/interactions", {
      conversations: [
        {
          externalId: "erase-all-1",
          source: "erase",
          channel: "email",
          status: "resolved",
          customer: { externalId: "otto", name, email },
          agent: { externalId: "a-1", name: "Ada Agent" },
          messages: [
            {
              role: "customer",
              text: `This is unacceptable, ${phrase} arrived broken twice. I want to speak to a manager.`,
              ts: new Date(Date.now() - 3_600_000).toISOString(),
            },
            {
              role: "agent",
              text: "I'm so sorry. I will escalate this to my manager today.",
              ts: new Date(Date.now() - 3_000_000).toISOString(),
            },
          ],
        },
      ],
    });
    expect(res.status).toBe(200);
    conversationId = ((await res.json()) as { results: { id: string }[] }).results[0]!.id;
    await worker.drain();

    const before = await everyRowAsText(database().db);
    const about = (text: string) => text.includes(conversationId) || text.includes(email);
    const tables = new Set(before.filter((r) => about(r.text)).map((r) => r.table));
    // The other domains did use this customer: otherwise the test would prove nothing.
    for (const t of ["cases", "survey_invitations", "qa_evaluations"]) expect(tables).toContain(t);

    const customerId = (
      (await (await admin("GET", `/api/v1/conversations/${conversationId}`)).json()) as {
        conversation: { customer: { id: string } | null };
      }
    ).conversation.customer!.id;
    expect((await admin("DELETE", `/api/v1/customers/${customerId}`)).status).toBe(204);
    const after = await everyRowAsText(database().db);
    const traces = after.filter(
      (r) =>
        [name, email, phrase, conversationId].some((s) => r.text.includes(s)) ||
        (r.text.includes(customerId) && r.table !== "audit_log"),
    );
    expect(traces.map((t) => t.table)).toEqual([]);
  });
});

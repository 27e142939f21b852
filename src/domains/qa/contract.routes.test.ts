import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { Queue } from "../../jobs/queue.ts";
import { JOB_DEFINITIONS } from "../../jobs/registry.ts";
import { startWorker, type Worker } from "../../jobs/worker.ts";
import { createLogger } from "../../logger.ts";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, withApiKey, type TestApp } from "../../../test/http.ts";

interface QaItem {
  scorecardId: string;
  version: number;
  kind: string;
  score: number | null;
  criteria: {
    key: string;
    answer: string;
    confidence?: number;
    agentId: string | null;
    evidence: { messageId: string; start: number; end: number; text: string }[];
  }[];
}

/** The verification contract other tools read: GET /scorecards and GET /conversations/{id}/qa. */
describeEachBackend("QA verification contract", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let worker: Worker;
  let ingest: ReturnType<typeof withApiKey>;
  let read: ReturnType<typeof withApiKey>;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    ingest = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "i", ["ingest"])).key,
    );
    read = withApiKey(app, (await createApiKey(db, org.orgId, { kind: "cli" }, "r", ["read"])).key);
    worker = startWorker(
      { db, queue: new Queue(db), logger: createLogger("silent") },
      JOB_DEFINITIONS,
      {
        pollMs: 60_000,
      },
    );
  });
  afterAll(async () => worker.stop());

  it("lists the three starter scorecards in the contract's shape to a read key", async () => {
    const res = await read("GET", "/api/v1/scorecards");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    expect(items.map((i) => (i.channels as string[])[0]).sort()).toEqual([
      "chat",
      "email",
      "phone",
    ]);
    for (const item of items) {
      expect(item).toMatchObject({ version: 1, status: "published" });
      expect(typeof item.id).toBe("string");
      expect(typeof item.name).toBe("string");
      const criteria = item.criteria as { key: string; name: string; auto: boolean }[];
      expect(criteria.find((c) => c.key === "greeting")).toMatchObject({ auto: true });
      expect(criteria.find((c) => c.key === "correct_information")).toMatchObject({ auto: false });
    }
  });

  it("has the automatic result of a new conversation once its jobs have run", async () => {
    const started = Date.now();
    const res = await ingest("POST", "/api/v1/interactions", {
      conversations: [
        {
          externalId: "qa-1",
          source: "widget",
          channel: "chat",
          customer: { externalId: "c-1" },
          agent: { externalId: "a-9", name: "Avery" },
          messages: [
            {
              role: "customer",
              text: "My parcel never arrived and nobody called me back.",
              ts: "2026-11-02T09:00:00Z",
            },
            {
              role: "agent",
              text: "Hello, thank you for contacting us. I'm sorry to hear that.",
              ts: "2026-11-02T09:01:00Z",
            },
            {
              role: "agent",
              text: "That's the courier's fault, nothing I can do.",
              ts: "2026-11-02T09:02:00Z",
            },
            {
              role: "agent",
              text: "I'll send a replacement within 24 hours. Have a great day!",
              ts: "2026-11-02T09:03:00Z",
            },
          ],
        },
      ],
    });
    expect(res.status).toBe(200);
    const id = ((await res.json()) as { results: { id: string }[] }).results[0]!.id;
    await worker.drain();
    expect(Date.now() - started).toBeLessThan(30_000);

    const qa = await read("GET", `/api/v1/conversations/${id}/qa`);
    expect(qa.status).toBe(200);
    const { items } = (await qa.json()) as { items: QaItem[] };
    expect(items).toHaveLength(1);
    const auto = items[0]!;
    expect(auto).toMatchObject({ kind: "auto", version: 1 });
    expect(auto.score).toBeGreaterThanOrEqual(0);
    expect(auto.score).toBeLessThanOrEqual(100);
    const by = new Map(auto.criteria.map((c) => [c.key, c]));
    expect(by.get("greeting")?.answer).toBe("pass");
    expect(by.get("empathy_on_complaint")?.answer).toBe("pass");
    expect(by.get("no_blame_shifting")?.answer).toBe("fail");
    expect(by.get("promise_with_due")?.answer).toBe("pass");
    expect(by.get("closing")?.answer).toBe("pass");
    expect(by.get("correct_information")?.answer).toBe("pending");
    const blame = by.get("no_blame_shifting")!;
    expect(blame.evidence[0]!.text.toLowerCase()).toContain("fault");
    expect(blame.confidence).toBeGreaterThan(0);
    // Each span is an exact slice of the message it names.
    const texts = await queryRows<{ id: string; text: string; agent_id: string }>(
      database().db,
      sql`select id, text, agent_id from messages where org_id = ${org.orgId} and conversation_id = ${id}`,
    );
    for (const c of auto.criteria)
      for (const e of c.evidence) {
        const m = texts.find((t) => t.id === e.messageId)!;
        expect(m.text.slice(e.start, e.end)).toBe(e.text);
      }
    expect(blame.agentId).toBe(texts.find((t) => t.id === blame.evidence[0]!.messageId)!.agent_id);

    // Scoring again (a re-analysis announces the conversation again) changes nothing.
    const before = await queryRows<{ updated_at: string }>(
      database().db,
      sql`select updated_at::text from qa_evaluations where org_id = ${org.orgId} and conversation_id = ${id}`,
    );
    await new Queue(database().db).enqueue("qa.score-conversations", {
      orgId: org.orgId,
      conversationIds: [id],
    });
    await worker.drain();
    const after = await queryRows<{ updated_at: string }>(
      database().db,
      sql`select updated_at::text from qa_evaluations where org_id = ${org.orgId} and conversation_id = ${id}`,
    );
    expect(after).toEqual(before);
  });

  describe("coverage", () => {
    it("scores short, customer-only and old conversations too", async () => {
      const res = await ingest("POST", "/api/v1/interactions", {
        conversations: [
          {
            externalId: "qa-old",
            source: "import",
            channel: "email",
            customer: { externalId: "c-2" },
            messages: [{ role: "customer", text: "Hi?", ts: "2019-01-01T00:00:00Z" }],
          },
        ],
      });
      const id = ((await res.json()) as { results: { id: string }[] }).results[0]!.id;
      await worker.drain();
      const { items } = (await (await read("GET", `/api/v1/conversations/${id}/qa`)).json()) as {
        items: QaItem[];
      };
      expect(items).toHaveLength(1);
      expect(items[0]!.score).toBeNull();
      expect(items[0]!.criteria.find((c) => c.key === "greeting")?.answer).toBe("na");
    });
  });
});

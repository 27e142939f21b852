import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { Queue } from "../../jobs/queue.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, withApiKey } from "../../../test/http.ts";
import { runQueuedJobs } from "../../../test/jobs.ts";
import { createApiKey } from "../orgs/index.ts";

interface CaseItem {
  id: string;
  title: string;
}

/** The complaint listener over ingested batches: which conversations get a case, and when. */
describeEachBackend("cases opened from ingested conversations", ({ database }) => {
  let org: TestOrg;
  let api: ReturnType<typeof withApiKey>;
  const drain = () => runQueuedJobs(database().db);

  beforeAll(async () => {
    const db = database().db;
    org = await buildOrg(db);
    api = withApiKey(
      buildTestApp(database()),
      (await createApiKey(db, org.orgId, { kind: "cli" }, "k", ["ingest", "read", "write"])).key,
    );
  });

  it("opens one case per complaining conversation of a batch, each from its own messages", async () => {
    const complaint = (n: number, subject: string) => ({
      externalId: `batch-${n}`,
      source: "contract",
      channel: "chat",
      subject,
      customer: { externalId: `batch-cust-${n}`, name: `Customer ${n}` },
      messages: [
        {
          role: "customer",
          text: `${subject}: this is ridiculous and nobody helps. I want to speak to a manager now!`,
          ts: "2026-11-03T09:00:00Z",
        },
      ],
    });
    const calm = {
      externalId: "batch-calm",
      source: "contract",
      channel: "chat",
      customer: { externalId: "batch-cust-calm", name: "Calm" },
      messages: [
        { role: "customer", text: "What are your opening hours?", ts: "2026-11-03T09:00:00Z" },
      ],
    };
    const body = {
      conversations: [complaint(1, "Parcel lost"), calm, complaint(2, "Refund refused")],
    };
    const res = await api("POST", "/api/v1/interactions", body);
    expect(res.status).toBe(200);
    const ids = ((await res.json()) as { results: { id: string }[] }).results.map((r) => r.id);
    await drain();
    await new Queue(database().db).enqueue("conversations.changed", {
      orgId: org.orgId,
      conversationIds: ids,
    });
    await drain();
    const titles = [];
    for (const id of ids) {
      const { items } = (await (await api("GET", `/api/v1/cases?conversationId=${id}`)).json()) as {
        items: (CaseItem & { title: string })[];
      };
      titles.push(items.map((c) => c.title));
    }
    expect(titles).toEqual([["Parcel lost"], [], ["Refund refused"]]);
  });

  it("opens on a complaint alone only once it reaches the org's complaint-score threshold", async () => {
    const db = database().db;
    const post = async (n: number) => {
      const res = await api("POST", "/api/v1/interactions", {
        conversations: [
          {
            externalId: `scored-${n}`,
            source: "contract",
            channel: "chat",
            customer: { externalId: `scored-cust-${n}`, name: "Sam" },
            messages: [
              {
                role: "customer",
                text: "My order arrived broken and nobody has fixed it, this is unacceptable.",
                ts: "2026-11-04T09:00:00Z",
              },
            ],
          },
        ],
      });
      await drain();
      const id = ((await res.json()) as { results: { id: string }[] }).results[0]!.id;
      const { items } = (await (await api("GET", `/api/v1/cases?conversationId=${id}`)).json()) as {
        items: CaseItem[];
      };
      return items.length;
    };
    // No escalation request, threat or vulnerability: no case without a threshold.
    expect(await post(1)).toBe(0);
    await db.execute(sql`update organizations set settings = coalesce(settings, '{}'::jsonb)
      || '{"cases": {"autoOpenComplaintScore": 0.5}}'::jsonb where id = ${org.orgId}`);
    try {
      expect(await post(2)).toBe(1);
    } finally {
      await db.execute(
        sql`update organizations set settings = settings - 'cases' where id = ${org.orgId}`,
      );
    }
  });
});

import { beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.ts";
import { ENGINE_VERSION } from "../../analysis/index.ts";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs, withApiKey, type TestApp } from "../../../test/http.ts";
import { runQueuedJobs } from "../../../test/jobs.ts";

interface Results {
  results: {
    externalId: string | null;
    status: string;
    id?: string;
    error?: { code: string; message: string };
  }[];
}

function conversation(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    source: "helpdesk",
    channel: "chat",
    customer: { externalId: "cust-1", name: "Casey" },
    agent: { externalId: "agent-7", name: "Ada" },
    messages: [
      {
        role: "customer",
        text: "My card 4111 1111 1111 1111 was charged twice!",
        ts: "2026-11-01T10:00:00Z",
      },
      {
        role: "agent",
        text: "I'm sorry about that, let me refund the duplicate.",
        ts: "2026-11-01T10:01:00Z",
      },
    ],
    ...overrides,
  };
}

describeEachBackend("POST /api/v1/interactions", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let ingest: ReturnType<typeof withApiKey>;
  let ingestOther: ReturnType<typeof withApiKey>;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    other = await buildOrg(db);
    ingest = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "ingest", ["ingest", "read"])).key,
    );
    ingestOther = withApiKey(
      app,
      (await createApiKey(db, other.orgId, { kind: "cli" }, "ingest", ["ingest"])).key,
    );
  });

  const post = async (call: ReturnType<typeof withApiKey>, conversations: unknown[]) => {
    const res = await call("POST", "/api/v1/interactions", { conversations });
    return { status: res.status, body: (await res.json()) as Results };
  };
  const count = async (table: "conversations" | "messages", orgId = org.orgId) =>
    (
      await queryRows<{ n: number }>(
        database().db,
        sql`select count(*)::int as n from ${sql.raw(table)} where org_id = ${orgId}`,
      )
    )[0]!.n;

  it("stores concurrent batches that name the same new agents, customers and conversations in opposite orders", async () => {
    for (let round = 0; round < 4; round++) {
      const items = Array.from({ length: 300 }, (_, i) =>
        conversation(`race-${round}-${i}`, {
          customer: { externalId: `race-cust-${round}-${i}`, name: `Customer ${i}` },
          agent: { externalId: `race-agent-${round}-${i}`, name: `Agent ${i}` },
          team: `Race team ${round}-${i % 5}`,
        }),
      );
      const answers = await Promise.all([
        post(ingest, items),
        post(ingest, [...items].reverse()),
        post(ingest, items.slice(10).concat(items.slice(0, 10))),
      ]);
      for (const { status, body } of answers) {
        expect(status, JSON.stringify(body)).toBe(200);
        expect(body.results.every((r) => r.status !== "rejected")).toBe(true);
      }
    }
    const stored = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from conversations
          where org_id = ${org.orgId} and external_id like 'race-%'`,
    );
    expect(stored[0]!.n).toBe(4 * 300);
  });

  it("creates conversations and answers one result per item, in order", async () => {
    const before = await count("conversations");
    const { status, body } = await post(ingest, [
      conversation("t-1"),
      conversation("t-2", { channel: "email", subject: "Refund" }),
    ]);
    expect(status).toBe(200);
    expect(body.results.map((r) => [r.externalId, r.status])).toEqual([
      ["t-1", "created"],
      ["t-2", "created"],
    ]);
    expect(await count("conversations")).toBe(before + 2);
  });

  it("changes nothing when the same batch is sent again", async () => {
    const messages = await count("messages");
    const { body } = await post(ingest, [
      conversation("t-1"),
      conversation("t-2", { channel: "email", subject: "Refund" }),
    ]);
    expect(body.results.map((r) => r.status)).toEqual(["unchanged", "unchanged"]);
    expect(await count("messages")).toBe(messages);
  });

  it("appends new messages of a known conversation in timestamp order", async () => {
    const first = await post(ingest, [conversation("t-3")]);
    const id = first.body.results[0]!.id!;
    const { body } = await post(ingest, [
      conversation("t-3", {
        status: "resolved",
        messages: [
          { role: "customer", text: "Thanks, that fixed it.", ts: "2026-11-01T10:05:00Z" },
          { role: "agent", text: "Refund issued, it shows in 3 days.", ts: "2026-11-01T10:03:00Z" },
          {
            role: "customer",
            text: "My card 4111 1111 1111 1111 was charged twice!",
            ts: "2026-11-01T10:00:00Z",
          },
        ],
      }),
    ]);
    expect(body.results[0]).toMatchObject({ status: "updated", id });
    const rows = await queryRows<{ seq: number; text: string }>(
      database().db,
      sql`select seq, text from messages where org_id = ${org.orgId} and conversation_id = ${id} order by seq`,
    );
    expect(rows.map((r) => r.text)).toEqual([
      "My card [CARD] was charged twice!",
      "I'm sorry about that, let me refund the duplicate.",
      "Refund issued, it shows in 3 days.",
      "Thanks, that fixed it.",
    ]);
    const conv = await queryRows<{ message_count: number; status: string; ended_at: Date | null }>(
      database().db,
      sql`select message_count, status, ended_at from conversations where org_id = ${org.orgId} and id = ${id}`,
    );
    expect(conv[0]).toMatchObject({ message_count: 4, status: "resolved" });
    expect(new Date(conv[0]!.ended_at!).toISOString()).toBe("2026-11-01T10:05:00.000Z");
  });

  it("redacts card numbers before storage and counts the redactions", async () => {
    const rows = await queryRows<{ text: string; redactions: number }>(
      database().db,
      sql`select text, redactions from messages where org_id = ${org.orgId} and role = 'customer' and text like 'My card%' limit 1`,
    );
    expect(rows[0]).toEqual({ text: "My card [CARD] was charged twice!", redactions: 1 });
    const leaked = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from messages where text like '%4111%'`,
    );
    expect(leaked[0]!.n).toBe(0);
  });

  it("rejects each malformed item with its reason and stores the rest", async () => {
    const { status, body } = await post(ingest, [
      conversation("bad-channel", { channel: "fax" }),
      conversation("ok-1"),
      {
        externalId: "bad-role",
        source: "helpdesk",
        channel: "chat",
        customer: { externalId: "c" },
        messages: [{ role: "robot", text: "x", ts: "2026-11-01T10:00:00Z" }],
      },
      conversation("bad-ts", { messages: [{ role: "customer", text: "hi", ts: "yesterday" }] }),
      "not an object",
      conversation("ok-1"),
    ]);
    expect(status).toBe(200);
    expect(body.results.map((r) => r.status)).toEqual([
      "rejected",
      "created",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
    ]);
    expect(body.results[0]!.error!.message).toContain("channel");
    expect(body.results[2]!.error!.message).toContain("messages[0].role");
    expect(body.results[3]!.error!.message).toContain("messages[0].ts");
    expect(body.results[4]!.externalId).toBeNull();
    expect(body.results[5]!.error!.code).toBe("DUPLICATE_IN_BATCH");
  });

  it("answers 400 naming the field when no item is valid", async () => {
    const res = await ingest("POST", "/api/v1/interactions", {
      conversations: [conversation("x", { channel: "fax" })],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain("conversations[0].channel");
  });

  it("refuses more than 1,000 conversations and bodies over 10 MB", async () => {
    const many = await ingest("POST", "/api/v1/interactions", {
      conversations: Array.from({ length: 1001 }, (_, i) => conversation(`m-${i}`)),
    });
    expect(many.status).toBe(400);
    const huge = await ingest("POST", "/api/v1/interactions", {
      conversations: [conversation("huge", { metadata: { blob: "x".repeat(10.5 * 1024 * 1024) } })],
    });
    expect(huge.status).toBe(413);
    expect(await errorCode(huge)).toBe("PAYLOAD_TOO_LARGE");
  });

  it("keeps tenants apart: the same external id in two organizations is two conversations", async () => {
    const mine = await post(ingest, [conversation("shared-id")]);
    const theirs = await post(ingestOther, [conversation("shared-id")]);
    expect(theirs.body.results[0]!.status).toBe("created");
    expect(theirs.body.results[0]!.id).not.toBe(mine.body.results[0]!.id);
    const admin = await loginAs(app, other.users.admin.email);
    expect(
      (await admin.request("GET", `/api/v1/conversations/${mine.body.results[0]!.id}`)).status,
    ).toBe(404);
  });

  it("needs the ingest scope", async () => {
    const readOnly = withApiKey(
      app,
      (await createApiKey(database().db, org.orgId, { kind: "cli" }, "r", ["read"])).key,
    );
    expect(
      (await readOnly("POST", "/api/v1/interactions", { conversations: [conversation("nope")] }))
        .status,
    ).toBe(403);
  });

  it("analyses a new conversation in the transaction that stores it; an append goes through the queue and survives a crash", async () => {
    const db = database().db;
    const first = {
      role: "customer",
      text: "This is the third time I call. I want to speak to a manager!",
      ts: "2026-11-02T09:00:00Z",
    };
    const { body } = await post(ingest, [conversation("analyse-me", { messages: [first] })]);
    const id = body.results[0]!.id!;
    const analysis = () =>
      queryRows<{
        engine_version: string;
        message_count: number;
        signal_names: string[];
        satisfaction: number;
      }>(
        db,
        sql`select engine_version, message_count, signal_names, satisfaction from conversation_analyses where org_id = ${org.orgId} and conversation_id = ${id}`,
      );
    const queuedJobs = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from jobs where name = 'ingest.analyze' and state = 'queued' and payload->'conversationIds' @> jsonb_build_array(${id}::text)`,
        )
      )[0]!.n;
    // Analysed before the 200: no job was needed.
    expect(await analysis()).toMatchObject([{ engine_version: ENGINE_VERSION, message_count: 1 }]);
    expect(await queuedJobs()).toBe(0);

    const reply = {
      role: "agent",
      text: "I'm so sorry. I'll call you back within 24 hours.",
      ts: "2026-11-02T09:01:00Z",
    };
    await post(ingest, [conversation("analyse-me", { messages: [first, reply] })]);
    // Nothing ran yet: the job is durable in the queue (as after a crash right after the 200).
    expect(await queuedJobs()).toBe(1);
    expect((await analysis())[0]!.message_count).toBe(1);
    await runQueuedJobs(db);
    const [conv] = await analysis();
    expect(conv!.message_count).toBe(2);
    expect(conv!.signal_names).toEqual(
      expect.arrayContaining(["escalation_request", "repeat_contact", "promise"]),
    );
    expect(conv!.satisfaction).toBeGreaterThanOrEqual(1);
    const perMessage = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from message_analyses where org_id = ${org.orgId} and conversation_id = ${id}`,
    );
    expect(perMessage[0]!.n).toBe(2);
  });
});

describeEachBackend("ingest metadata comparison", ({ database }) => {
  it("treats metadata with the same content in another key order as unchanged", async () => {
    const db = database().db;
    const app = buildTestApp(database());
    const org = await buildOrg(db);
    const call = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "k", ["ingest"])).key,
    );
    const item = (metadata: Record<string, unknown>) => ({ ...conversation("meta-1"), metadata });
    await call("POST", "/api/v1/interactions", {
      conversations: [item({ zeta: 1, alpha: { y: 2, b: [3, { d: 4, c: 5 }] } })],
    });
    const again = await call("POST", "/api/v1/interactions", {
      conversations: [item({ alpha: { b: [3, { c: 5, d: 4 }], y: 2 }, zeta: 1 })],
    });
    expect(((await again.json()) as Results).results[0]!.status).toBe("unchanged");
    const changed = await call("POST", "/api/v1/interactions", {
      conversations: [item({ alpha: { b: [4], y: 2 }, zeta: 1 })],
    });
    expect(((await changed.json()) as Results).results[0]!.status).toBe("updated");
  });
});

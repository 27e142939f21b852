import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../db/client.ts";
import { createApiKey } from "../domains/orgs/index.ts";
import { describeEachBackend } from "../../test/db.ts";
import { buildOrg, type TestOrg } from "../../test/factories.ts";
import { buildTestApp, loginAs, withApiKey, type Session, type TestApp } from "../../test/http.ts";

/**
 * Regression tests for the malformed requests that answered 5xx (issue 12): each answers a 4xx
 * naming the field, or is stored safely, on both databases.
 */

const NUL = "a\u0000b";
const LONE = "a\ud800b";

interface ErrorBody {
  error: { code: string; message: string };
  requestId: string;
}
interface Results {
  results: {
    externalId: string | null;
    status: string;
    error?: { code: string; message: string };
  }[];
}

function item(externalId: string) {
  return {
    externalId,
    source: "hygiene",
    channel: "chat",
    customer: { externalId: "c-1", name: "Casey", email: "casey@example.test" },
    agent: { externalId: "a-1", name: "Ada" },
    team: "Billing",
    subject: "Order",
    metadata: { plan: "pro" },
    messages: [
      {
        role: "customer",
        text: "Where is my order?",
        rawText: "Where is my order?",
        ts: "2026-11-01T10:00:00Z",
        externalId: `${externalId}-m1`,
        agentExternalId: "a-1",
        metadata: { lang: "en" },
      },
    ],
  };
}

type Item = ReturnType<typeof item>;

/** Each ingest field, and how to put a bad string into it. */
const INGEST_FIELDS: [string, (i: Item, bad: string) => void][] = [
  ["externalId", (i, bad) => (i.externalId = bad)],
  ["source", (i, bad) => (i.source = bad)],
  ["subject", (i, bad) => (i.subject = bad)],
  ["customer.externalId", (i, bad) => (i.customer.externalId = bad)],
  ["customer.name", (i, bad) => (i.customer.name = bad)],
  ["customer.email", (i, bad) => (i.customer.email = bad)],
  ["agent.externalId", (i, bad) => (i.agent.externalId = bad)],
  ["agent.name", (i, bad) => (i.agent.name = bad)],
  ["team", (i, bad) => (i.team = bad)],
  ["metadata.plan", (i, bad) => (i.metadata.plan = bad)],
  ["messages[0].text", (i, bad) => (i.messages[0]!.text = bad)],
  ["messages[0].rawText", (i, bad) => (i.messages[0]!.rawText = bad)],
  ["messages[0].externalId", (i, bad) => (i.messages[0]!.externalId = bad)],
  ["messages[0].agentExternalId", (i, bad) => (i.messages[0]!.agentExternalId = bad)],
  ["messages[0].metadata.lang", (i, bad) => (i.messages[0]!.metadata.lang = bad)],
];

/** A cursor in the lists' own form (lib/cursor.ts): the parts joined by "|". */
function cursorOf(parts: unknown[]): string {
  return Buffer.from(parts.join("|")).toString("base64url");
}

describeEachBackend("malformed input answers 4xx, never 5xx", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;
  let ingest: ReturnType<typeof withApiKey>;
  let n = 0;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    admin = await loginAs(app, org.users.admin.email);
    ingest = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "ingest", ["ingest", "read"])).key,
    );
  });

  const expect400 = async (res: Response, field: string) => {
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.message).toContain(field);
    expect(body.requestId).toBeTruthy();
  };

  it("rejects a NUL or lone surrogate per ingest item, naming the field, and stores the rest", async () => {
    const bad: Item[] = [];
    for (const [, put] of INGEST_FIELDS) {
      for (const s of [NUL, LONE]) {
        const i = item(`bad-${n++}`);
        put(i, s);
        bad.push(i);
      }
    }
    const keyed = item(`bad-${n++}`);
    (keyed.metadata as Record<string, string>)[LONE] = "x";
    const good = item(`good-${n++}`);
    const res = await ingest("POST", "/api/v1/interactions", {
      conversations: [...bad, keyed, good],
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as Results;
    expect(results.at(-1)?.status).toBe("created");
    INGEST_FIELDS.forEach(([field], f) => {
      for (const r of [results[2 * f]!, results[2 * f + 1]!]) {
        expect(r.status).toBe("rejected");
        expect(r.error?.code).toBe("VALIDATION_FAILED");
        expect(r.error?.message).toContain(field);
      }
    });
    expect(results.at(-2)).toMatchObject({
      status: "rejected",
      error: { code: "VALIDATION_FAILED" },
    });
    const stored = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from conversations where org_id = ${org.orgId} and source = 'hygiene'`,
    );
    expect(stored[0]!.n).toBe(1);
  });

  it("rejects ingest timestamps outside the years 1900 to 9999 per item", async () => {
    const old = item(`old-${n++}`);
    old.messages[0]!.ts = "0000-01-01T00:00:00Z";
    const res = await ingest("POST", "/api/v1/interactions", {
      conversations: [old, item(`fine-${n++}`)],
    });
    const { results } = (await res.json()) as Results;
    expect(results[0]).toMatchObject({ status: "rejected" });
    expect(results[0]!.error?.message).toContain("messages[0].ts");
    expect(results[1]!.status).toBe("created");
  });

  it("refuses a body nested deeper than 64 levels before parsing it", async () => {
    // JSON.stringify itself would overflow at this depth: build the text by hand.
    const raw = JSON.stringify({ conversations: [item("x")] }).replace(
      '"metadata":{"plan":"pro"}',
      `"metadata":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`,
    );
    const res = await app.request("/api/v1/interactions", {
      method: "POST",
      headers: { ...(await keyHeader()), "content-type": "application/json" },
      body: raw,
    });
    await expect400(res, "nested deeper than 64");
  });

  async function keyHeader() {
    const { key } = await createApiKey(database().db, org.orgId, { kind: "cli" }, "k", ["ingest"]);
    return { authorization: `Bearer ${key}` };
  }

  it("refuses NUL and lone surrogates in names and search, naming the field", async () => {
    for (const bad of [NUL, LONE]) {
      await expect400(await admin.request("POST", "/api/v1/teams", { name: bad }), "body.name");
      await expect400(
        await admin.request("POST", "/api/v1/api-keys", { name: bad, scopes: ["read"] }),
        "body.name",
      );
      await expect400(
        await admin.request("POST", "/api/v1/mailboxes", {
          name: bad,
          address: "help@example.test",
          host: "127.0.0.1",
          port: 1,
          secure: false,
          username: "u",
          password: "p",
        }),
        "body.name",
      );
      await expect400(
        await admin.request("POST", "/api/v1/webhook-sources", {
          name: bad,
          source: `s-${n++}`,
          mapping: {
            conversationExternalId: "$.id",
            "customer.externalId": "$.user",
            messages: { path: "$.m[*]", role: "customer", text: "$.t", ts: "$.ts" },
          },
        }),
        "body.name",
      );
      await expect400(
        await ingest("POST", "/api/v1/transcripts", {
          format: "srt",
          content: "1\n00:00:00,000 --> 00:00:01,000\nAgent: hello",
          externalId: bad,
        }),
        "body.externalId",
      );
    }
    await expect400(
      await admin.request("GET", `/api/v1/conversations?q=${encodeURIComponent(NUL)}`),
      "query.q",
    );
  });

  it("refuses from/to dates the database cannot store", async () => {
    for (const date of ["0000-01-01", "275760-09-13", "-000001-01-01", "1899-12-31"]) {
      await expect400(
        await admin.request("GET", `/api/v1/conversations?from=${encodeURIComponent(date)}`),
        "query.from",
      );
      await expect400(
        await admin.request("GET", `/api/v1/conversations?to=${encodeURIComponent(date)}`),
        "query.to",
      );
    }
  });

  it("answers a search of 33 or more minus signs", async () => {
    for (const q of ["-".repeat(40), `refund ${"- ".repeat(50)}order`]) {
      const res = await admin.request("GET", `/api/v1/conversations?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
    }
  });

  it("refuses cursors whose id is not a UUID or whose date is out of range", async () => {
    const id = "0b9d8e3c-4f1e-4c55-9d1a-1f2e3d4c5b6a";
    for (const cursor of [
      cursorOf(["after", "2026-01-01T00:00:00.000Z", "-".repeat(36)]),
      cursorOf(["after", "0000-01-01T00:00:00.000Z", id]),
      cursorOf(["before", "+275760-09-13T00:00:00.000Z", id]),
      cursorOf(["after", 12, id]),
      cursorOf(["after", "2026-02-30T00:00:00.000Z", id]),
      cursorOf(["sideways", "2026-01-01T00:00:00.000Z", id]),
    ]) {
      await expect400(
        await admin.request("GET", `/api/v1/conversations?cursor=${cursor}`),
        "query.cursor",
      );
    }
    // The same form with sound parts is a cursor: the refusals above are for the parts.
    const sound = cursorOf(["after", "2026-01-01T00:00:00.000Z", id]);
    expect((await admin.request("GET", `/api/v1/conversations?cursor=${sound}`)).status).toBe(200);
  });

  let authHeaders: Record<string, string> = {};
  const mime = (raw: string) =>
    app.request("/api/v1/email/mime", {
      method: "POST",
      headers: { ...authHeaders, "content-type": "message/rfc822" },
      body: raw,
    });

  it("answers 413 for MIME beyond the parser's limits (header over 1 MB, over 1,000 parts)", async () => {
    authHeaders = await keyHeader();
    const header = `From: a@example.test\r\nX-Big: ${"x".repeat(2 * 1024 * 1024)}\r\n\r\nhi\r\n`;
    const big = await mime(header);
    expect(big.status).toBe(413);
    expect(((await big.json()) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
    const parts = Array.from(
      { length: 2000 },
      (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`,
    ).join("");
    const many = await mime(
      `From: a@example.test\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`,
    );
    expect(many.status).toBe(413);
  });

  it("stores an email whose subject and body hold NUL or lone surrogates, cleaned", async () => {
    authHeaders = await keyHeader();
    const res = await mime(
      `From: Vera <vera@example.test>\r\nTo: help@example.test\r\nSubject: Refund ${NUL} ${LONE}\r\n` +
        `Message-ID: <nul-${n++}@example.test>\r\nDate: Sun, 01 Jan 0000 00:00:00 +0000\r\n\r\nHello ${NUL}\r\n`,
    );
    expect(res.status).toBe(200);
  });
});

import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { Queue } from "../../jobs/queue.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  withApiKey,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { createApiKey } from "../orgs/index.ts";
import { runQueuedJobs } from "../../../test/jobs.ts";

interface CaseItem {
  id: string;
  status: string;
  severity: string;
  version: number;
  escalationLevel: string;
  reference: string;
  title: string;
  sla: {
    firstResponseDueAt: string | null;
    resolutionDueAt: string | null;
    nextResponseDueAt: string | null;
  };
}

const WEEKDAYS = {
  mon: [["09:00", "17:00"]],
  tue: [["09:00", "17:00"]],
  wed: [["09:00", "17:00"]],
  thu: [["09:00", "17:00"]],
  fri: [["09:00", "17:00"]],
};

describeEachBackend("cases: the verification contract", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;
  let api: ReturnType<typeof withApiKey>;
  let conversationId: string;

  // A worker per drain, stopped after it: a left-over one would wake on later jobs and run them
  // beside the next drain.
  const drain = async () => {
    await runQueuedJobs(database().db);
  };

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    admin = await loginAs(app, org.users.admin.email);
    api = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "k", ["ingest", "read", "write"])).key,
    );
    const res = await api("POST", "/api/v1/interactions", {
      conversations: [
        {
          externalId: "complaint-1",
          source: "contract",
          channel: "chat",
          subject: "Charged twice",
          customer: { externalId: "cust-1", name: "Pat" },
          agent: { externalId: "a-1", name: "Ada Agent" },
          messages: [
            {
              role: "customer",
              text: "Hi, I have a question about my card.",
              ts: "2026-11-02T09:00:00Z",
            },
            {
              role: "customer",
              text: "This is ridiculous, my card was charged twice and nobody helps. I want to speak to a manager now!",
              ts: "2026-11-02T09:05:00Z",
            },
          ],
        },
      ],
    });
    expect(res.status).toBe(200);
    conversationId = ((await res.json()) as { results: { id: string }[] }).results[0]!.id;
    await drain();
  });

  it("opens a case from a complaint asking for a manager, clock from the complaint message", async () => {
    const res = await api("GET", `/api/v1/cases?conversationId=${conversationId}`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: CaseItem[] };
    expect(items).toHaveLength(1);
    const c = items[0]!;
    expect(c).toMatchObject({
      status: "new",
      severity: "high",
      version: expect.any(Number),
      escalationLevel: "team_lead",
    });
    // Default calendar (weekdays 09:00–17:00 UTC): 4 business hours from 09:05.
    expect(c.sla.firstResponseDueAt).toBe("2026-11-02T13:05:00.000Z");
    expect(c.sla.resolutionDueAt).toBe("2026-11-09T09:05:00.000Z");
  });

  it("stays one case however often the conversation is announced again", async () => {
    await new Queue(database().db).enqueue("conversations.changed", {
      orgId: org.orgId,
      conversationIds: [conversationId],
    });
    await drain();
    const { items } = (await (
      await api("GET", `/api/v1/cases?conversationId=${conversationId}`)
    ).json()) as { items: CaseItem[] };
    expect(items).toHaveLength(1);
  });

  it("records the conversation's turns: first response, then a next-response cycle per customer reply", async () => {
    const turns = [
      [
        "agent",
        "I'm sorry about the double charge, I'm looking into it now.",
        "2026-11-02T09:30:00Z",
      ],
      ["customer", "Thanks, any news on my refund?", "2026-11-02T10:00:00Z"],
      ["agent", "The refund is on its way, within 3 days.", "2026-11-02T10:45:00Z"],
    ] as const;
    for (const [role, text, ts] of turns) {
      const res = await api("POST", "/api/v1/interactions", {
        conversations: [
          {
            externalId: "complaint-1",
            source: "contract",
            channel: "chat",
            customer: { externalId: "cust-1", name: "Pat" },
            agent: { externalId: "a-1", name: "Ada Agent" },
            messages: [{ role, text, ts }],
          },
        ],
      });
      expect(res.status, await res.clone().text()).toBe(200);
      await drain();
      const listed = (await (
        await api("GET", `/api/v1/cases?conversationId=${conversationId}`)
      ).json()) as { items: CaseItem[] };
      // The customer's reply owes the next response within 480 business minutes (09:00–17:00 UTC).
      expect(listed.items[0]!.sla.nextResponseDueAt).toBe(
        role === "customer" ? "2026-11-03T10:00:00.000Z" : null,
      );
    }
    await drain();
    const { items } = (await (
      await api("GET", `/api/v1/cases?conversationId=${conversationId}`)
    ).json()) as { items: CaseItem[] };
    const detail = (await (await api("GET", `/api/v1/cases/${items[0]!.id}`)).json()) as {
      events: { type: string; at: string }[];
      clocks: { key: string; state: string; elapsedMinutes: number }[];
    };
    const turnEvents = detail.events.filter(
      (e) => e.type === "responded" || e.type === "customer_replied",
    );
    expect(turnEvents.map((e) => [e.type, e.at])).toEqual([
      ["responded", "2026-11-02T09:30:00.000Z"],
      ["customer_replied", "2026-11-02T10:00:00.000Z"],
      ["responded", "2026-11-02T10:45:00.000Z"],
    ]);
    expect(detail.clocks.find((c) => c.key === "first_response")).toMatchObject({ state: "met" });
    expect(detail.clocks.find((c) => c.key === "next_response")).toMatchObject({
      state: "met",
      elapsedMinutes: 45,
    });
  });

  it("keeps a complaint from an old, finished conversation as a resolved case, and a recent one in the queue", async () => {
    const complaint = (externalId: string, ts: Date) => ({
      externalId,
      source: "contract",
      channel: "chat",
      status: "resolved",
      customer: { externalId: `cust-${externalId}`, name: "Sam" },
      messages: [
        {
          role: "customer",
          text: "This is ridiculous, my card was charged twice and nobody helps. I want to speak to a manager now!",
          ts: ts.toISOString(),
        },
      ],
    });
    const res = await api("POST", "/api/v1/interactions", {
      conversations: [
        complaint("history-1", new Date(Date.now() - 40 * 86_400_000)),
        complaint("recent-1", new Date(Date.now() - 2 * 86_400_000)),
      ],
    });
    const [old, recent] = ((await res.json()) as { results: { id: string }[] }).results;
    await drain();
    const caseOf = async (id: string) =>
      (
        (await (await api("GET", `/api/v1/cases?conversationId=${id}`)).json()) as {
          items: CaseItem[];
        }
      ).items;
    expect((await caseOf(old!.id)).map((c) => c.status)).toEqual(["resolved"]);
    expect((await caseOf(recent!.id)).map((c) => c.status)).toEqual(["new"]);
  });

  it("creates an SLA policy and previews its due times as ISO instants", async () => {
    const res = await admin.request("POST", "/api/v1/sla-policies", {
      name: "UK office",
      timeZone: "Europe/London",
      hours: WEEKDAYS,
      holidays: ["2026-12-25", "2026-12-28"],
      targets: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const preview = await admin.request("POST", `/api/v1/sla-policies/${id}/preview`, {
      openedAt: "2026-12-24T16:30:00Z",
    });
    expect(preview.status).toBe(200);
    // Thu 24 Dec 16:30 → 30 min that day; Fri 25 and Mon 28 listed holidays, weekend closed; Tue 29.
    expect(await preview.json()).toMatchObject({
      firstResponseDueAt: "2026-12-29T09:30:00.000Z",
      resolutionDueAt: "2026-12-29T16:30:00.000Z",
    });
  });

  it("refuses a stale version with 409 and changes nothing", async () => {
    const { items } = (await (
      await api("GET", `/api/v1/cases?conversationId=${conversationId}`)
    ).json()) as { items: CaseItem[] };
    const c = items[0]!;
    const ok = await admin.request("PATCH", `/api/v1/cases/${c.id}`, {
      version: c.version,
      status: "in_progress",
    });
    expect(ok.status).toBe(200);
    const stale = await admin.request("PATCH", `/api/v1/cases/${c.id}`, {
      version: c.version,
      status: "resolved",
      title: "Changed",
    });
    expect(stale.status).toBe(409);
    expect(await errorCode(stale)).toBe("CASE_VERSION_CONFLICT");
    const after = (await (await admin.request("GET", `/api/v1/cases/${c.id}`)).json()) as {
      case: CaseItem;
      events: unknown[];
    };
    expect(after.case).toMatchObject({
      status: "in_progress",
      version: c.version + 1,
      title: c.title,
    });
  });

  it("takes a public complaint without login and puts it at the executive level", async () => {
    const res = await app.request("/api/v1/public/escalations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "Robin",
        email: "robin@example.test",
        message: "Nobody answers my letters.",
        org: org.slug,
      }),
    });
    expect(res.status).toBe(201);
    const { reference, respondBy } = (await res.json()) as { reference: string; respondBy: string };
    expect(reference).toMatch(/^RC-[0-9A-Z]{7}-[0-9A-Z]{4}$/);
    expect(Number.isNaN(Date.parse(respondBy))).toBe(false);
    const { items } = (await (
      await admin.request("GET", `/api/v1/cases?reference=${reference}`)
    ).json()) as { items: CaseItem[] };
    expect(items).toHaveLength(1);
    expect(items[0]!.escalationLevel).toBe("executive");
  });

  it("escalates an existing case to the executive level by its reference", async () => {
    const { items } = (await (
      await api("GET", `/api/v1/cases?conversationId=${conversationId}`)
    ).json()) as { items: CaseItem[] };
    const res = await app.request("/api/v1/public/escalations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "Pat",
        email: "pat@example.test",
        message: "Still charged twice.",
        reference: items[0]!.reference,
      }),
    });
    expect(res.status).toBe(201);
    const after = (await (
      await admin.request("GET", `/api/v1/cases?reference=${items[0]!.reference}`)
    ).json()) as { items: CaseItem[] };
    expect(after.items[0]).toMatchObject({ id: items[0]!.id, escalationLevel: "executive" });
  });

  it("refuses forged references, the honeypot and oversize text with 4xx, writing nothing", async () => {
    const post = (body: unknown) =>
      app.request("/api/v1/public/escalations", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const base = { name: "Bot", email: "bot@example.test", message: "Hello", org: org.slug };
    const before = (await (await admin.request("GET", "/api/v1/cases?limit=200")).json()) as {
      items: unknown[];
    };
    const forged = await post({ ...base, reference: "RC-AAAAAAA-AAAA" });
    expect(forged.status).toBe(400);
    expect(await errorCode(forged)).toBe("CASE_REFERENCE_INVALID");
    expect((await post({ ...base, website: "http://spam.example" })).status).toBe(400);
    expect((await post({ ...base, message: "x".repeat(10_001) })).status).toBe(400);
    expect((await admin.request("GET", "/api/v1/cases?reference=RC-AAAAAAA-AAAA")).status).toBe(
      400,
    );
    // A cursor whose id SQL cannot cast (it answered 500 before).
    const cursor = Buffer.from(`2026-12-01T00:00:00.000Z|${"-".repeat(36)}`).toString("base64url");
    const badCursor = await admin.request("GET", `/api/v1/cases?cursor=${cursor}`);
    expect(badCursor.status).toBe(400);
    expect(await errorCode(badCursor)).toBe("VALIDATION_FAILED");
    const after = (await (await admin.request("GET", "/api/v1/cases?limit=200")).json()) as {
      items: unknown[];
    };
    expect(after.items).toHaveLength(before.items.length);
  });

  it("lists newest opened first and pages in that order, cases of one millisecond included", async () => {
    const ids: string[] = [];
    for (const title of ["Page A", "Page B", "Page C"]) {
      const res = await admin.request("POST", "/api/v1/cases", { title });
      ids.push(((await res.json()) as { id: string }).id);
    }
    // One millisecond, three microseconds: a cursor cut at the millisecond would skip some.
    await database().db.execute(sql`update cases
      set opened_at = '2026-12-06T09:00:00.123Z'::timestamptz + (array_position(${sql.param(ids)}::uuid[], id) || ' microseconds')::interval
      where org_id = ${org.orgId} and id = any(${sql.param(ids)}::uuid[])`);
    // Recorded last, opened a month before (as a case from an imported conversation is).
    const older = await admin.request("POST", "/api/v1/cases", {
      title: "Page D",
      openedAt: "2026-11-06T09:00:00Z",
    });
    ids.push(((await older.json()) as { id: string }).id);
    type Page = { items: { id: string }[]; nextCursor: string | null };
    const whole = (await (await admin.request("GET", "/api/v1/cases?limit=200")).json()) as Page;
    const order = whole.items.map((c) => c.id).filter((id) => ids.includes(id));
    expect(order).toEqual([ids[2], ids[1], ids[0], ids[3]]);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.request(
        "GET",
        `/api/v1/cases?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      const page = (await res.json()) as Page;
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length <= whole.items.length);
    expect(paged).toEqual(whole.items.map((c) => c.id));
    expect(paged).toEqual(expect.arrayContaining(ids));
  });

  it("limits public submissions per client: 429 once the free attempts are used", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await app.request("/api/v1/public/escalations", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: "Flood",
          email: "flood@example.test",
          message: "again",
          org: org.slug,
        }),
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(await errorCode(res)).toBe("RATE_LIMITED");
        break;
      }
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10);
  });
});

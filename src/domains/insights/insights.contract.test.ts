import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { JOB_DEFINITIONS } from "../../jobs/registry.ts";
import { Queue } from "../../jobs/queue.ts";
import { startWorker, type Worker } from "../../jobs/worker.ts";
import { createLogger } from "../../logger.ts";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs, withApiKey, type TestApp } from "../../../test/http.ts";
import { findModel, listActiveReasons } from "./reasons.repo.ts";
import { reclusterReasons } from "./reasons.service.ts";
import { reasonTrends } from "./trends.service.ts";

const DAY = 86_400_000;
const SHIPPED = Date.parse("2026-10-01T00:00:00Z");
const TOPICS: Record<string, string[]> = {
  activation: [
    "I never received the activation code for my card",
    "activation code text did not arrive, cannot activate card",
    "my card activation code is invalid",
  ],
  refund: [
    "I want my refund for the returned order",
    "my refund for the returned order is still not paid",
    "how long does a refund for a returned order take",
  ],
  password: [
    "I cannot reset my password",
    "password reset link expired",
    "locked out, password reset not accepted",
  ],
};

type Reason = { id: string; name: string; conversations: number; trend: { week: string }[] };

describeEachBackend("insights: the verification contract", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let writer: ReturnType<typeof withApiKey>;
  let reader: ReturnType<typeof withApiKey>;
  let worker: Worker;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    writer = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "w", ["read", "write", "ingest"])).key,
    );
    reader = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "r", ["read"])).key,
    );
    worker = startWorker(
      { db, queue: new Queue(db), logger: createLogger("silent") },
      JOB_DEFINITIONS,
      {
        pollMs: 60_000,
      },
    );
  });
  afterAll(async () => {
    await worker.stop();
  });

  const ingest = async (items: { topic: string; at: number }[]) => {
    const conversations = items.map(({ topic, at }, i) => ({
      externalId: randomUUID(),
      source: "contract",
      channel: "chat",
      status: "resolved",
      customer: { externalId: `c-${i % 7}` },
      messages: [
        { role: "customer", text: TOPICS[topic]![i % 3]!, ts: new Date(at).toISOString() },
        { role: "agent", text: "Let me look into that.", ts: new Date(at + 60_000).toISOString() },
      ],
    }));
    const res = await writer("POST", "/api/v1/interactions", { conversations });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { id: string }[] }).results.map((r) => r.id);
  };
  const many = (topic: string, n: number, from: number, to: number) =>
    Array.from({ length: n }, (_, i) => ({ topic, at: from + ((i + 0.5) / n) * (to - from) }));

  it("registers a fix and measures its impact 28 days either side of shippedAt", async () => {
    await ingest([
      ...many("activation", 30, SHIPPED - 27 * DAY, SHIPPED - DAY),
      ...many("activation", 6, SHIPPED + DAY, SHIPPED + 27 * DAY),
      ...many("refund", 30, SHIPPED - 27 * DAY, SHIPPED - DAY),
      ...many("refund", 30, SHIPPED + DAY, SHIPPED + 27 * DAY),
      ...many("password", 20, SHIPPED - 27 * DAY, SHIPPED + 27 * DAY),
      ...many("activation", 5, SHIPPED + 40 * DAY, SHIPPED + 41 * DAY),
    ]);
    await worker.drain();
    const res = await writer("POST", "/api/v1/fixes", {
      title: "Codes by e-mail too",
      shippedAt: new Date(SHIPPED).toISOString(),
      target: { search: "activation code" },
    });
    expect(res.status).toBe(201);
    const fix = (await res.json()) as { id: string; title: string };
    expect(fix.id).toMatch(/^[0-9a-f-]{36}$/);

    const impactRes = await reader("GET", `/api/v1/fixes/${fix.id}/impact`);
    expect(impactRes.status).toBe(200);
    const impact = (await impactRes.json()) as {
      before: { ratePer1000: number; conversations: number };
      after: { ratePer1000: number; conversations: number };
      rateRatio: number;
      ci95: [number, number];
      verdict: string;
      differenceInDifferences: { ratio: number; ci95: [number, number] };
    };
    expect(impact.before.conversations).toBe(30);
    expect(impact.after.conversations).toBe(6);
    expect(impact.before.ratePer1000).toBeCloseTo((1000 * 30) / 70, 6);
    expect(impact.after.ratePer1000).toBeCloseTo((1000 * 6) / 46, 6);
    expect(impact.rateRatio).toBeCloseTo(6 / 46 / (30 / 70), 6);
    expect(impact.ci95[0]).toBeLessThan(impact.rateRatio);
    expect(impact.ci95[1]).toBeGreaterThan(impact.rateRatio);
    expect(impact.ci95[1]).toBeLessThan(1);
    expect(impact.differenceInDifferences.ci95[1]).toBeLessThan(1);
    expect(impact.verdict).toBe("worked");

    const wide = (await (await reader("GET", `/api/v1/fixes/${fix.id}/impact?days=45`)).json()) as {
      after: { conversations: number };
    };
    expect(wide.after.conversations).toBe(11);
  });

  it("refuses bad fixes with 400, unknown ones with 404 and read-only keys with 403", async () => {
    const bad = await writer("POST", "/api/v1/fixes", {
      title: "x",
      shippedAt: "yesterday",
      target: { search: "a" },
    });
    expect(bad.status).toBe(400);
    const noTarget = await writer("POST", "/api/v1/fixes", {
      title: "x",
      shippedAt: "2026-10-01T00:00:00Z",
      target: {},
    });
    expect(noTarget.status).toBe(400);
    expect((await writer("GET", `/api/v1/fixes/${randomUUID()}/impact`)).status).toBe(404);
    expect((await writer("GET", `/api/v1/fixes/not-a-uuid/impact`)).status).toBe(400);
    const ro = await reader("POST", "/api/v1/fixes", {
      title: "x",
      shippedAt: "2026-10-01T00:00:00Z",
      target: { search: "a" },
    });
    expect(ro.status).toBe(403);
    expect(await errorCode(ro)).toBe("FORBIDDEN");
  });

  it("corrects a fix (a new search is matched at once, then refilled) and deletes it", async () => {
    const created = await writer("POST", "/api/v1/fixes", {
      title: "Typo in the title",
      shippedAt: new Date(SHIPPED).toISOString(),
      target: { search: "activation code" },
    });
    const url = `/api/v1/fixes/${((await created.json()) as { id: string }).id}`;
    await worker.drain();
    const impactOf = async () =>
      (await (await reader("GET", `${url}/impact`)).json()) as {
        before: { conversations: number };
        after: { conversations: number };
      };
    expect((await impactOf()).after.conversations).toBe(6);

    const patched = await writer("PATCH", url, {
      title: "Refunds in one click",
      target: { search: "refund" },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      title: "Refunds in one click",
      target: { search: "refund" },
      description: null,
    });
    const live = await impactOf();
    expect([live.before.conversations, live.after.conversations]).toEqual([30, 30]);
    await worker.drain();
    expect(await impactOf()).toEqual(live);

    expect((await writer("PATCH", url, {})).status).toBe(400);
    expect((await writer("PATCH", url, { target: { reasonId: randomUUID() } })).status).toBe(400);
    expect((await reader("PATCH", url, { title: "x" })).status).toBe(403);
    expect((await writer("PATCH", `/api/v1/fixes/${randomUUID()}`, { title: "x" })).status).toBe(
      404,
    );
    expect((await writer("DELETE", url)).status).toBe(204);
    expect((await reader("GET", url)).status).toBe(404);
    expect((await writer("DELETE", url)).status).toBe(404);
  });

  it("finds reasons, keeps a leader's rename and merge across re-clustering, and assigns new conversations", async () => {
    const db = database().db;
    await reclusterReasons(db, org.orgId, { k: 3 });
    // The stored model places messages by their words' meaning too (reason-model.ts).
    expect((await findModel(db, org.orgId))?.vectorSpace?.mean).toHaveLength(100);
    for (const r of await listActiveReasons(db, org.orgId)) expect(r.vector).toHaveLength(100);
    const leader = await loginAs(app, org.users.leader.email);
    const list = async () =>
      (
        (await (await leader.request("GET", "/api/v1/insights/reasons")).json()) as {
          items: Reason[];
        }
      ).items;
    const reasons = await list();
    expect(reasons.length).toBe(3);
    expect(reasons.reduce((s, r) => s + r.conversations, 0)).toBe(123); // 121 ingested + the factory's 2
    const activation = reasons.find((r) => /activ|code|card/.test(r.name))!;
    expect(activation.conversations).toBeGreaterThanOrEqual(41);
    expect(activation.conversations).toBeLessThanOrEqual(43);
    expect(
      (
        await leader.request("PATCH", `/api/v1/insights/reasons/${activation.id}`, {
          name: "Activation codes",
        })
      ).status,
    ).toBe(200);
    const others = reasons.filter((r) => r.id !== activation.id);
    const merged = await leader.request("POST", `/api/v1/insights/reasons/${others[0]!.id}/merge`, {
      reasonIds: [others[1]!.id],
    });
    expect(merged.status).toBe(200);

    await reclusterReasons(db, org.orgId, { k: 3 });
    const after = await list();
    expect(after.find((r) => r.id === activation.id)?.name).toBe("Activation codes");
    expect(after.some((r) => r.id === others[1]!.id)).toBe(false);

    const [fresh] = await ingest([{ topic: "activation", at: SHIPPED + 50 * DAY }]);
    await worker.drain();
    const found = await reader("GET", `/api/v1/conversations?reasonId=${activation.id}&limit=200`);
    expect(found.status).toBe(200);
    const ids = ((await found.json()) as { items: { id: string }[] }).items.map((c) => c.id);
    expect(ids).toContain(fresh);
    const now = (await list()).find((r) => r.id === activation.id)!;
    expect(ids).toHaveLength(now.conversations);
    expect(now.conversations).toBeGreaterThanOrEqual(42);
  });

  it("measures a fix by contact reason or root cause with weekly figures that add up", async () => {
    const reasons = (
      (await (await reader("GET", "/api/v1/insights/reasons")).json()) as { items: Reason[] }
    ).items;
    const activation = reasons.find((r) => r.name === "Activation codes")!;
    const impactOf = async (target: Record<string, string>) => {
      const created = await writer("POST", "/api/v1/fixes", {
        title: "by target",
        shippedAt: new Date(SHIPPED).toISOString(),
        target,
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      return (await (await reader("GET", `/api/v1/fixes/${id}/impact`)).json()) as {
        before: { conversations: number; totalConversations: number };
        after: { conversations: number; totalConversations: number };
        predictedSatisfaction: { before: { n: number } };
        weeks: { weekStart: string; conversations: number; after: boolean }[];
      };
    };
    const byReason = await impactOf({ reasonId: activation.id });
    expect(byReason.before).toMatchObject({ conversations: 30, totalConversations: 70 });
    expect(byReason.after).toMatchObject({ conversations: 6, totalConversations: 46 });
    expect(byReason.predictedSatisfaction.before.n).toBe(30);
    expect(byReason.weeks.map((w) => w.after)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
    expect(byReason.weeks.reduce((sum, w) => sum + w.conversations, 0)).toBe(36);
    expect(byReason.weeks[0]!.weekStart).toBe("2026-09-03");

    // The five activation conversations 40–41 days after shipping are that week's only ones.
    const [trend] = await reasonTrends(database().db, org.orgId, {
      weeks: 8,
      reasonId: activation.id,
      now: new Date(SHIPPED + 60 * DAY),
    });
    expect(trend!.weeks.find((w) => w.week === "2026-11-09")).toMatchObject({ count: 5 });

    const byCause = await impactOf({ rootCauseCode: "no.such.cause" });
    expect(byCause.before).toMatchObject({ conversations: 0, totalConversations: 70 });
    const either = await impactOf({ reasonId: activation.id, search: "refund" });
    expect(either.before.conversations).toBe(60);
  });

  it("lets a leader set one conversation's reason by hand, kept across re-clustering, or hand it back", async () => {
    const db = database().db;
    const leader = await loginAs(app, org.users.leader.email);
    const reasons = (
      (await (await leader.request("GET", "/api/v1/insights/reasons")).json()) as {
        items: Reason[];
      }
    ).items;
    const activation = reasons.find((r) => r.name === "Activation codes")!;
    const [fresh] = await ingest([{ topic: "refund", at: SHIPPED + 60 * DAY }]);
    await worker.drain();
    const url = `/api/v1/conversations/${fresh}/contact-reason`;
    const reasonOf = async () =>
      (
        (await (await leader.request("GET", `/api/v1/conversations/${fresh}`)).json()) as {
          conversation: { contactReason: { id: string; name: string; source: string } | null };
        }
      ).conversation.contactReason;
    const byModel = await reasonOf();
    expect(byModel).toMatchObject({ source: "model" });
    expect(byModel!.id).not.toBe(activation.id);

    const set = await leader.request("PUT", url, { reasonId: activation.id });
    expect(set.status).toBe(200);
    const manual = { id: activation.id, name: "Activation codes", source: "manual" };
    expect(await set.json()).toEqual({ contactReason: manual });
    expect(await reasonOf()).toEqual(manual);
    await reclusterReasons(db, org.orgId, { k: 3 });
    expect(await reasonOf()).toEqual(manual);

    const back = await leader.request("PUT", url, { reasonId: null });
    expect(back.status).toBe(200);
    // The model's pick again: a refund, not activation (the re-fit above may have renamed it).
    const { contactReason: handedBack } = (await back.json()) as {
      contactReason: { id: string; source: string };
    };
    expect(handedBack).toMatchObject({ source: "model" });
    expect(handedBack.id).not.toBe(activation.id);

    expect((await leader.request("PUT", url, { reasonId: randomUUID() })).status).toBe(404);
    const elsewhere = await leader.request(
      "PUT",
      `/api/v1/conversations/${randomUUID()}/contact-reason`,
      { reasonId: activation.id },
    );
    expect(elsewhere.status).toBe(404);
    expect(await errorCode(elsewhere)).toBe("CONVERSATION_NOT_FOUND");
    expect((await leader.request("PUT", url, { reasonId: "refund" })).status).toBe(400);
    expect((await leader.request("PUT", url, {})).status).toBe(400);
    expect(await reasonOf()).toEqual(handedBack);
  });

  it("keeps tenants apart", async () => {
    const db = database().db;
    const other = await buildOrg(db);
    const key = (await createApiKey(db, other.orgId, { kind: "cli" }, "o", ["read"])).key;
    const fixes = (await (await reader("GET", "/api/v1/fixes")).json()) as {
      items: { id: string }[];
    };
    const otherReader = withApiKey(app, key);
    expect((await otherReader("GET", `/api/v1/fixes/${fixes.items[0]!.id}/impact`)).status).toBe(
      404,
    );
    const res = await otherReader("GET", "/api/v1/insights/reasons");
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
  });
});

import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import {
  assignContactReason,
  buildConversation,
  buildOrg,
  type TestOrg,
} from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs, type TestApp } from "../../../test/http.ts";
import type { Db } from "../../db/client.ts";
import { Queue } from "../../jobs/queue.ts";
import { createLogger } from "../../logger.ts";
import { analyzeConversationsJob } from "../conversations/index.ts";
import { listPromises } from "./promises.repo.ts";
import { settleOverduePromises, trackPromises } from "./tracking.service.ts";

const HOUR = 3_600_000;
const T0 = new Date("2026-11-02T09:00:00Z");
const PROMISE = [
  "My refund hasn't arrived.",
  "I'm sorry about that. I'll call you back within 24 hours with an update.",
];

async function analyse(db: Db, orgId: string, conversationIds: string[]) {
  await analyzeConversationsJob.handle(
    { orgId, conversationIds },
    { db, queue: new Queue(db), logger: createLogger("silent"), jobId: 0, attempt: 1, orgId },
  );
}

describeEachBackend("promises: tracked from the engine's promise signals", ({ database }) => {
  let db: Db;
  let org: TestOrg;
  let app: TestApp;

  beforeAll(async () => {
    db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
  });

  const promiseOf = async (conversationId: string) =>
    (await listPromises(db, org.orgId, { limit: 200 })).find(
      (p) => p.conversationId === conversationId,
    );

  it("records a promise with its due time, pending until something happens", async () => {
    const id = await buildConversation(db, org.orgId, {
      customerId: org.customerId,
      agentId: org.agentId,
      teamId: org.teamId,
      startedAt: T0,
      texts: PROMISE,
    });
    await analyse(db, org.orgId, [id]);
    const { found } = await trackPromises(db, org.orgId, [id], new Date(T0.getTime() + HOUR));
    expect(found).toBe(1);
    const p = await promiseOf(id);
    expect(p?.status).toBe("pending");
    expect(new Date(p!.dueAt!).toISOString()).toBe(
      new Date(T0.getTime() + 60_000 + 24 * HOUR).toISOString(),
    );
    // Replaying the event changes nothing.
    expect((await trackPromises(db, org.orgId, [id], new Date(T0.getTime() + HOUR))).found).toBe(0);
  });

  it("is kept by the agent's follow-up in a later conversation before the due time", async () => {
    const first = (await listPromises(db, org.orgId, { limit: 10 }))[0]!;
    const followUp = await buildConversation(db, org.orgId, {
      customerId: org.customerId,
      agentId: org.agentId,
      teamId: org.teamId,
      startedAt: new Date(T0.getTime() + 5 * HOUR),
      texts: ["Hello?", "Calling back as promised: your refund was sent today."],
    });
    await analyse(db, org.orgId, [followUp]);
    await trackPromises(db, org.orgId, [followUp], new Date(T0.getTime() + 6 * HOUR));
    const p = await promiseOf(first.conversationId);
    expect(p?.status).toBe("kept");
    expect(p?.settledBy).toBe("agent_message");
  });

  it("is broken when the customer says they are still waiting, or when the due time passes", async () => {
    const otherStart = new Date(T0.getTime() + 100 * HOUR);
    const a = await buildConversation(db, org.orgId, {
      agentId: org.otherAgentId,
      teamId: org.otherTeamId,
      startedAt: otherStart,
      texts: [...PROMISE, "I'm still waiting for the call back you promised."],
    });
    const b = await buildConversation(db, org.orgId, {
      agentId: org.otherAgentId,
      teamId: org.otherTeamId,
      startedAt: otherStart,
      texts: PROMISE,
    });
    await analyse(db, org.orgId, [a, b]);
    await trackPromises(db, org.orgId, [a, b], new Date(otherStart.getTime() + HOUR));
    expect((await promiseOf(a))?.status).toBe("broken");
    expect((await promiseOf(a))?.settledBy).toBe("customer_waiting");
    expect((await promiseOf(b))?.status).toBe("pending");
    expect(await settleOverduePromises(db, new Date(otherStart.getTime() + 48 * HOUR))).toBe(1);
    expect((await promiseOf(b))?.settledBy).toBe("deadline");
  });

  it("reports the keep rate by team with sample sizes, for leaders only", async () => {
    const leader = await loginAs(app, org.users.leader.email);
    const from = new Date(T0.getTime() - HOUR).toISOString();
    const to = new Date(T0.getTime() + 200 * HOUR).toISOString();
    const res = await leader.request(
      "GET",
      `/api/v1/promises/keep-rate?by=team&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      overall: { kept: number; broken: number; n: number; keepRate: number };
      items: { key: string; n: number; keepRate: number | null }[];
    };
    expect(body.overall).toMatchObject({ kept: 1, broken: 2, n: 3 });
    expect(body.items.find((i) => i.key === org.teamId)).toMatchObject({ n: 1, keepRate: 1 });
    expect(body.items.find((i) => i.key === org.otherTeamId)).toMatchObject({ n: 2, keepRate: 0 });

    const bad = await leader.request("GET", "/api/v1/promises/keep-rate?by=planet");
    expect(bad.status).toBe(400);
    const agent = await loginAs(app, org.users.agent.email);
    const denied = await agent.request("GET", "/api/v1/promises/keep-rate");
    expect(denied.status).toBe(403);
    expect(await errorCode(denied)).toBe("FORBIDDEN");
  });

  it("counts keep rates under the conversation's reason as it is now, renamed after tracking", async () => {
    const start = new Date(T0.getTime() + 300 * HOUR);
    const id = await buildConversation(db, org.orgId, {
      customerId: org.customerId,
      agentId: org.agentId,
      teamId: org.teamId,
      startedAt: start,
      texts: PROMISE,
    });
    await analyse(db, org.orgId, [id]);
    await trackPromises(db, org.orgId, [id], new Date(start.getTime() + HOUR));
    // The contact reason arrives after the promise was tracked, and a leader then names it.
    const reasonId = await assignContactReason(db, org.orgId, [id], { label: "refund / arrive" });
    const admin = await loginAs(app, org.users.admin.email);
    const rename = await admin.request("PATCH", `/api/v1/insights/reasons/${reasonId}`, {
      name: "Late refunds",
    });
    expect(rename.status).toBe(200);
    const window = `from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(new Date(start.getTime() + HOUR).toISOString())}`;
    const res = await admin.request("GET", `/api/v1/promises/keep-rate?by=reason&${window}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { label: string; pending: number }[] };
    expect(body.items).toEqual([expect.objectContaining({ label: "Late refunds", pending: 1 })]);
    expect((await promiseOf(id))?.reason).toBe("Late refunds");
  });

  it("compares the stated response time with the actual first responses and recommends p90", async () => {
    const admin = await loginAs(app, org.users.admin.email);
    const put = await admin.request("PUT", "/api/v1/promises/stated-response-times", {
      channels: { chat: { minutes: 5, text: "We answer within 5 minutes" } },
    });
    expect(put.status).toBe(200);
    const from = new Date(T0.getTime() - HOUR).toISOString();
    const res = await admin.request(
      "GET",
      `/api/v1/promises/response-times?from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(T0.getTime() + 200 * HOUR).toISOString())}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: {
        channel: string;
        conversations: number;
        withinStated: number;
        p90Minutes: number;
        recommended: { minutes: number };
        histogram: { label: string; count: number }[];
      }[];
    };
    const chat = body.items.find((i) => i.channel === "chat")!;
    expect(chat.conversations).toBe(4);
    expect(chat.p90Minutes).toBe(1);
    expect(chat.withinStated).toBe(1);
    expect(chat.recommended.minutes).toBe(1);
    // Minute buckets first: a chat histogram is not one bar at "≤15 min".
    expect(chat.histogram.map((b) => b.label)).toEqual([
      "≤1 min",
      "≤5 min",
      "≤15 min",
      "≤1 h",
      "≤4 h",
      "≤8 h",
      "≤24 h",
      "≤48 h",
      "≤72 h",
      ">72 h",
    ]);
    expect(chat.histogram.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(chat.histogram[0]!.count).toBeGreaterThan(0);
    const bad = await admin.request("PUT", "/api/v1/promises/stated-response-times", {
      channels: { fax: { minutes: 5, text: "x" } },
    });
    expect(bad.status).toBe(400);
  });
});

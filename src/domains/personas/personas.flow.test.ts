import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import {
  assignContactReason,
  buildConversation,
  buildOrg,
  type TestOrg,
} from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs, type TestApp } from "../../../test/http.ts";
import { customers, type Channel } from "../../db/schema/index.ts";
import type { Db } from "../../db/client.ts";
import { clusterBySilhouette, standardise } from "./kmeans.ts";
import { findStaleOrgs } from "./personas.repo.ts";
import { recomputePersonas } from "./personas.service.ts";

describe("clusterBySilhouette", () => {
  it("finds well-separated groups and gives the same answer every run", () => {
    const points = [0, 10, 20, 30].flatMap((c) =>
      Array.from({ length: 15 }, (_, i) => [c + (i % 5) * 0.1, c * 2 + (i % 3) * 0.1]),
    );
    const std = standardise(points).rows;
    const a = clusterBySilhouette(std, { kMin: 2, kMax: 6, seed: 7 })!;
    const b = clusterBySilhouette(std, { kMin: 2, kMax: 6, seed: 7 })!;
    expect(a.k).toBe(4);
    expect(a.labels).toEqual(b.labels);
  });
});

describeEachBackend("personas: clustered from behaviour, served as cards", ({ database }) => {
  let db: Db;
  let org: TestOrg;
  let app: TestApp;

  beforeAll(async () => {
    db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    const now = Date.now();
    // Four behaviours: chat regulars, email one-offs, phone callers, and frequent social posters.
    const groups: [Channel, number][] = [
      ["chat", 3],
      ["email", 1],
      ["phone", 2],
      ["social", 6],
    ];
    for (const [channel, contacts] of groups) {
      for (let c = 0; c < 12; c++) {
        const [customer] = await db
          .insert(customers)
          .values({ orgId: org.orgId, name: `${channel} ${randomUUID().slice(0, 4)}` })
          .returning();
        for (let i = 0; i < contacts; i++)
          await buildConversation(db, org.orgId, {
            customerId: customer!.id,
            channel,
            startedAt: new Date(now - (i + 1) * 86_400_000),
          });
      }
    }
  });

  it("recomputes 4–6 personas covering every customer with conversations", async () => {
    const result = await recomputePersonas(db, org.orgId);
    expect(result.customers).toBe(49);
    expect(result.personas).toBeGreaterThanOrEqual(4);
    expect(result.personas).toBeLessThanOrEqual(6);
  });

  it("recomputes when contact reasons change, so needs carry the reasons' present names", async () => {
    const hourAgo = () => new Date(Date.now() - 3_600_000);
    expect(await findStaleOrgs(db, hourAgo())).not.toContain(org.orgId);
    // The demo's case: reasons fitted (or renamed) after the personas were computed.
    await assignContactReason(db, org.orgId, [org.conversationId], { label: "order / arrive" });
    expect(await findStaleOrgs(db, hourAgo())).toContain(org.orgId);
    await recomputePersonas(db, org.orgId);
    expect(await findStaleOrgs(db, hourAgo())).not.toContain(org.orgId);
  });

  it("serves the cards and each customer's persona; unknown customers 404", async () => {
    const agent = await loginAs(app, org.users.agent.email);
    const res = await agent.request("GET", "/api/v1/personas");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: {
        size: number;
        name: string;
        needs: { reason: string }[];
        examples: { preview: string | null }[];
      }[];
    };
    expect(items.reduce((a, p) => a + p.size, 0)).toBe(49);
    expect(items.every((p) => p.name.length > 0 && p.examples.length > 0)).toBe(true);
    // Only the one conversation given a contact reason above has one: "unclassified" is never a need.
    expect(items.flatMap((p) => p.needs.map((n) => n.reason))).toEqual(["order / arrive"]);
    expect(items.some((p) => p.name.includes("social and SMS customers"))).toBe(true);
    // An example is named by what its customer wrote (the factory's first customer message).
    const previews = new Set(items.flatMap((p) => p.examples.map((e) => e.preview)));
    expect([...previews]).toEqual(["My order never arrived."]);
    // Customers near a persona's centre often wrote the same thing: a card never repeats an example.
    for (const p of items)
      expect(new Set(p.examples.map((e) => e.preview)).size).toBe(p.examples.length);

    const mine = await agent.request("GET", `/api/v1/customers/${org.customerId}/persona`);
    expect(mine.status).toBe(200);
    const unknown = await agent.request("GET", `/api/v1/customers/${randomUUID()}/persona`);
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe("CUSTOMER_NOT_FOUND");
    expect((await agent.request("POST", "/api/v1/personas/recompute")).status).toBe(403);
  });
});

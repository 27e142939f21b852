import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { assistRewrites, assistRules } from "../../db/schema/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { assistConversation } from "./assist.service.ts";
import { seedDemoAssist } from "./index.ts";

const CALL = [
  { role: "customer" as const, text: "I want to cancel, I was charged twice." },
  { role: "agent" as const, text: "Sorry, that's our policy." },
];

describeEachBackend("assist: rules and library cached per process", ({ database }) => {
  let org: TestOrg;
  const assist = () =>
    assistConversation(database().db, org.orgId, {
      messages: CALL,
      customer: { externalId: "cust-cache" },
    });

  beforeAll(async () => {
    org = await buildOrg(database().db);
    await seedDemoAssist(database().db, org.orgId);
  });

  it("sees a rule changed behind its back (another process's write) on the next call", async () => {
    const { db } = database();
    const before = await assist();
    const refund = before.actions.find((a) => a.title.startsWith("Refund the duplicate"));
    expect(refund).toBeDefined();
    // Written straight to the table, as another API process would: no invalidation here.
    await db
      .update(assistRules)
      .set({ enabled: false })
      .where(and(eq(assistRules.orgId, org.orgId), eq(assistRules.id, refund!.id)));
    expect((await assist()).actions.map((a) => a.id)).not.toContain(refund!.id);
    await db
      .update(assistRules)
      .set({ enabled: true, title: "Refund it today" })
      .where(and(eq(assistRules.orgId, org.orgId), eq(assistRules.id, refund!.id)));
    expect((await assist()).actions.find((a) => a.id === refund!.id)?.title).toBe(
      "Refund it today",
    );
  });

  it("sees a rewrite pattern edited behind its back, and a deleted rule go", async () => {
    const { db } = database();
    expect((await assist()).nudges.map((n) => n.signal)).toContain("policy_framing");
    await db
      .update(assistRewrites)
      .set({ suggestion: "Here is what I can do for you right now." })
      .where(and(eq(assistRewrites.orgId, org.orgId), eq(assistRewrites.signal, "policy_framing")));
    const nudge = (await assist()).nudges.find((n) => n.signal === "policy_framing");
    expect(nudge?.suggestion).toBe("Here is what I can do for you right now.");
    await db.execute(sql`delete from assist_rules where org_id = ${org.orgId}`);
    expect((await assist()).actions).toEqual([]);
  });
});

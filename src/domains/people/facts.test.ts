import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { queryRows, type Db } from "../../db/client.ts";
import {
  contactReasons,
  conversationReasons,
  promises,
  type PromiseStatus,
} from "../../db/schema/index.ts";
import type { Principal } from "../../lib/principal.ts";
import { getAgentScorecard } from "./people.service.ts";
import { catchUp, refreshConversations } from "./refresh.service.ts";
import { rebuildRollups } from "./rollups.repo.ts";

const DAY = 86_400_000;
const START = new Date(Date.now() - 20 * DAY);

interface FactRow {
  conversation_id: string;
  reason: string;
  stratum: string;
  fcr: number | null;
  promises_kept: number | null;
}

describeEachBackend("people facts: promises kept and the contact reason", ({ database }) => {
  let db: Db;
  let org: TestOrg;
  let reasonId: string;
  let otherReasonId: string;
  const ids: string[] = [];
  const at = (days: number) => new Date(START.getTime() + days * DAY);

  const facts = async () => {
    const rows = await queryRows<FactRow>(
      db,
      sql`select conversation_id, reason, stratum, fcr, promises_kept
          from people_conversation_facts where org_id = ${org.orgId}::uuid`,
    );
    return new Map(rows.map((r) => [r.conversation_id, r]));
  };
  const promise = (conversationId: string, status: PromiseStatus, n: number) => ({
    orgId: org.orgId,
    conversationId,
    messageId: crypto.randomUUID(),
    agentId: org.agentId,
    channel: "chat" as const,
    reason: "unclassified",
    quote: `I'll call you back (${n})`,
    promisedAt: at(0),
    status,
  });

  beforeAll(async () => {
    db = database().db;
    org = await buildOrg(db);
    const conv = (days: number, customerId?: string) =>
      buildConversation(db, org.orgId, {
        agentId: org.agentId,
        teamId: org.teamId,
        startedAt: at(days),
        ...(customerId ? { customerId } : {}),
      });
    // 0–3: promises; 4 and 5: the same customer two days apart (first-contact resolution).
    for (const d of [0, 1, 2, 3]) ids.push(await conv(d));
    ids.push(await conv(4, org.customerId), await conv(6, org.customerId));
    await db
      .insert(promises)
      .values([
        promise(ids[0]!, "kept", 1),
        promise(ids[1]!, "kept", 2),
        promise(ids[1]!, "broken", 3),
        promise(ids[2]!, "broken", 4),
        promise(ids[3]!, "pending", 5),
        promise(ids[3]!, "open_ended", 6),
      ]);
    const [r1, r2] = await db
      .insert(contactReasons)
      .values([
        { orgId: org.orgId, label: "refund status" },
        { orgId: org.orgId, label: "address change" },
      ])
      .returning();
    reasonId = r1!.id;
    otherReasonId = r2!.id;
    await db.insert(conversationReasons).values([
      { orgId: org.orgId, conversationId: ids[0]!, reasonId, startedAt: at(0) },
      { orgId: org.orgId, conversationId: ids[4]!, reasonId, startedAt: at(4) },
      { orgId: org.orgId, conversationId: ids[5]!, reasonId: otherReasonId, startedAt: at(6) },
    ]);
    await refreshConversations(db, org.orgId, ids);
  });

  describe("promises_kept", () => {
    it("is the share of the conversation's settled promises that were kept", async () => {
      const f = await facts();
      expect(ids.slice(0, 4).map((id) => f.get(id)?.promises_kept ?? null)).toEqual([
        1,
        0.5,
        0,
        null,
      ]);
      expect(f.get(ids[4]!)?.promises_kept).toBeNull();
    });

    it("shows on the scorecard with expected, adjusted, n and intervals", async () => {
      const p: Principal = { kind: "apikey", orgId: org.orgId, apiKeyId: "t", scopes: ["read"] };
      const card = await getAgentScorecard(db, p, org.agentId, {
        from: at(-1).toISOString().slice(0, 10),
        to: new Date().toISOString().slice(0, 10),
      });
      const m = card.metrics.find((x) => x.key === "promises_kept")!;
      expect(m).toMatchObject({ n: 3, value: 0.5 });
      // The agent is the whole org here: expected and adjusted are the org's own mean.
      expect(m.expected).toBeCloseTo(0.5, 9);
      expect(m.adjusted).toBeCloseTo(0.5, 9);
      expect(m.ci95![0]).toBeLessThan(0.5);
      expect(m.ci95![1]).toBeGreaterThan(0.5);
    });

    it("is kept current by the catch-up when a pending promise is settled later", async () => {
      const since = new Date(Date.now() - 1000);
      await db.execute(sql`update promises set status = 'kept', updated_at = now()
        where org_id = ${org.orgId}::uuid and conversation_id = ${ids[3]!}::uuid and status = 'pending'`);
      expect(await catchUp(db, org.orgId, since)).toBeGreaterThan(0);
      expect((await facts()).get(ids[3]!)?.promises_kept).toBe(1);
    });
  });

  describe("the case-mix segment", () => {
    it("is the conversation's own, else the customer's latest known, else unknown", async () => {
      await db.execute(sql`update conversations set metadata = '{"segment":"gold"}'::jsonb
        where org_id = ${org.orgId}::uuid and id = ${ids[4]!}::uuid`);
      await refreshConversations(db, org.orgId, [ids[4]!, ids[5]!]);
      const f = await facts();
      expect(f.get(ids[4]!)?.stratum.endsWith("|gold")).toBe(true);
      // No segment of its own: the customer's, from their other conversation.
      expect(f.get(ids[5]!)?.stratum.endsWith("|gold")).toBe(true);
      // No customer: unknown.
      expect(f.get(ids[0]!)?.stratum.endsWith("|unknown")).toBe(true);
    });
  });

  describe("the case-mix reason", () => {
    it("is the insights contact reason when there is one, else the strongest signal", async () => {
      const f = await facts();
      expect(f.get(ids[0]!)?.reason).toBe(reasonId);
      expect(f.get(ids[0]!)?.stratum.startsWith(`${reasonId}|chat|`)).toBe(true);
      // Not analysed, no insights reason: the signal fallback.
      expect(f.get(ids[1]!)?.reason).toBe("general");
    });

    it("decides first-contact resolution: a return for another reason is not a repeat", async () => {
      expect((await facts()).get(ids[4]!)?.fcr).toBe(1);
      // The leader moves the second contact onto the first one's reason: now it is a repeat.
      await db.execute(sql`update conversation_reasons set reason_id = ${reasonId}::uuid,
          source = 'manual', updated_at = now()
        where org_id = ${org.orgId}::uuid and conversation_id = ${ids[5]!}::uuid`);
      // Found by the difference with the facts, not by a time window (`since` is now).
      await catchUp(db, org.orgId, new Date(Date.now() + 1000));
      const f = await facts();
      expect(f.get(ids[5]!)?.reason).toBe(reasonId);
      expect(f.get(ids[4]!)?.fcr).toBe(0);
    });

    it("recomputes the stratum means when a re-clustering puts conversations in unknown strata", async () => {
      const [fresh] = await db
        .insert(contactReasons)
        .values({ orgId: org.orgId, label: "new after re-clustering" })
        .returning();
      const newId = fresh!.id;
      const coarse = `${newId}|chat`;
      const known = async () =>
        (
          await queryRows<{ n: number }>(
            db,
            sql`select count(*)::int as n from people_baselines
                where org_id = ${org.orgId}::uuid and stratum = ${coarse}`,
          )
        )[0]!.n;
      expect(await known()).toBe(0);
      await db.execute(sql`update conversation_reasons set reason_id = ${newId}::uuid,
          updated_at = now() where org_id = ${org.orgId}::uuid and conversation_id = ${ids[0]!}::uuid`);
      // Under the threshold: the facts move, the means wait for the daily rebase.
      await catchUp(db, org.orgId, new Date(Date.now() + 1000), 5_000, 2);
      expect((await facts()).get(ids[0]!)?.reason).toBe(newId);
      expect(await known()).toBe(0);
      await db.execute(sql`update conversation_reasons set reason_id = ${newId}::uuid,
          updated_at = now() where org_id = ${org.orgId}::uuid and conversation_id = ${ids[4]!}::uuid`);
      await db.execute(sql`insert into conversation_reasons (org_id, conversation_id, reason_id, started_at)
          values (${org.orgId}::uuid, ${ids[1]!}::uuid, ${newId}::uuid, now())`);
      await catchUp(db, org.orgId, new Date(Date.now() + 1000), 5_000, 2);
      expect(await known()).toBeGreaterThan(0);
    });
  });

  it("rebuilds the rollups of thousands of (agent, week) keys at once (a first catch-up's batch)", async () => {
    // 2,000 keys: as a list of row constructors this overflowed PGlite's WebAssembly stack.
    const keys = Array.from({ length: 2_000 }, (_, i) => ({
      agentId: i % 2 === 0 ? org.agentId : crypto.randomUUID(),
      week: new Date(START.getTime() + (i % 300) * 7 * DAY).toISOString().slice(0, 10),
    }));
    await rebuildRollups(db, org.orgId, keys);
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from people_rollups where org_id = ${org.orgId}::uuid
          and agent_id = ${org.agentId}::uuid and metric = 'conversations'`,
    );
    expect(row!.n).toBeGreaterThan(0);
  });
});

describeEachBackend("people facts: handle time", ({ database }) => {
  it("counts each silence up to ten minutes: an email thread's days of waiting are not handling", async () => {
    const db = database().db;
    const org = await buildOrg(db);
    const started = new Date(Date.now() - 10 * DAY);
    const conv = (channel: "email" | "phone") =>
      buildConversation(db, org.orgId, { agentId: org.agentId, channel, startedAt: started });
    const email = await conv("email");
    const call = await conv("phone");
    const minutes = (m: number) => new Date(started.getTime() + m * 60_000);
    // The email: the customer writes at once, the agent two days later, the customer 5 minutes
    // after; closed 2 minutes after that. 0 + 10 (of 2,880) + 5 + 2 minutes.
    for (const [seq, at] of [minutes(0), minutes(2_880), minutes(2_885)].entries())
      await db.execute(sql`update messages set ts = ${at} where org_id = ${org.orgId}::uuid
          and conversation_id = ${email}::uuid and seq = ${seq}`);
    await db.execute(sql`update conversations set ended_at = ${minutes(2_887)}
        where org_id = ${org.orgId}::uuid and id = ${email}::uuid`);
    // The call: three turns a minute apart (the factory's), hung up at 3 minutes.
    await db.execute(sql`update conversations set ended_at = ${minutes(3)}
        where org_id = ${org.orgId}::uuid and id = ${call}::uuid`);
    await refreshConversations(db, org.orgId, [email, call]);
    const rows = await queryRows<{
      conversation_id: string;
      handle_minutes: number;
      first_response_minutes: number;
    }>(
      db,
      sql`select conversation_id, handle_minutes, first_response_minutes
          from people_conversation_facts where org_id = ${org.orgId}::uuid`,
    );
    const handle = new Map(rows.map((r) => [r.conversation_id, Number(r.handle_minutes)]));
    expect(handle.get(email)).toBeCloseTo(17, 6);
    expect(handle.get(call)).toBeCloseTo(3, 6);
    // The first agent message after the first customer one (customer and agent alternate).
    const firstResponse = new Map(rows.map((r) => [r.conversation_id, r.first_response_minutes]));
    expect(Number(firstResponse.get(email))).toBeCloseTo(2_880, 6);
    expect(Number(firstResponse.get(call))).toBeCloseTo(1, 6);
  });
});

import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../db/client.ts";
import {
  agents,
  conversations,
  customerIdentities,
  memberships,
  messages,
  organizations,
  teams,
  users,
} from "../../db/schema/index.ts";
import { verifyPassword } from "../auth/password.ts";
import { loadDemoSource } from "./demo-source.ts";
import { generateDemoRows } from "./generate.ts";
import { DEMO_PASSWORD, hasAnyOrganization, seedDemo, type DemoSeedResult } from "./index.ts";

const NOW = new Date("2026-03-15T12:00:00.000Z");
/** The generator's conversations: other domains' demo data carries `metadata.demoPart`. */
const GENERATED = sql`${conversations.metadata}->>'demoPart' is null`;
const DAYS = 90;
const OPTS = { conversations: 300, days: DAYS, now: NOW, seed: 7 };

describe("generateDemoRows", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const src = loadDemoSource();
    const a = generateDemoRows(src, OPTS);
    const b = generateDemoRows(src, OPTS);
    const c = generateDemoRows(src, { ...OPTS, seed: 8 });
    expect(b).toEqual(a);
    expect(c.messages.map((m) => m.text)).not.toEqual(a.messages.map((m) => m.text));
  });
});

/** The same checks on whichever database `open` returns. */
function describeSeed(
  name: string,
  open: () => Promise<{ database: Database; cleanup: () => Promise<void> }>,
) {
  describe(`seedDemo on ${name}`, () => {
    let database: Database;
    let cleanup: () => Promise<void> = async () => {};
    let result: DemoSeedResult;
    let hadOrgBefore: boolean;

    beforeAll(async () => {
      ({ database, cleanup } = await open());
      hadOrgBefore = await hasAnyOrganization(database.db);
      result = await seedDemo(database.db, OPTS);
    }, 120_000);

    afterAll(async () => {
      await cleanup();
    }, 60_000);

    it("flips hasAnyOrganization from false to true", async () => {
      expect(hadOrgBefore).toBe(false);
      expect(await hasAnyOrganization(database.db)).toBe(true);
    });

    it("creates the demo organization with 3 teams and 25 agents", async () => {
      const [org] = await database.db
        .select()
        .from(organizations)
        .where(eq(organizations.id, result.orgId));
      expect(org?.slug).toBe("demo");
      expect(org?.name).toBe("Northwind Demo");
      const teamRows = await database.db.select().from(teams).where(eq(teams.orgId, result.orgId));
      expect(teamRows).toHaveLength(3);
      const agentRows = await database.db
        .select()
        .from(agents)
        .where(eq(agents.orgId, result.orgId));
      // The generator's 25; other domains' demo data may add its own (insights adds one).
      const generated = agentRows.filter((a) => a.externalId?.startsWith("demo-agent-"));
      expect(generated).toHaveLength(25);
      expect(new Set(generated.map((a) => a.teamId)).size).toBe(3);
    });

    it("spreads conversations over the four main channels inside the window", async () => {
      const rows = await database.db
        .select({
          channel: conversations.channel,
          n: sql<number>`count(*)::int`,
          minStart: sql<string>`min(${conversations.startedAt})::text`,
          maxEnd: sql<string | null>`max(${conversations.endedAt})::text`,
        })
        .from(conversations)
        .where(and(eq(conversations.orgId, result.orgId), GENERATED))
        .groupBy(conversations.channel);
      expect(rows.reduce((s, r) => s + Number(r.n), 0)).toBe(300);
      expect(result.conversations).toBe(300);
      const channels = rows.map((r) => r.channel);
      for (const c of ["phone", "email", "chat", "social"] as const) expect(channels).toContain(c);
      const windowStart = NOW.getTime() - DAYS * 86_400_000;
      for (const r of rows) {
        expect(new Date(r.minStart).getTime()).toBeGreaterThanOrEqual(windowStart);
        if (r.maxEnd) expect(new Date(r.maxEnd).getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
      const [latest] = await database.db
        .select({ ts: sql<string>`max(${messages.ts})::text` })
        .from(messages)
        .where(eq(messages.orgId, result.orgId));
      expect(new Date(latest?.ts ?? "").getTime()).toBeLessThanOrEqual(NOW.getTime());
    });

    it("gives email conversations a subject and tags every conversation as demo", async () => {
      const rows = await database.db
        .select({
          channel: conversations.channel,
          subject: conversations.subject,
          metadata: conversations.metadata,
        })
        .from(conversations)
        .where(eq(conversations.orgId, result.orgId));
      for (const r of rows) {
        expect(r.metadata.demo).toBe(true);
        if (r.metadata.demoPart === undefined) expect(typeof r.metadata.intent).toBe("string");
        if (r.channel === "email") expect(r.subject).toBeTruthy();
      }
    });

    it("orders messages by seq and ts and counts them on the conversation", async () => {
      const rows = await database.db
        .select({
          conversationId: messages.conversationId,
          seq: messages.seq,
          ts: messages.ts,
          channel: conversations.channel,
          start: messages.startOffset,
          end: messages.endOffset,
          messageCount: conversations.messageCount,
        })
        .from(messages)
        .innerJoin(
          conversations,
          and(
            eq(conversations.orgId, messages.orgId),
            eq(conversations.id, messages.conversationId),
          ),
        )
        .where(and(eq(messages.orgId, result.orgId), GENERATED))
        .orderBy(asc(messages.conversationId), asc(messages.seq));
      expect(rows.length).toBe(result.messages);
      let prev: (typeof rows)[number] | undefined;
      let expectedSeq = 0;
      for (const r of rows) {
        if (prev?.conversationId !== r.conversationId) {
          if (prev) expect(expectedSeq).toBe(prev.messageCount);
          expectedSeq = 0;
        } else {
          expect(r.ts.getTime()).toBeGreaterThanOrEqual(prev.ts.getTime());
        }
        expect(r.seq).toBe(expectedSeq++);
        if (r.channel === "phone") {
          expect(r.start).not.toBeNull();
          expect(r.end ?? 0).toBeGreaterThan(r.start ?? Infinity);
        } else {
          expect(r.start).toBeNull();
        }
        prev = r;
      }
    });

    it("records customer identities per channel", async () => {
      const rows = await database.db
        .select({ source: customerIdentities.source, n: sql<number>`count(*)::int` })
        .from(customerIdentities)
        .where(eq(customerIdentities.orgId, result.orgId))
        .groupBy(customerIdentities.source);
      // The generator's three, and those of the insights and recognition demo conversations.
      expect(rows.map((r) => r.source).sort()).toEqual([
        "demo",
        "demo-insights",
        "email",
        "phone",
        "social",
      ]);
    });

    it("creates logins for every role that verify with the demo password", async () => {
      expect(result.logins.map((l) => l.role).sort()).toEqual([
        "admin",
        "agent",
        "exec",
        "leader",
        "qa",
      ]);
      expect(result.logins.map((l) => l.email)).toContain("admin@demo.rapport.local");
      const rows = await database.db
        .select({
          email: users.email,
          hash: users.passwordHash,
          role: memberships.role,
          userId: users.id,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.orgId, result.orgId));
      expect(rows).toHaveLength(5);
      for (const login of result.logins) {
        const row = rows.find((r) => r.email === login.email);
        expect(row?.role).toBe(login.role);
        expect(login.password).toBe(DEMO_PASSWORD);
        expect(await verifyPassword(row?.hash ?? "", login.password)).toBe(true);
      }
      const agentUser = rows.find((r) => r.role === "agent");
      const linked = await database.db
        .select({ name: agents.name })
        .from(agents)
        .where(and(eq(agents.orgId, result.orgId), eq(agents.userId, agentUser?.userId ?? "")));
      expect(linked).toHaveLength(1);
    });

    it("stores exactly what the generator produces for the seed", async () => {
      const expected = generateDemoRows(loadDemoSource(), OPTS);
      const stored = await database.db
        .select({
          id: conversations.id,
          externalId: conversations.externalId,
          startedAt: conversations.startedAt,
        })
        .from(conversations)
        .where(and(eq(conversations.orgId, result.orgId), GENERATED))
        .orderBy(asc(conversations.externalId));
      expect(stored.map((c) => [c.id, c.startedAt.toISOString()])).toEqual(
        [...expected.conversations]
          .sort((a, b) => a.external_id.localeCompare(b.external_id))
          .map((c) => [c.id, c.started_at]),
      );
    });

    it("refuses to seed a second demo organization", async () => {
      await expect(seedDemo(database.db, OPTS)).rejects.toMatchObject({ code: "CONFLICT" });
    });
  });
}

describeSeed("PGlite", async () => {
  const database = await openDatabase({ kind: "pglite" });
  await database.migrate();
  return { database, cleanup: () => database.close() };
});

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
if (TEST_DATABASE_URL) {
  describeSeed("PostgreSQL", async () => {
    const name = `demo_seed_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    const database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
    await database.migrate();
    return {
      database,
      cleanup: async () => {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  });
}

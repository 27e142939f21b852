import { sql } from "drizzle-orm";
import fc from "fast-check";
import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { queryRows, type Db } from "../../db/client.ts";
import { compactRollups, rebuildRollups } from "./index.ts";

const KEY = "org_id, day, channel, team_id, agent_id";
const MEASURES = `conversations, messages, analysed, satisfaction, sentiment, negative, neutral, positive`;

/** What the rollups must sum to: the same measures counted from the live tables. */
async function liveTotals(db: Db, orgId: string) {
  return queryRows<Record<string, unknown>>(
    db,
    sql.raw(`select ${KEY}, ${MEASURES} from (
      select c.org_id, to_char(c.started_at at time zone 'UTC', 'YYYY-MM-DD') as day, c.channel::text,
        c.team_id, c.agent_id, count(*)::int as conversations, sum(c.message_count)::int as messages,
        count(a.conversation_id)::int as analysed,
        round(coalesce(sum(a.satisfaction), 0)::numeric, 6)::float8 as satisfaction,
        round(coalesce(sum(a.sentiment_score), 0)::numeric, 6)::float8 as sentiment,
        (count(*) filter (where a.sentiment_label = 'negative'))::int as negative,
        (count(*) filter (where a.sentiment_label = 'neutral'))::int as neutral,
        (count(*) filter (where a.sentiment_label = 'positive'))::int as positive
      from conversations c
      left join conversation_analyses a on a.org_id = c.org_id and a.conversation_id = c.id
      where c.org_id = '${orgId}' group by 1, 2, 3, 4, 5) t
      order by ${KEY}`),
  );
}

async function rolledUp(db: Db, orgId: string) {
  return queryRows<Record<string, unknown>>(
    db,
    sql.raw(`select ${KEY}, ${MEASURES} from (
      select org_id, to_char(day, 'YYYY-MM-DD') as day, channel::text, team_id, agent_id,
        sum(conversations)::int as conversations, sum(messages)::int as messages,
        sum(analysed)::int as analysed, round(sum(satisfaction_sum)::numeric, 6)::float8 as satisfaction,
        round(sum(sentiment_sum)::numeric, 6)::float8 as sentiment, sum(negative)::int as negative,
        sum(neutral)::int as neutral, sum(positive)::int as positive
      from conversation_rollups where org_id = '${orgId}' group by 1, 2, 3, 4, 5
      having sum(conversations) <> 0 or sum(analysed) <> 0 or sum(messages) <> 0) t
      order by ${KEY}`),
  );
}

async function signalTotals(db: Db, orgId: string) {
  const live = await queryRows<Record<string, unknown>>(
    db,
    sql`select to_char(c.started_at at time zone 'UTC', 'YYYY-MM-DD') as day, c.agent_id, s as signal,
          count(*)::int as n
        from conversations c
        join conversation_analyses a on a.org_id = c.org_id and a.conversation_id = c.id
        cross join lateral unnest(a.signal_names) as s
        where c.org_id = ${orgId} group by 1, 2, 3 order by 1, 2, 3`,
  );
  const rolled = await queryRows<Record<string, unknown>>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, agent_id, signal, sum(conversations)::int as n
        from signal_rollups where org_id = ${orgId} group by 1, 2, 3 having sum(conversations) <> 0
        order by 1, 2, 3`,
  );
  return { live, rolled };
}

async function expectRollupsMatch(db: Db, orgId: string) {
  expect(await rolledUp(db, orgId)).toEqual(await liveTotals(db, orgId));
  const signals = await signalTotals(db, orgId);
  expect(signals.rolled).toEqual(signals.live);
}

async function storeAnalysis(
  db: Db,
  orgId: string,
  conversationId: string,
  a: { satisfaction: number; label: "negative" | "neutral" | "positive"; signals: string[] },
) {
  const signals = `{${a.signals.join(",")}}`;
  await db.execute(sql`
    insert into conversation_analyses (org_id, conversation_id, engine_version, message_count,
      satisfaction, sentiment_score, sentiment_label, trajectory, signal_names, result)
    values (${orgId}, ${conversationId}, 'test', 1, ${a.satisfaction}, ${a.satisfaction / 5 - 0.5},
      ${a.label}, 'flat', ${signals}::text[], '{}'::jsonb)
    on conflict (org_id, conversation_id) do update set satisfaction = excluded.satisfaction,
      sentiment_score = excluded.sentiment_score, sentiment_label = excluded.sentiment_label,
      signal_names = excluded.signal_names`);
}

const DAYS = ["2026-03-28T23:30:00Z", "2026-03-29T00:30:00Z", "2026-11-02T12:00:00Z"];
const CHANNELS = ["chat", "email", "phone"] as const;

type Op =
  | { kind: "add"; day: number; channel: number; agent: number; texts: number }
  | { kind: "analyse"; pick: number; satisfaction: number; label: number; signals: number }
  | { kind: "move"; pick: number; day: number; channel: number; agent: number }
  | { kind: "append"; pick: number }
  | { kind: "unanalyse"; pick: number }
  | { kind: "delete"; pick: number }
  | { kind: "compact" }
  | { kind: "rebuild" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("add" as const),
    day: fc.nat(2),
    channel: fc.nat(2),
    agent: fc.nat(2),
    texts: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant("analyse" as const),
    pick: fc.nat(),
    satisfaction: fc.integer({ min: 1, max: 5 }),
    label: fc.nat(2),
    signals: fc.nat(3),
  }),
  fc.record({
    kind: fc.constant("move" as const),
    pick: fc.nat(),
    day: fc.nat(2),
    channel: fc.nat(2),
    agent: fc.nat(2),
  }),
  fc.record({ kind: fc.constant("append" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("unanalyse" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.constant({ kind: "compact" as const }),
  fc.constant({ kind: "rebuild" as const }),
);

const SIGNAL_SETS = [[], ["complaint"], ["complaint", "escalation_request"], ["praise"]];
const LABELS = ["negative", "neutral", "positive"] as const;

async function apply(db: Db, org: TestOrg, ids: string[], op: Op): Promise<void> {
  const agents = [org.agentId, org.otherAgentId, null];
  const teams = [org.teamId, org.otherTeamId, null];
  const pick = (n: number) => (ids.length > 0 ? ids[n % ids.length]! : null);
  switch (op.kind) {
    case "add": {
      const id = await buildConversation(db, org.orgId, {
        startedAt: new Date(DAYS[op.day]!),
        channel: CHANNELS[op.channel]!,
        ...(agents[op.agent] ? { agentId: agents[op.agent]!, teamId: teams[op.agent]! } : {}),
        texts: Array.from({ length: op.texts }, (_, i) => `message ${i}`),
      });
      ids.push(id);
      return;
    }
    case "analyse": {
      const id = pick(op.pick);
      if (id) {
        await storeAnalysis(db, org.orgId, id, {
          satisfaction: op.satisfaction,
          label: LABELS[op.label]!,
          signals: SIGNAL_SETS[op.signals]!,
        });
      }
      return;
    }
    case "move": {
      const id = pick(op.pick);
      if (!id) return;
      await db.execute(sql`update conversations set started_at = ${DAYS[op.day]!}::timestamptz,
        channel = ${CHANNELS[op.channel]!}::channel, agent_id = ${agents[op.agent]}::uuid,
        team_id = ${teams[op.agent]}::uuid where org_id = ${org.orgId} and id = ${id}`);
      return;
    }
    case "append": {
      const id = pick(op.pick);
      if (!id) return;
      await db.execute(sql`update conversations set message_count = message_count + 1
        where org_id = ${org.orgId} and id = ${id}`);
      return;
    }
    case "unanalyse": {
      const id = pick(op.pick);
      if (!id) return;
      await db.execute(sql`delete from conversation_analyses
        where org_id = ${org.orgId} and conversation_id = ${id}`);
      return;
    }
    case "delete": {
      const id = pick(op.pick);
      if (!id) return;
      await db.execute(sql`delete from conversations where org_id = ${org.orgId} and id = ${id}`);
      ids.splice(ids.indexOf(id), 1);
      return;
    }
    case "compact":
      await compactRollups(db);
      return;
    case "rebuild":
      await rebuildRollups(db, org.orgId);
      return;
  }
}

describeEachBackend("report rollups", ({ database }) => {
  it("sum to the live tables after any sequence of writes, compactions and rebuilds", async () => {
    const db = database().db;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const org = await buildOrg(db);
        const ids = [org.conversationId, org.otherConversationId];
        for (const op of ops) await apply(db, org, ids, op);
        await expectRollupsMatch(db, org.orgId);
      }),
      { numRuns: 25 },
    );
  });

  it("fold a key's deltas into one row without changing the sums", async () => {
    const db = database().db;
    const org = await buildOrg(db);
    for (let i = 0; i < 4; i++) {
      await buildConversation(db, org.orgId, { agentId: org.agentId, teamId: org.teamId });
      // Unassigned: a key whose team and agent are null folds too (null matches null).
      await buildConversation(db, org.orgId);
    }
    const rowsBefore = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from conversation_rollups where org_id = ${org.orgId}`,
    );
    expect(rowsBefore[0]!.n).toBeGreaterThan(2);

    await compactRollups(db);

    const keys = await queryRows<{ rows: number }>(
      db,
      sql`select count(*)::int as rows from conversation_rollups where org_id = ${org.orgId}
          group by day, channel, team_id, agent_id`,
    );
    expect(keys.every((k) => k.rows === 1)).toBe(true);
    await expectRollupsMatch(db, org.orgId);
  });

  it("leave nothing behind when the organization is deleted, and touch no other org", async () => {
    const db = database().db;
    const org = await buildOrg(db);
    const other = await buildOrg(db);
    await storeAnalysis(db, org.orgId, org.conversationId, {
      satisfaction: 2,
      label: "negative",
      signals: ["complaint"],
    });

    await db.execute(sql`delete from organizations where id = ${org.orgId}`);

    const left = await queryRows<{ n: number }>(
      db,
      sql`select (select count(*) from conversation_rollups where org_id = ${org.orgId})::int
            + (select count(*) from signal_rollups where org_id = ${org.orgId})::int as n`,
    );
    expect(left[0]!.n).toBe(0);
    await expectRollupsMatch(db, other.orgId);
  });
});

/**
 * Promises benchmark (`npm run bench:promises`) on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL;
 * a scratch database is created and dropped). BENCH_PROMISES sets the size (default 200,000: one
 * promise per conversation, a third kept by a follow-up, a third broken by "still waiting", a third
 * broken by the deadline).
 * 1. Settling every overdue promise with the settling job (events loaded once per batch of 5,000,
 *    one update per 2,000), against a baseline that settles promise by promise (events queried
 *    and the row updated for each), timed on a sample and scaled up.
 * 2. The keep-rate report by team, agent and reason over 90 days, p50/p95, against a baseline that
 *    reads every promise and counts in the process. By reason the report reads each conversation's
 *    reason as it is now (intent, contact reason or neither: a third each).
 */
import { sql } from "drizzle-orm";
import { queryRows } from "../src/db/client.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import { keepRateReport, settleOverduePromises } from "../src/domains/promises/index.ts";
import { settlePromise, type PromiseEvent } from "../src/domains/promises/clock.ts";
import * as repo from "../src/domains/promises/promises.repo.ts";
import { machineLine, p50p95, percentile, timeMany, withScratchPostgres } from "./scratch-db.ts";

const N = Number(process.env.BENCH_PROMISES ?? 200_000);
const CUSTOMERS = Math.max(10, Math.floor(N / 4));
const BASELINE_SAMPLE = 300;

const fmt = p50p95;

await withScratchPostgres("promises", async (database) => {
  const db = database.db;
  console.log(machineLine());
  const org = await createOrg(db, "bench", "Bench");
  const o = org.id;
  const t0 = performance.now();
  await db.execute(sql`insert into teams (org_id, id, name)
    select ${o}::uuid, md5('team' || t)::uuid, 'Team ' || t from generate_series(0, 5) t`);
  await db.execute(sql`insert into agents (org_id, id, name, team_id)
    select ${o}::uuid, md5('agent' || a)::uuid, 'Agent ' || a, md5('team' || (a % 6))::uuid
    from generate_series(0, 59) a`);
  await db.execute(sql`insert into customers (org_id, id)
    select ${o}::uuid, md5('c' || i)::uuid from generate_series(0, ${CUSTOMERS - 1}) i`);
  await db.execute(sql`insert into conversations (org_id, id, source, external_id, channel, customer_id,
      agent_id, team_id, started_at, message_count)
    select ${o}::uuid, md5('v' || i)::uuid, 'bench', 'v' || i, 'email', md5('c' || (i % ${CUSTOMERS}))::uuid,
      md5('agent' || (i % 60))::uuid, md5('team' || (i % 6))::uuid,
      now() - interval '95 days' + (i::float8 / ${N}) * interval '90 days', 3
    from generate_series(0, ${N - 1}) i`);
  await db.execute(sql`insert into messages (org_id, conversation_id, seq, role, text, ts)
    select ${o}::uuid, md5('v' || i)::uuid, s.seq, s.role::message_role, s.text,
      c.started_at + s.after
    from generate_series(0, ${N - 1}) i
    join conversations c on c.org_id = ${o} and c.id = md5('v' || i)::uuid
    cross join lateral (values
      (0, 'customer', 'My refund has not arrived.', interval '0'),
      (1, 'agent', 'I will call you back within 24 hours.', interval '1 minute'),
      (2, case when i % 3 = 1 then 'customer' else 'agent' end,
          case when i % 3 = 1 then 'I am still waiting for the call back.' else 'Calling back as promised.' end,
          case i % 3 when 0 then interval '5 hours' when 1 then interval '20 hours' else interval '30 hours' end)
    ) as s(seq, role, text, after)`);
  await db.execute(sql`insert into promises (org_id, conversation_id, message_id, customer_id, agent_id,
      team_id, channel, reason, quote, promised_at, due_text, due_at, status)
    select m.org_id, m.conversation_id, m.id, c.customer_id, c.agent_id, c.team_id, c.channel,
      'reason ' || (abs(hashtext(c.id::text)) % 12), m.text, m.ts, 'PT24H', m.ts + interval '24 hours', 'pending'
    from messages m join conversations c on c.org_id = m.org_id and c.id = m.conversation_id
    where m.org_id = ${o} and m.seq = 1`);
  // Reasons as reasonOf reads them at report time: a third by the source's intent, a third by a
  // contact reason (twelve of them), a third unclassified.
  await db.execute(sql`update conversations set metadata = jsonb_build_object('intent', 'intent ' || (abs(hashtext(id::text)) % 12))
    where org_id = ${o} and abs(hashtext(id::text || 'k')) % 3 = 0`);
  await db.execute(sql`insert into contact_reasons (org_id, id, label)
    select ${o}::uuid, md5('reason' || r)::uuid, 'reason ' || r from generate_series(0, 11) r`);
  await db.execute(sql`insert into conversation_reasons (org_id, conversation_id, reason_id, started_at)
    select org_id, id, md5('reason' || (abs(hashtext(id::text)) % 12))::uuid, started_at from conversations
    where org_id = ${o} and abs(hashtext(id::text || 'k')) % 3 = 1`);
  await db.execute(sql`analyze`);
  console.log(
    `${N.toLocaleString()} promises in ${((performance.now() - t0) / 1000).toFixed(0)} s of setup`,
  );

  // Baseline: one promise at a time (its own events query, its own update), on a sample.
  const sample = await repo.findOverdue(db, new Date(), BASELINE_SAMPLE);
  const b0 = performance.now();
  for (const p of sample) {
    const events = await repo.findEvents(db, o, {
      conversationIds: [p.conversationId],
      customerIds: p.customerId ? [p.customerId] : [],
      since: p.promisedAt,
    });
    const s = settlePromise(
      p,
      events.flatMap((e): PromiseEvent[] =>
        e.kind === "customer_message"
          ? e.text && /still waiting/i.test(e.text)
            ? [{ kind: "customer_waiting" as const, at: e.at }]
            : []
          : [{ kind: e.kind, at: e.at }],
      ),
      new Date(),
    );
    await repo.updateSettlements(db, o, [{ id: p.id, ...s }]);
  }
  const perPromiseBaseline = (performance.now() - b0) / sample.length;

  const s0 = performance.now();
  let settled = sample.length;
  for (;;) {
    const n = await settleOverduePromises(db);
    if (n === 0) break;
    settled += n;
  }
  const settleMs = performance.now() - s0;
  const perPromise = settleMs / Math.max(1, settled - sample.length);
  console.log(
    `settling ${settled.toLocaleString()} overdue promises: ${(settleMs / 1000).toFixed(1)} s ` +
      `(${Math.round(1000 / perPromise).toLocaleString()}/s); promise by promise: ` +
      `${Math.round(1000 / perPromiseBaseline).toLocaleString()}/s; ratio ${(perPromiseBaseline / perPromise).toFixed(1)}× faster`,
  );
  const [check] = await queryRows<{ kept: number; broken: number }>(
    db,
    sql`select count(*) filter (where status = 'kept')::int as kept,
          count(*) filter (where status = 'broken')::int as broken from promises`,
  );
  console.log(
    `  outcome: ${check!.kept.toLocaleString()} kept, ${check!.broken.toLocaleString()} broken`,
  );

  for (const by of ["team", "agent", "reason"] as const) {
    const report = await timeMany(10, () => keepRateReport(db, o, { by }));
    const baseline = await timeMany(3, async () => {
      const rows = await queryRows<{ team_id: string; status: string }>(
        db,
        sql`select team_id, agent_id, reason, status from promises
            where org_id = ${o} and promised_at >= now() - interval '90 days'`,
      );
      const counts = new Map<string, number>();
      for (const r of rows)
        counts.set(`${r.team_id}|${r.status}`, (counts.get(`${r.team_id}|${r.status}`) ?? 0) + 1);
      return counts;
    });
    console.log(
      `keep rate by ${by}: ${fmt(report)} (target p95 < 300 ms); read-all baseline ${fmt(baseline)}; ` +
        `ratio ${(percentile(baseline, 50) / percentile(report, 50)).toFixed(1)}×`,
    );
  }
});

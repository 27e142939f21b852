/**
 * Search and paging benchmark (`npm run bench:search`): 1,000,000 conversations with 1,000,000
 * messages of real customer-service text in PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL;
 * a scratch database is created and dropped), then:
 * - full-text search through the API's own query (`listConversations` with `q`), p50/p95 over a
 *   mix of rare and common words; baseline in the same process: the naive `ILIKE '%word%'` scan;
 * - conversation list paging: a page deep into the list by keyset cursor (what the API does) against
 *   the same page by OFFSET (the baseline).
 * Target (issue 4): search over 1 M messages answers in p95 < 200 ms. Set BENCH_SEARCH_ROWS to
 * change the size (default 1,000,000).
 */
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../src/db/client.ts";
import { listConversations } from "../src/domains/conversations/index.ts";
import { encodeKeysetCursor, keysetAt } from "../src/lib/cursor.ts";
import { createOrg } from "../src/domains/orgs/index.ts";
import type { Principal } from "../src/http/context.ts";
import { machineLine, percentile, withScratchPostgres } from "./scratch-db.ts";
import { buildConversations } from "./corpus.ts";

const ROWS = Number(process.env.BENCH_SEARCH_ROWS ?? 1_000_000);

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

async function seed(database: Database, orgId: string): Promise<void> {
  // Real texts (Bitext, GoEmotions lines shipped in demo-data), spread over the rows server-side.
  const texts = buildConversations(800, "s").flatMap((c) => c.messages.map((m) => m.text));
  const started = performance.now();
  const step = 100_000;
  for (let from = 0; from < ROWS; from += step) {
    const to = Math.min(ROWS, from + step) - 1;
    await database.db.execute(sql`
      insert into conversations (org_id, id, source, external_id, channel, status, started_at, message_count)
      select ${orgId}::uuid, md5('c' || i)::uuid, 'bench', 'c' || i,
        (array['phone','email','chat','social'])[1 + i % 4]::channel, 'closed',
        timestamptz '2026-01-01' + (i * interval '31 seconds'), 1
      from generate_series(${from}::int, ${to}::int) as i`);
    await database.db.execute(sql`
      insert into messages (org_id, conversation_id, seq, role, text, ts)
      select ${orgId}::uuid, md5('c' || i)::uuid, 0, 'customer',
        (${JSON.stringify(texts)}::jsonb ->> ((i::bigint * 7919) % ${texts.length})::int) || ' #' || i,
        timestamptz '2026-01-01' + (i * interval '31 seconds')
      from generate_series(${from}::int, ${to}::int) as i`);
    process.stderr.write(`\r  seeded ${to + 1} / ${ROWS} conversations and messages`);
  }
  await database.db.execute(sql`analyze`);
  process.stderr.write(`\n  seeding took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

async function main(): Promise<void> {
  console.log(`search benchmark — ${ROWS} conversations and messages, ${machineLine()}`);
  await withScratchPostgres("search", async (database) => {
    const org = await createOrg(database.db, "bench", "Bench");
    await seed(database, org.id);
    const principal: Principal = {
      kind: "apikey",
      orgId: org.id,
      apiKeyId: "00000000-0000-0000-0000-000000000000",
      scopes: ["read"],
    };

    const words = [
      "refund",
      "invoice",
      "cancel order",
      "password",
      "delivery",
      '"shipping address"',
      "angry",
      "newsletter",
      "complaint",
      "voucher",
    ];
    for (const q of words) await listConversations(database.db, principal, { q, limit: 50 }); // warm the cache
    const latencies: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of words)
        latencies.push(
          (await time(() => listConversations(database.db, principal, { q, limit: 50 })))[0],
        );
    }
    const naive: number[] = [];
    for (const q of words.slice(0, 3)) {
      const [ms] = await time(() =>
        queryRows(
          database.db,
          sql`
          select c.id from conversations c
          where c.org_id = ${org.id} and exists (select 1 from messages m where m.org_id = c.org_id and m.conversation_id = c.id
            and m.text ilike ${`%${q.replaceAll('"', "")}%`})
          order by c.started_at desc, c.id desc limit 50`,
        ),
      );
      naive.push(ms);
    }
    const p95 = percentile(latencies, 95);
    console.log("\nfull-text search, first page of 50 (through listConversations):");
    console.log(
      `  p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${latencies.length} queries (target p95 < 200 ms: ${p95 < 200 ? "met" : "NOT met"})`,
    );
    const naiveMedian = percentile(naive, 50);
    console.log(
      `  baseline ILIKE scan: median ${naiveMedian.toFixed(0)} ms → search is ${(naiveMedian / percentile(latencies, 50)).toFixed(0)}× faster`,
    );

    // Paging: walk to a page ~half-way down with cursors, then compare fetching it by cursor vs OFFSET.
    const depth = Math.floor(ROWS / 2);
    const [cursorRow] = await queryRows<{ at: string; id: string }>(
      database.db,
      sql`
      select ${keysetAt(sql`started_at`)} as at, id from conversations
      where org_id = ${org.id} order by started_at desc, id desc offset ${depth} limit 1`,
    );
    const cursor = encodeKeysetCursor(cursorRow!.at, cursorRow!.id, "after");
    const keyset: number[] = [];
    const offset: number[] = [];
    for (let i = 0; i < 10; i++) {
      keyset.push(
        (await time(() => listConversations(database.db, principal, { cursor, limit: 50 })))[0],
      );
      offset.push(
        (
          await time(() =>
            queryRows(
              database.db,
              sql`
        select id from conversations where org_id = ${org.id} order by started_at desc, id desc offset ${depth} limit 50`,
            ),
          )
        )[0],
      );
    }
    console.log(`\nconversation list, page at row ${depth} of ${ROWS}:`);
    console.log(
      `  keyset cursor (API): p50 ${percentile(keyset, 50).toFixed(1)} ms; baseline OFFSET: p50 ${percentile(offset, 50).toFixed(0)} ms → ${(percentile(offset, 50) / percentile(keyset, 50)).toFixed(0)}× faster`,
    );
    const first: number[] = [];
    for (let i = 0; i < 10; i++)
      first.push((await time(() => listConversations(database.db, principal, { limit: 50 })))[0]);
    console.log(`  first page (API): p50 ${percentile(first, 50).toFixed(1)} ms`);
  });
}

await main();

/**
 * `fix_conversations`: the conversations each fix's saved search matches, so a fix's impact reads
 * them by (fix, started_at), with the analysis facts it counts, instead of matching the search over
 * the window's messages and probing each one's analysis. Every
 * writer here is idempotent; the impact falls back to matching live while a fix is not filled.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import { fixes } from "../../db/schema/index.ts";
import { hasMessageMatching, websearchQuery } from "../../db/search-query.ts";
import type { FixTarget } from "./fixes.repo.ts";

const COLUMNS = sql.raw(
  "org_id, fix_id, conversation_id, started_at, repeat_contact, complaint, satisfaction",
);
/**
 * The facts a fix's impact counts from a conversation's analysis `a` (see `analysisOf`): its
 * `repeat_contact` and `complaint` signals and its predicted satisfaction; false, false and null
 * while it has no analysis. Stored here, and read live by the impact while a fix is not filled.
 */
export const ANALYSIS_FACTS = sql`coalesce('repeat_contact' = any(a.signal_names), false) as repeat_contact,
  coalesce('complaint' = any(a.signal_names), false) as complaint, a.satisfaction`;

/** Joins a conversation to its analysis `a`, if it has one yet. */
export const analysisOf = (orgId: SQL, conversationId: SQL) => sql`left join conversation_analyses a
  on a.org_id = ${orgId} and a.conversation_id = ${conversationId}`;

const ANALYSIS = analysisOf(sql`c.org_id`, sql`c.id`);

/** A row of the fix for conversation `c`: its start and its analysis facts. */
function factsOf(fixId: SQL): SQL {
  return sql`c.org_id, ${fixId}, c.id, c.started_at, ${ANALYSIS_FACTS}`;
}

/**
 * Rewrites the fix's rows for its current target and records the search they were filled for.
 * Runs after the fix (or its new target) is committed: a conversation committed after this snapshot is matched by the
 * `conversations.changed` listener, which then sees the fix. The fix row stays locked meanwhile, so
 * a target edit waits instead of being overtaken by an older fill.
 */
export async function fillFixConversations(db: Db, orgId: string, fixId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [fix] = await queryRows<{ target: FixTarget }>(
      tx,
      sql`select target from fixes where org_id = ${orgId} and id = ${fixId} for update`,
    );
    if (!fix) return;
    await tx.execute(
      sql`delete from fix_conversations where org_id = ${orgId} and fix_id = ${fixId}`,
    );
    if (fix.target.search) {
      await tx.execute(sql`insert into fix_conversations (${COLUMNS})
        select ${factsOf(sql`${fixId}::uuid`)} from conversations c ${ANALYSIS}
        where c.org_id = ${orgId} and c.id in (select m.conversation_id from messages m
          where m.org_id = ${orgId} and m.search @@ ${websearchQuery(fix.target.search)})`);
    }
    await tx
      .update(fixes)
      .set({ searchFilledFor: fix.target.search ?? null })
      .where(and(eq(fixes.orgId, orgId), eq(fixes.id, fixId)));
  });
}

/** Fixes whose rows were not filled for their current saved search (an edited target, an old fix). */
export async function findUnfilledFixes(db: Db, orgId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from fixes where org_id = ${orgId} and target ? 'search'
          and search_filled_for is distinct from target ->> 'search'`,
  );
  return rows.map((r) => r.id);
}

/**
 * Brings the given conversations' rows up to date for every fix with a saved search: adds the
 * ones a fix now matches and refreshes their start and analysis facts (this runs after each
 * (re-)analysis, as the `conversations.changed` listener), drops the ones it no longer matches. The
 * fixes are read `for share`, so a target edit or delete waits for this and the refill after it
 * sees these rows.
 */
export async function matchFixSearches(
  db: Db,
  orgId: string,
  conversationIds: string[],
): Promise<void> {
  await db.transaction(async (tx) => {
    const searches = await queryRows<{ id: string; search: string }>(
      tx,
      sql`select id, target ->> 'search' as search from fixes
          where org_id = ${orgId} and target ? 'search' for share`,
    );
    const ids = uuids(conversationIds);
    for (const f of searches) {
      const matches = hasMessageMatching(sql`c.org_id`, sql`c.id`, f.search);
      await tx.execute(sql`insert into fix_conversations (${COLUMNS})
        select ${factsOf(sql`${f.id}::uuid`)} from conversations c ${ANALYSIS}
        where c.org_id = ${orgId} and c.id = any(${ids}) and ${matches}
        on conflict (org_id, fix_id, conversation_id) do update set started_at = excluded.started_at,
          repeat_contact = excluded.repeat_contact, complaint = excluded.complaint,
          satisfaction = excluded.satisfaction, updated_at = now()
        where (fix_conversations.started_at, fix_conversations.repeat_contact,
            fix_conversations.complaint, fix_conversations.satisfaction)
          is distinct from (excluded.started_at, excluded.repeat_contact, excluded.complaint,
            excluded.satisfaction)`);
      await tx.execute(sql`delete from fix_conversations fc using conversations c
        where fc.org_id = ${orgId} and fc.fix_id = ${f.id}::uuid and fc.conversation_id = any(${ids})
          and c.org_id = fc.org_id and c.id = fc.conversation_id and not ${matches}`);
    }
  });
}

import type { Db } from "../../db/client.ts";
import {
  findChangedSince,
  findConversationsWithoutFacts,
  findEarlierContacts,
  findReasonChanged,
  findRollupKeys,
  upsertFacts,
  type RollupKey,
} from "./facts.repo.ts";
import {
  baselinesStale,
  countBaselines,
  countWithoutBaseline,
  rebuildRollups,
  refreshBaselines,
} from "./rollups.repo.ts";

/** Conversations refreshed per statement: keeps each rebuild's key lists and locks short. */
const CHUNK = 500;

/**
 * Brings facts and rollups up to date for these conversations: their own facts, then the same
 * customer's earlier contacts (a new contact may make one of them a repeat), then the rollup keys
 * they had before and have now. Idempotent: the `conversations.changed` listener and the catch-up
 * both call it.
 */
export async function refreshConversations(db: Db, orgId: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const before = await findRollupKeys(db, orgId, chunk);
    await upsertFacts(db, orgId, chunk);
    const earlier = await findEarlierContacts(db, orgId, chunk);
    if (earlier.length > 0) await upsertFacts(db, orgId, earlier);
    const after = await findRollupKeys(db, orgId, [...chunk, ...earlier]);
    if ((await countBaselines(db, orgId)) === 0) {
      await refreshBaselines(db, orgId);
      await rebuildRollups(db, orgId, "all");
    } else {
      await rebuildRollups(db, orgId, uniqueKeys([...before, ...after]));
      if (await baselinesStale(db, orgId)) await rebaseOrg(db, orgId);
    }
  }
}

function uniqueKeys(keys: RollupKey[]): RollupKey[] {
  const seen = new Map<string, RollupKey>();
  for (const k of keys) seen.set(`${k.agentId}|${k.week}`, k);
  return [...seen.values()];
}

/**
 * When this many refreshed conversations fall in a case-mix stratum the stratum means do not know
 * (an insights re-clustering gave them new reasons), the means are recomputed at once rather than
 * at the daily rebase: until then their expected values would fall back to the org's mean. Counting
 * unknown strata, not moved conversations, rebases once per re-clustering, not once per batch
 * while its moves drain, and not for the reasons new conversations get every hour.
 */
export const UNKNOWN_STRATA_REBASE_AT = 500;

/**
 * The periodic catch-up: conversations without facts, those whose human QA, survey answers, cases,
 * promises or analysis changed since `since` (these raise no `conversations.changed` event), and
 * those insights gave another contact reason. Returns how many it refreshed.
 */
export async function catchUp(
  db: Db,
  orgId: string,
  since: Date,
  limit = 5_000,
  rebaseAt = UNKNOWN_STRATA_REBASE_AT,
): Promise<number> {
  const missing = await findConversationsWithoutFacts(db, orgId, limit);
  const changed = (await findChangedSince(db, orgId, since, limit)).map((r) => r.id);
  const reasons = await findReasonChanged(db, orgId, limit);
  const ids = [...new Set([...missing, ...changed, ...reasons])];
  await refreshConversations(db, orgId, ids);
  if (reasons.length > 0 && (await countWithoutBaseline(db, orgId, reasons)) >= rebaseAt)
    await rebaseOrg(db, orgId);
  return ids.length;
}

/**
 * Recomputes the org's stratum means and every rollup from them: the expected values drift as the
 * org's data grows, so this runs daily (and from `rapport people rebuild`-style maintenance).
 */
export async function rebaseOrg(db: Db, orgId: string): Promise<void> {
  await refreshBaselines(db, orgId);
  await rebuildRollups(db, orgId, "all");
}

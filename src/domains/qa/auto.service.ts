import type { Db } from "../../db/client.ts";
import * as evaluations from "./evaluations.repo.ts";
import * as scorecards from "./scorecards.repo.ts";
import { assignReviews } from "./queue.service.ts";
import type { FactMessage } from "./rules.ts";
import { autoAnswers, scoreAnswers } from "./score.ts";

/**
 * Automatic QA on every conversation: each one is scored against every published scorecard version
 * for its channel, whatever its age, length, source or number of agents. Idempotent: scoring again
 * rewrites the same row (one per conversation and version) only when the result changed.
 */
export async function scoreConversations(
  db: Db,
  orgId: string,
  conversationIds: readonly string[],
  opts: { only?: scorecards.VersionRow; assign?: boolean } = {},
): Promise<number> {
  const versions = opts.only ? [opts.only] : await publishedVersions(db, orgId);
  if (versions.length === 0 || conversationIds.length === 0) return 0;
  const batch = await loadBatch(db, orgId, conversationIds);
  const rows = buildRows(versions, batch, opts.only !== undefined);
  await evaluations.upsertAutoEvaluations(db, orgId, rows);
  if (opts.assign) await assignReviews(db, orgId, batch.keys, rows);
  return rows.length;
}

interface Batch {
  keys: evaluations.ConversationKeys[];
  messages: Map<string, FactMessage[]>;
}

async function loadBatch(db: Db, orgId: string, ids: readonly string[]): Promise<Batch> {
  const [keys, messages] = await Promise.all([
    evaluations.loadConversationKeys(db, orgId, ids),
    evaluations.loadFactMessages(db, orgId, ids),
  ]);
  return { keys, messages };
}

/** The automatic evaluation rows of a batch (CPU only). */
function buildRows(
  versions: readonly scorecards.VersionRow[],
  { keys, messages }: Batch,
  backfill: boolean,
): evaluations.AutoEvaluationRow[] {
  const rows: evaluations.AutoEvaluationRow[] = [];
  for (const conv of keys) {
    const facts = { messages: messages.get(conv.id) ?? [], agentId: conv.agent_id };
    // A back-fill leaves conversations not analysed yet to the listener, which scores them once their
    // analysis is stored: scoring them now would race it with answers from no signals at all.
    if (backfill && conv.satisfaction === null && facts.messages.length > 0) continue;
    for (const v of versions) {
      if (!v.channels.includes(conv.channel)) continue;
      const answers = autoAnswers(v.definition, facts);
      rows.push({
        conversation_id: conv.id,
        scorecard_id: v.scorecard_id,
        version_id: v.id,
        version: v.version,
        agent_id: conv.agent_id,
        team_id: conv.team_id,
        customer_id: conv.customer_id,
        channel: conv.channel,
        week: conv.week,
        score: scoreAnswers(v.definition, answers),
        answers,
      });
    }
  }
  return rows;
}

/** The published versions; an org without its starter scorecards (made outside `rapport org create`) gets them first. */
async function publishedVersions(db: Db, orgId: string) {
  const versions = await scorecards.listPublishedVersions(db, orgId);
  if (versions.some((v) => v.starter_key !== null)) return versions;
  await scorecards.insertStarterScorecards(db, orgId);
  return scorecards.listPublishedVersions(db, orgId);
}

/** Conversations per back-fill step: large enough for set-based writes, small enough to report progress. */
export const BACKFILL_PAGE = 1000;

/**
 * Scores every stored conversation of the version's channels against a newly published version,
 * page by page in id order, recording progress in `qa_backfills` after each page.
 */
export async function runBackfill(
  db: Db,
  orgId: string,
  backfillId: string,
  versionId: string,
): Promise<void> {
  const version = await scorecards.findVersionById(db, orgId, versionId);
  if (!version || version.status !== "published") return;
  const page = (afterId: string | null) =>
    evaluations.pageConversationIds(db, orgId, version.channels, afterId, BACKFILL_PAGE);
  let ids = await page(null);
  let loading = ids.length > 0 ? loadBatch(db, orgId, ids) : null;
  let done = 0;
  while (loading) {
    const batch = await loading;
    // Read the next page while this one is written: the database and the rules work side by side.
    const next = ids.length === BACKFILL_PAGE ? await page(ids[ids.length - 1]!) : [];
    loading = next.length > 0 ? loadBatch(db, orgId, next) : null;
    // Handled here too, so a failed write below does not leave a rejected read unobserved.
    loading?.catch(() => undefined);
    await evaluations.upsertAutoEvaluations(db, orgId, buildRows([version], batch, true));
    done += ids.length;
    ids = next;
    await scorecards.updateBackfill(db, orgId, backfillId, done, loading === null);
  }
  if (done === 0) await scorecards.updateBackfill(db, orgId, backfillId, 0, true);
}

import type { Db } from "../../db/client.ts";
import * as evaluations from "./evaluations.repo.ts";
import * as scorecards from "./scorecards.repo.ts";
import { assignReviews } from "./queue.service.ts";
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
  const { only } = opts;
  const versions = only ? [only] : await publishedVersions(db, orgId);
  if (versions.length === 0 || conversationIds.length === 0) return 0;
  const [keys, messages] = await Promise.all([
    evaluations.loadConversationKeys(db, orgId, conversationIds),
    evaluations.loadFactMessages(db, orgId, conversationIds),
  ]);
  const rows: evaluations.AutoEvaluationRow[] = [];
  for (const conv of keys) {
    const facts = { messages: messages.get(conv.id) ?? [], agentId: conv.agent_id };
    // A back-fill leaves conversations not analysed yet to the listener, which scores them once their
    // analysis is stored: scoring them now would race it with answers from no signals at all.
    if (only && conv.satisfaction === null && facts.messages.length > 0) continue;
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
  await evaluations.upsertAutoEvaluations(db, orgId, rows);
  if (opts.assign) await assignReviews(db, orgId, keys, rows);
  return rows.length;
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
  let afterId: string | null = null;
  let done = 0;
  for (;;) {
    const ids = await evaluations.pageConversationIds(
      db,
      orgId,
      version.channels,
      afterId,
      BACKFILL_PAGE,
    );
    if (ids.length === 0) break;
    await scoreConversations(db, orgId, ids, { only: version });
    done += ids.length;
    afterId = ids[ids.length - 1]!;
    await scorecards.updateBackfill(db, orgId, backfillId, done, false);
    if (ids.length < BACKFILL_PAGE) break;
  }
  await scorecards.updateBackfill(db, orgId, backfillId, done, true);
}

import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { findCasesFinishedSince } from "../cases/index.ts";
import { decidePairs, type DecideOptions } from "./invitations.service.ts";
import * as invitationsRepo from "./invitations.repo.ts";
import * as repo from "./surveys.repo.ts";

export const CASE_CLOSED_JOB = "surveys.invite-case-closed";
/** Closed cases are looked for every five minutes; a survey after a complaint need not be instant. */
export const CASE_CLOSED_EVERY_MS = 300_000;
/** Cases finished longer ago than this are never surveyed: the customer has moved on. */
const LOOKBACK_MS = 7 * 86_400_000;
const BATCH = 5_000;

/**
 * "Complaint case closed" surveys (`trigger: {event: "case_closed", categories?}`): each case
 * resolved or closed since the survey was created (at most a week ago) is surveyed about its
 * conversation, under the same contact-pressure budget as every other invitation. Idempotent: a
 * (survey, conversation) pair is decided once, so a case reopened and closed again is not
 * surveyed twice. Cases without a conversation are not surveyed (an invitation joins to one).
 */
export async function inviteOnClosedCases(
  deps: { db: Db; queue: Queue },
  opts: DecideOptions = {},
): Promise<{ invited: number; suppressed: number }> {
  const now = opts.now ?? new Date();
  const total = { invited: 0, suppressed: 0 };
  for (const survey of await invitationsRepo.listActiveSurveysOn(deps.db, "case_closed")) {
    if (survey.trigger.event !== "case_closed") continue;
    const categories = survey.trigger.categories;
    const since = new Date(Math.max(survey.createdAt.getTime(), now.getTime() - LOOKBACK_MS));
    const result = await deps.db.transaction(async (db) => {
      await repo.lockOrgDecisions(db, survey.orgId);
      const finished = (await findCasesFinishedSince(db, survey.orgId, since, BATCH)).filter(
        (c) => !categories || (c.category !== null && categories.includes(c.category)),
      );
      const conversationIds = [...new Set(finished.map((c) => c.conversationId!))];
      const convs = await invitationsRepo.findCandidateConversations(
        db,
        survey.orgId,
        conversationIds,
      );
      const order = new Map(conversationIds.map((id, i) => [id, i]));
      const pairs = convs
        .filter((conv) => !conv.decidedSurveyIds.includes(survey.id))
        .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
        .map((conv) => ({ conv, survey }));
      return decidePairs({ db, queue: deps.queue }, survey.orgId, pairs, { ...opts, now });
    });
    total.invited += result.invited;
    total.suppressed += result.suppressed;
  }
  return total;
}

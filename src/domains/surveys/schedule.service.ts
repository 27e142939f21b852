import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { decidePairs, type DecideOptions } from "./invitations.service.ts";
import * as repo from "./surveys.repo.ts";
import * as invitationsRepo from "./invitations.repo.ts";

export const SCHEDULE_JOB = "surveys.run-schedules";
/** Relationship surveys are checked hourly; at most this many customers per survey per run. */
export const SCHEDULE_EVERY_MS = 3_600_000;
export const SCHEDULE_BATCH = 5_000;

/**
 * Relationship surveys (`trigger: {event: "schedule", everyDays}`, typically NPS): each customer
 * with an email address who has not had this survey for `everyDays` is considered, anchored on
 * their latest conversation (so answers join to a conversation, agent and team), and decided under
 * the same contact-pressure budget as every other invitation.
 */
export async function runScheduledSurveys(
  deps: { db: Db; queue: Queue },
  opts: DecideOptions = {},
): Promise<{ invited: number; suppressed: number }> {
  const now = opts.now ?? new Date();
  const total = { invited: 0, suppressed: 0 };
  for (const survey of await invitationsRepo.listActiveSurveysOn(deps.db, "schedule")) {
    if (survey.trigger.event !== "schedule") continue;
    const everyDays = survey.trigger.everyDays;
    const result = await deps.db.transaction(async (db) => {
      await repo.lockOrgDecisions(db, survey.orgId);
      const candidates = await invitationsRepo.findRelationshipCandidates(
        db,
        survey.orgId,
        survey.id,
        new Date(now.getTime() - everyDays * 86_400_000),
        SCHEDULE_BATCH,
      );
      // A conversation this survey decided before (a customer whose latest conversation is
      // unchanged since the last round) has its decision: each pair is decided once.
      const pairs = candidates
        .filter((conv) => !conv.decidedSurveyIds.includes(survey.id))
        .map((conv) => ({
          conv,
          survey,
          minIntervalDays: Math.max(everyDays, survey.rules.minIntervalDays),
        }));
      return decidePairs({ db, queue: deps.queue }, survey.orgId, pairs, { ...opts, now });
    });
    total.invited += result.invited;
    total.suppressed += result.suppressed;
  }
  return total;
}

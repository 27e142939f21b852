import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { summarisePulse } from "./pulse-results.ts";
import * as repo from "./pulse.repo.ts";
import {
  DEFAULT_PULSE_QUESTION,
  MIN_GROUP,
  type CreatePulseBody,
  type Pulse,
  type PulseAnswerBody,
  type PulseResults,
} from "./pulse.schemas.ts";
import { checkTeams } from "./surveys.service.ts";

/** Employee pulse surveys (eNPS): answered in the app, results only for groups of five or more. */

function isOpen(row: repo.PulseRow, now: Date) {
  return row.closedAt === null && (row.closesAt === null || row.closesAt > now);
}

function toPulse(
  row: repo.PulseRow,
  now: Date,
  me: { teamId: string | null; answered: Set<string> } | null,
): Pulse {
  return {
    id: row.id,
    name: row.name,
    question: row.question,
    anonymous: row.anonymous,
    teamIds: row.teamIds ?? null,
    invited: row.invited,
    closesAt: row.closesAt?.toISOString() ?? null,
    open: isOpen(row, now),
    answered: me ? me.answered.has(row.id) : null,
    forMe: me ? inAudience(row, me.teamId) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

function inAudience(row: repo.PulseRow, teamId: string | null) {
  return row.teamIds === null || (teamId !== null && row.teamIds.includes(teamId));
}

export async function createPulse(db: Db, orgId: string, body: CreatePulseBody, now = new Date()) {
  await checkTeams(db, orgId, body.teamIds, "body.teamIds");
  const closesAt = body.closesAt ? new Date(body.closesAt) : null;
  if (closesAt && closesAt <= now)
    throw new AppError("VALIDATION_FAILED", { message: "body.closesAt must be in the future" });
  const teamIds = body.teamIds ?? null;
  const row = await repo.insertPulse(db, {
    orgId,
    name: body.name,
    question: body.question ?? DEFAULT_PULSE_QUESTION,
    anonymous: body.anonymous,
    teamIds,
    invited: await repo.countAudience(db, orgId, teamIds),
    closesAt,
  });
  if (!row)
    throw new AppError("SURVEY_NAME_TAKEN", { message: `a pulse named "${body.name}" exists` });
  return toPulse(row, now, null);
}

/** The organization's pulses; for a signed-in user, whether each is for them and answered. */
export async function listPulses(db: Db, orgId: string, userId: string | null, now = new Date()) {
  const rows = await repo.listPulses(db, orgId);
  const me = userId
    ? {
        teamId: (await repo.findMemberTeam(db, orgId, userId)) ?? null,
        answered: await repo.listAnsweredBy(db, orgId, userId),
      }
    : null;
  return rows.map((r) => toPulse(r, now, me));
}

async function requirePulse(db: Db, orgId: string, id: string) {
  const row = await repo.findPulse(db, orgId, id);
  if (!row) throw new AppError("PULSE_NOT_FOUND", { message: "No such pulse survey" });
  return row;
}

/** One answer per user; an anonymous pulse stores the answer without the user. */
export async function answerPulse(
  db: Db,
  orgId: string,
  userId: string,
  pulseId: string,
  body: PulseAnswerBody,
  now = new Date(),
) {
  const row = await requirePulse(db, orgId, pulseId);
  if (!isOpen(row, now)) throw new AppError("PULSE_CLOSED", { message: "This pulse is closed" });
  const teamId = (await repo.findMemberTeam(db, orgId, userId)) ?? null;
  if (!inAudience(row, teamId))
    throw new AppError("PULSE_NOT_FOR_YOU", { message: "This pulse is for other teams" });
  const answeredOn = now.toISOString().slice(0, 10);
  await db.transaction(async (tx) => {
    if (!(await repo.claimParticipation(tx, { orgId, pulseId, userId, answeredOn })))
      throw new AppError("PULSE_ALREADY_ANSWERED", { message: "You have answered this pulse" });
    await repo.insertResponse(tx, {
      orgId,
      pulseId,
      teamId,
      userId: row.anonymous ? null : userId,
      score: body.score,
      comment: body.comment || null,
      answeredOn,
    });
  });
}

export async function closePulse(db: Db, orgId: string, id: string, now = new Date()) {
  await requirePulse(db, orgId, id);
  await repo.closePulse(db, orgId, id, now);
  return toPulse((await repo.findPulse(db, orgId, id))!, now, null);
}

export async function pulseResults(db: Db, orgId: string, id: string): Promise<PulseResults> {
  const row = await requirePulse(db, orgId, id);
  const answers = await repo.listAnswers(db, orgId, id);
  const summary = summarisePulse(answers, await repo.teamNames(db, orgId), MIN_GROUP);
  return { pulseId: id, invited: row.invited, minGroup: MIN_GROUP, ...summary };
}

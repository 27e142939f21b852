import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { analyzeComment, checkSubmission } from "./answers.ts";
import { deliveryConfig } from "./delivery.ts";
import { perObject } from "../../lib/per-object.ts";
import { GroupCommit } from "./group-commit.ts";
import * as responsesRepo from "./responses.repo.ts";
import type { RespondBody } from "./surveys.schemas.ts";
import { orgSurveysOf, surveyCacheOf } from "./survey-cache.ts";
import type { SurveyRow } from "./surveys.repo.ts";
import { hashSurveyToken, verifySurveyToken } from "./tokens.ts";

/** An invitation opened by its link: the survey's definition and the conversation's owners. */
export type OpenedInvitation = Omit<responsesRepo.FoundInvitation, "surveyVersion"> & {
  survey: SurveyRow;
};

/** Reads a batch of invitations (one query) with their surveys' definitions (cached). */
async function readInvitations(
  db: Db,
  keys: readonly { orgId: string; id: string }[],
): Promise<(OpenedInvitation | false)[]> {
  const found = await responsesRepo.findInvitations(db, keys);
  const rows = keys.map((k) => found.get(`${k.orgId}:${k.id}`));
  const present = rows.filter((r) => r !== undefined);
  const orgSurveys = orgSurveysOf(db);
  for (const r of present)
    orgSurveys.confirm(r.invitation.orgId, r.invitation.surveyId, r.surveyVersion);
  const defs = await surveyCacheOf(db).resolve(
    present.map((r) => ({
      orgId: r.invitation.orgId,
      id: r.invitation.surveyId,
      version: r.surveyVersion,
    })),
  );
  const byRow = new Map(present.map((r, i) => [r, defs[i]]));
  return rows.map((r) => {
    const survey = r && byRow.get(r);
    return r && survey
      ? { invitation: r.invitation, agentId: r.agentId, teamId: r.teamId, survey }
      : false;
  });
}

/**
 * Respondent links opened together (the page) are read with one query (group commit's read
 * side): a query per request was half of the endpoint's database round trips.
 */
const lookups = perObject(
  (db: Db) =>
    new GroupCommit<{ orgId: string; id: string }, OpenedInvitation | false>(
      (keys) => readInvitations(db, keys),
      { maxBatch: 500, maxInFlight: 4 },
    ),
);

/** One answer waiting for its batch: the link's claims, already verified, and the body. */
interface PendingAnswer {
  orgId: string;
  invitationId: string;
  tokenHash: string;
  body: RespondBody;
  now: Date;
}

/**
 * Answers arriving together are written with one statement and one commit (group commit), each
 * acknowledged only after that commit. At most two batches run at once, so answers arriving
 * meanwhile make the next one bigger, sharing the per-statement costs of PostgreSQL and `pg`.
 */
const answers = perObject(
  (db: Db) =>
    new GroupCommit<PendingAnswer, RecordedResponse>((items) => answerBatch(db, items), {
      maxBatch: 500,
      maxInFlight: 2,
    }),
);

type RecordedResponse = {
  response: { id: string; invitationId: string; score: number | null; comment: string | null };
  created: boolean;
  followUpId: string | null;
};

function recorded(w: responsesRepo.WrittenResponse): RecordedResponse {
  const { id, invitationId, score, comment } = w;
  return {
    response: { id, invitationId, score, comment },
    created: w.inserted,
    followUpId: w.followUpId,
  };
}

/**
 * A batch in rounds in which each link appears once (a statement cannot update one row twice),
 * in arrival order. Each round is first written in one statement that also reads the links
 * (`answerKnown`); the answers it did not write (a survey new or edited since it was cached, an
 * answer that fits none of the cached definitions, a wrong link) then take the two-statement way
 * (`readAndWrite`), which finds the survey and gives the error. The second way runs before the
 * next round, so two submissions to one link are stored in the order they came.
 */
async function answerBatch(db: Db, items: PendingAnswer[]): Promise<(RecordedResponse | Error)[]> {
  const out: (RecordedResponse | Error)[] = [];
  for (const round of distinctRounds(items)) {
    const known = await answerKnown(
      db,
      round.map((r) => r.item),
    );
    const rest = round.filter((_, k) => known[k] === undefined);
    const slow = await readAndWrite(
      db,
      rest.map((r) => r.item),
    );
    round.forEach((r, k) => {
      const w = known[k];
      if (w) out[r.index] = recorded(w);
    });
    rest.forEach((r, k) => (out[r.index] = slow[k]!));
  }
  return out;
}

/**
 * Checks each answer against every cached survey of its organization and writes, in one
 * statement, those whose invitation names one of them at that version (no read before). Answers
 * not written come back undefined; if the statement fails, all of them do (it wrote nothing).
 */
async function answerKnown(
  db: Db,
  items: readonly PendingAnswer[],
): Promise<(responsesRepo.WrittenResponse | undefined)[]> {
  const candidates = await orgSurveysOf(db).candidatesOf(items.map((i) => i.orgId));
  const checked: responsesRepo.CheckedSubmission[] = [];
  const owners: number[] = [];
  items.forEach((item, k) => {
    const read = onceFor(analyzeComment);
    for (const { survey, version } of candidates.get(item.orgId) ?? []) {
      let answer: responsesRepo.CheckedAnswer;
      try {
        answer = checkSubmission(survey, item.body, item.now, read);
      } catch {
        continue; // not an answer to this survey
      }
      const { orgId, invitationId, tokenHash } = item;
      checked.push({
        ...answer,
        orgId,
        invitationId,
        tokenHash,
        surveyId: survey.id,
        surveyVersion: version,
      });
      owners.push(k);
    }
  });
  const out: (responsesRepo.WrittenResponse | undefined)[] = items.map(() => undefined);
  const written = await responsesRepo.answerResponses(db, checked).catch(() => []);
  written.forEach((w, j) => {
    if (w) out[owners[j]!] = w;
  });
  return out;
}

/** `f` remembering its last argument's result (one comment checked against several surveys). */
function onceFor<R>(f: (arg: string) => R): (arg: string) => R {
  let last: { arg: string; result: R } | undefined;
  return (arg) => (last?.arg === arg ? last.result : (last = { arg, result: f(arg) }).result);
}

/** Reads the links (one query), checks each answer against its survey, writes the valid ones. */
async function readAndWrite(
  db: Db,
  items: readonly PendingAnswer[],
): Promise<(RecordedResponse | Error)[]> {
  if (items.length === 0) return [];
  const opened = await readInvitations(
    db,
    items.map((i) => ({ orgId: i.orgId, id: i.invitationId })),
  );
  const out: (RecordedResponse | Error)[] = [];
  const toWrite: { index: number; write: responsesRepo.ResponseWrite }[] = [];
  items.forEach((item, index) => {
    const found = opened[index];
    try {
      if (!found || found.invitation.tokenHash !== item.tokenHash) throw linkInvalid();
      toWrite.push({ index, write: responseWrite(found, item.body, item.now) });
    } catch (err) {
      out[index] = err instanceof Error ? err : new Error(String(err));
    }
  });
  const written = await writeResponses(
    db,
    toWrite.map((w) => w.write),
  );
  toWrite.forEach(({ index }, k) => {
    const w = written[k]!;
    out[index] = w instanceof Error ? w : recorded(w);
  });
  return out;
}

/**
 * Writes a batch of submissions: one statement (so one commit) per round in which each
 * invitation appears once (a statement cannot update one row twice), so repeats wait for the next
 * round; if a statement fails, its items are written one by one, so one bad submission fails alone.
 */
async function writeResponses(
  db: Db,
  items: readonly responsesRepo.ResponseWrite[],
): Promise<(responsesRepo.WrittenResponse | Error)[]> {
  const out: (responsesRepo.WrittenResponse | Error)[] = [];
  for (const round of distinctRounds(items)) {
    try {
      const written = await responsesRepo.upsertResponses(
        db,
        round.map((r) => r.item),
      );
      round.forEach((r, k) => (out[r.index] = written[k]!));
    } catch (err) {
      const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
      if (round.length === 1) out[round[0]!.index] = asError(err);
      else
        for (const r of round)
          out[r.index] = await responsesRepo
            .upsertResponses(db, [r.item])
            .then((w) => w[0]!)
            .catch(asError);
    }
  }
  return out;
}

/** Splits a batch into rounds in which each invitation appears once, keeping arrival order. */
function distinctRounds<T extends { orgId: string; invitationId: string }>(items: readonly T[]) {
  const rounds: { item: T; index: number }[][] = [];
  const seen: Set<string>[] = [];
  items.forEach((item, index) => {
    const key = `${item.orgId}:${item.invitationId}`;
    let k = 0;
    while (seen[k]?.has(key)) k++;
    (seen[k] ??= new Set()).add(key);
    (rounds[k] ??= []).push({ item, index });
  });
  return rounds;
}

const linkInvalid = () =>
  new AppError("SURVEY_LINK_INVALID", { message: "This survey link is not valid" });

/** The link's claims, once its shape, signature and expiry are checked (no database read). */
function checkLink(token: string, now: Date) {
  const check = verifySurveyToken(deliveryConfig().linkKey, token, now);
  if (!check.ok) {
    if (check.problem === "expired")
      throw new AppError("SURVEY_LINK_EXPIRED", { message: "This survey link has expired" });
    throw linkInvalid();
  }
  return check.claims;
}

/**
 * The invitation and survey behind a respondent link. Malformed, forged, replaced (re-requested)
 * and suppressed links are all "not valid" (the page says no more, so it reveals nothing);
 * expired ones say so.
 */
export async function openInvitation(db: Db, token: string, now = new Date()) {
  const { orgId, invitationId } = checkLink(token, now);
  const found = await lookups(db).submit({ orgId, id: invitationId });
  if (!found || found.invitation.tokenHash !== hashSurveyToken(token)) throw linkInvalid();
  return found;
}

/** What a submission stores, checked against its invitation's survey. */
function responseWrite(
  found: OpenedInvitation,
  body: RespondBody,
  now: Date,
): responsesRepo.ResponseWrite {
  const { invitation, survey } = found;
  return {
    ...checkSubmission(survey, body, now),
    orgId: invitation.orgId,
    invitationId: invitation.id,
    surveyId: survey.id,
    conversationId: invitation.conversationId,
    customerId: invitation.customerId,
    agentId: found.agentId,
    teamId: found.teamId,
    channel: invitation.channel,
  };
}

/**
 * Records (or updates) the one response of a respondent link, and opens a follow-up for a low
 * score, in one statement (shared with the answers that arrive at the same time) that commits
 * before this returns: nothing is stored twice and nothing half-written. The link's signature and
 * expiry are checked before it waits for a batch.
 */
export async function recordResponse(
  db: Db,
  token: string,
  body: RespondBody,
  now = new Date(),
): Promise<RecordedResponse> {
  const { orgId, invitationId } = checkLink(token, now);
  return answers(db).submit({ orgId, invitationId, tokenHash: hashSurveyToken(token), body, now });
}

import { analyzeMessage } from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import type { SurveyQuestion } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import { deliveryConfig } from "./delivery.ts";
import { GroupCommit, groupCommitPer } from "./group-commit.ts";
import { isLowScore, mainRating } from "./questions.ts";
import * as responsesRepo from "./responses.repo.ts";
import type { RespondBody } from "./surveys.schemas.ts";
import { DEFAULT_SETTINGS } from "./surveys.service.ts";
import { surveyCacheOf } from "./survey-cache.ts";
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
const lookups = groupCommitPer(
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
 * Answers arriving together are read with one query and written with one statement and one commit
 * (group commit), each acknowledged only after that commit. Reading and writing in the same batch,
 * rather than in two group commits of their own, keeps the batches as large as the load (an
 * answer waits once, not twice) and the per-statement costs of PostgreSQL and `pg` shared by more
 * answers; at most two batches run at once, so answers arriving meanwhile make the next one bigger.
 */
const answers = groupCommitPer(
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
  survey: SurveyRow;
  invitation: OpenedInvitation["invitation"];
};

async function answerBatch(db: Db, items: PendingAnswer[]): Promise<(RecordedResponse | Error)[]> {
  const opened = await readInvitations(
    db,
    items.map((i) => ({ orgId: i.orgId, id: i.invitationId })),
  );
  const out: (RecordedResponse | Error)[] = [];
  const toWrite: { index: number; write: responsesRepo.ResponseWrite; found: OpenedInvitation }[] =
    [];
  items.forEach((item, index) => {
    const found = opened[index];
    try {
      if (!found || found.invitation.tokenHash !== item.tokenHash) throw linkInvalid();
      toWrite.push({ index, write: responseWrite(found, item.body, item.now), found });
    } catch (err) {
      out[index] = err instanceof Error ? err : new Error(String(err));
    }
  });
  const written = await writeResponses(
    db,
    toWrite.map((w) => w.write),
  );
  toWrite.forEach(({ index, found }, k) => {
    const w = written[k]!;
    out[index] =
      w instanceof Error
        ? w
        : {
            response: {
              id: w.id,
              invitationId: w.invitationId,
              score: w.score,
              comment: w.comment,
            },
            created: w.inserted,
            followUpId: w.followUpId,
            survey: found.survey,
            invitation: found.invitation,
          };
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
function distinctRounds(items: readonly responsesRepo.ResponseWrite[]) {
  const rounds: { item: responsesRepo.ResponseWrite; index: number }[][] = [];
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

function invalid(path: string, message: string): never {
  throw new AppError("VALIDATION_FAILED", { message: `${path}: ${message}` });
}

function checkAnswer(q: SurveyQuestion, value: unknown, path: string): void {
  switch (q.kind) {
    case "rating": {
      const [min, max] = [q.min ?? 1, q.max ?? 5];
      if (typeof value !== "number" || value < min || value > max)
        invalid(path, `must be a whole number from ${min} to ${max}`);
      return;
    }
    case "single":
      if (typeof value !== "string" || !q.options?.some((o) => o.id === value))
        invalid(path, "must be one of the question's options");
      return;
    case "multiple":
      if (!Array.isArray(value) || value.some((v) => !q.options?.some((o) => o.id === v)))
        invalid(path, "must list options of the question");
      return;
    case "text":
      if (typeof value !== "string") invalid(path, "must be text");
      return;
  }
}

/** Checks every answer against its question; answers the main score and the comment. */
export function validateAnswers(questions: readonly SurveyQuestion[], body: RespondBody) {
  const rating = mainRating(questions)!;
  if (body.score !== undefined)
    checkAnswer(
      questions.find((q) => q.id === rating.id)!,
      body.score,
      "body.score",
    );
  const answers = { ...body.answers };
  for (const [id, value] of Object.entries(answers)) {
    const q = questions.find((x) => x.id === id);
    if (!q) invalid(`body.answers.${id}`, "no such question in this survey");
    checkAnswer(q, value, `body.answers.${id}`);
  }
  const score =
    body.score ??
    (typeof answers[rating.id] === "number" ? (answers[rating.id] as number) : undefined);
  const commentQuestion = questions.find((q) => q.kind === "text");
  const comment =
    body.comment ??
    (commentQuestion && typeof answers[commentQuestion.id] === "string"
      ? (answers[commentQuestion.id] as string)
      : undefined);
  if (score === undefined && comment === undefined && Object.keys(answers).length === 0)
    invalid("body", "send a score, a comment or answers");
  if (score !== undefined) answers[rating.id] = score;
  if (comment !== undefined && commentQuestion) answers[commentQuestion.id] = comment;
  return { score, comment: comment?.trim() || undefined, answers, rating };
}

/** The engine's reading of a free-text answer: sentiment, emotions and the signals it found. */
function analyzeComment(comment: string) {
  const a = analyzeMessage({ text: comment, role: "customer" });
  return {
    analysis: {
      sentiment: { score: a.sentiment.score, label: a.sentiment.label },
      emotions: a.emotions,
      signals: a.signals.map((s) => ({ name: s.name, score: s.score, evidence: s.evidence })),
    },
    sentimentScore: a.sentiment.score,
  };
}

/** What a submission stores: its checked answers, the comment's reading and the follow-up rule. */
function responseWrite(
  found: OpenedInvitation,
  body: RespondBody,
  now: Date,
): responsesRepo.ResponseWrite {
  const { invitation, survey } = found;
  const { score, comment, answers, rating } = validateAnswers(survey.questions, body);
  const read = comment ? analyzeComment(comment) : null;
  const scale = { min: rating.min ?? 1, max: rating.max ?? 5 };
  const lowScores: number[] = [];
  for (let s = scale.min; s <= scale.max; s++)
    if (isLowScore(survey.type, s, scale)) lowScores.push(s);
  return {
    orgId: invitation.orgId,
    invitationId: invitation.id,
    surveyId: survey.id,
    conversationId: invitation.conversationId,
    customerId: invitation.customerId,
    agentId: found.agentId,
    teamId: found.teamId,
    channel: invitation.channel,
    score: score ?? null,
    answers,
    comment: comment ?? null,
    analysis: read?.analysis ?? null,
    sentimentScore: read?.sentimentScore ?? null,
    lowScores,
    defaultDueHours: DEFAULT_SETTINGS.followUpDueHours,
    now,
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

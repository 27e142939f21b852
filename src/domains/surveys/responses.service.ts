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
import { hashSurveyToken, verifySurveyToken } from "./tokens.ts";

/**
 * Respondent links arriving together are read with one query (group commit's read side): a
 * query per answer was half of the endpoint's database round trips.
 */
const lookups = groupCommitPer(
  (db: Db) =>
    new GroupCommit<{ orgId: string; id: string }, responsesRepo.FoundInvitation | false>(
      async (keys) => {
        const found = await responsesRepo.findInvitations(db, keys);
        return keys.map((k) => found.get(`${k.orgId}:${k.id}`) ?? false);
      },
      { maxBatch: 500, maxInFlight: 4 },
    ),
);

/**
 * Submissions arriving together are written in one statement and one commit (group commit), each
 * acknowledged only after that commit. A batch holds each invitation once (a statement cannot
 * update one row twice), so repeats wait for the next round; if a statement fails, its items are
 * written one by one, so one bad submission fails alone.
 */
const writes = groupCommitPer(
  (db: Db) =>
    new GroupCommit<responsesRepo.ResponseWrite, responsesRepo.WrittenResponse>(
      async (items) => {
        const out: (responsesRepo.WrittenResponse | Error)[] = [];
        for (const round of distinctRounds(items)) {
          try {
            const written = await responsesRepo.upsertResponses(
              db,
              round.map((r) => r.item),
            );
            round.forEach((r, k) => (out[r.index] = written[k]!));
          } catch (err) {
            if (round.length === 1) throw err;
            for (const r of round)
              out[r.index] = await responsesRepo
                .upsertResponses(db, [r.item])
                .then((w) => w[0]!)
                .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
          }
        }
        return out;
      },
      { maxBatch: 500, maxInFlight: 4 },
    ),
);

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

/**
 * The invitation and survey behind a respondent link. Malformed, forged, replaced (re-requested)
 * and suppressed links are all "not valid" (the page says no more, so it reveals nothing);
 * expired ones say so.
 */
export async function openInvitation(db: Db, token: string, now = new Date()) {
  const check = verifySurveyToken(deliveryConfig().linkKey, token, now);
  if (!check.ok) {
    if (check.problem === "expired")
      throw new AppError("SURVEY_LINK_EXPIRED", { message: "This survey link has expired" });
    throw new AppError("SURVEY_LINK_INVALID", { message: "This survey link is not valid" });
  }
  const { orgId, invitationId } = check.claims;
  const found = await lookups(db).submit({ orgId, id: invitationId });
  if (!found || found.invitation.tokenHash !== hashSurveyToken(token))
    throw new AppError("SURVEY_LINK_INVALID", { message: "This survey link is not valid" });
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

/**
 * Records (or updates) the one response of a respondent link, and opens a follow-up for a low
 * score, in one statement (shared with the answers that arrive at the same time) that commits
 * before this returns: nothing is stored twice and nothing half-written.
 */
export async function recordResponse(db: Db, token: string, body: RespondBody, now = new Date()) {
  const found = await openInvitation(db, token, now);
  const { invitation, survey } = found;
  const { score, comment, answers, rating } = validateAnswers(survey.questions, body);
  const read = comment ? analyzeComment(comment) : null;
  const scale = { min: rating.min ?? 1, max: rating.max ?? 5 };
  const lowScores: number[] = [];
  for (let s = scale.min; s <= scale.max; s++)
    if (isLowScore(survey.type, s, scale)) lowScores.push(s);
  const written = await writes(db).submit({
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
  });
  const response = {
    id: written.id,
    invitationId: written.invitationId,
    score: written.score,
    comment: written.comment,
  };
  return {
    response,
    created: written.inserted,
    followUpId: written.followUpId,
    survey,
    invitation,
  };
}

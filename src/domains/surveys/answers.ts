import { analyzeMessage } from "../../analysis/index.ts";
import type { SurveyQuestion } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import { isLowScore, mainRating } from "./questions.ts";
import type { CheckedAnswer } from "./responses.repo.ts";
import type { RespondBody } from "./surveys.schemas.ts";
import { DEFAULT_SETTINGS } from "./surveys.service.ts";
import type { SurveyRow } from "./surveys.repo.ts";

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
export function analyzeComment(comment: string) {
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
 * What a submission to `survey` stores besides its invitation's columns: its checked answers, the
 * comment's reading (by `analyze`, so a caller checking one body against several surveys reads
 * its comment once) and the follow-up rule. Throws VALIDATION_FAILED for an answer that does not
 * fit the survey's questions.
 */
export function checkSubmission(
  survey: SurveyRow,
  body: RespondBody,
  now: Date,
  analyze: typeof analyzeComment = analyzeComment,
): CheckedAnswer {
  const { score, comment, answers, rating } = validateAnswers(survey.questions, body);
  const read = comment ? analyze(comment) : null;
  const scale = { min: rating.min ?? 1, max: rating.max ?? 5 };
  const lowScores: number[] = [];
  for (let s = scale.min; s <= scale.max; s++)
    if (isLowScore(survey.type, s, scale)) lowScores.push(s);
  return {
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

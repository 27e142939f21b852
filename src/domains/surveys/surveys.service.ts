import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { BudgetSettings } from "./budget.ts";
import { defaultQuestions, mainRating } from "./questions.ts";
import type {
  BudgetSettingsBody,
  CreateSurveyBody,
  Survey,
  UpdateSurveyBody,
} from "./surveys.schemas.ts";
import * as repo from "./surveys.repo.ts";

export const DEFAULT_RULES = { minIntervalDays: 0, sampleRate: 1, linkValidDays: 14 };
/** NPS is a relationship measure: asking the same customer more than once a quarter is noise. */
const NPS_DEFAULT_INTERVAL_DAYS = 90;

export function toSurvey(row: repo.SurveyRow): Survey {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    active: row.active,
    defaultLocale: row.defaultLocale,
    questions: row.questions as unknown as Record<string, unknown>[],
    texts: row.texts,
    trigger: row.trigger as unknown as Record<string, unknown>,
    rules: row.rules,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function checkTeams(
  db: Db,
  orgId: string,
  teamIds: readonly string[] | undefined,
  field: string,
) {
  if (!teamIds?.length) return;
  const known = new Set(await repo.findTeamIds(db, orgId));
  const unknown = teamIds.filter((t) => !known.has(t));
  if (unknown.length > 0)
    throw new AppError("VALIDATION_FAILED", {
      message: `${field}: no such team in this organization: ${unknown.join(", ")}`,
    });
}

/** Creates a survey; a CSAT, NPS or CES survey without questions gets the standard ones. */
export async function createSurvey(db: Db, orgId: string, body: CreateSurveyBody): Promise<Survey> {
  if (body.trigger.event === "conversation_resolved")
    await checkTeams(db, orgId, body.trigger.teams, "body.trigger.teams");
  const questions = body.questions ?? (body.type === "custom" ? [] : defaultQuestions(body.type));
  if (!mainRating(questions))
    throw new AppError("VALIDATION_FAILED", {
      message: "body.questions: a survey needs at least one rating question",
    });
  const ids = questions.map((q) => q.id);
  if (new Set(ids).size !== ids.length)
    throw new AppError("VALIDATION_FAILED", { message: "body.questions: ids must be unique" });
  const rules = {
    ...DEFAULT_RULES,
    ...(body.type === "nps" ? { minIntervalDays: NPS_DEFAULT_INTERVAL_DAYS } : {}),
    ...body.rules,
  };
  const row = await repo.insertSurvey(db, {
    orgId,
    name: body.name,
    type: body.type,
    active: body.active ?? true,
    defaultLocale: body.defaultLocale ?? "en",
    questions,
    texts: body.texts ?? {},
    trigger: body.trigger,
    rules,
  });
  if (!row)
    throw new AppError("SURVEY_NAME_TAKEN", { message: `A survey named ${body.name} exists` });
  return toSurvey(row);
}

export async function listSurveys(db: Db, orgId: string): Promise<Survey[]> {
  return (await repo.listSurveys(db, orgId)).map(toSurvey);
}

export async function requireSurvey(db: Db, orgId: string, id: string) {
  const row = await repo.findSurvey(db, orgId, id);
  if (!row) throw new AppError("SURVEY_NOT_FOUND", { message: "No such survey" });
  return row;
}

export async function updateSurvey(
  db: Db,
  orgId: string,
  id: string,
  body: UpdateSurveyBody,
): Promise<Survey> {
  const current = await requireSurvey(db, orgId, id);
  if (body.name !== undefined && body.name !== current.name) {
    const all = await repo.listSurveys(db, orgId);
    if (all.some((s) => s.name === body.name))
      throw new AppError("SURVEY_NAME_TAKEN", { message: `A survey named ${body.name} exists` });
  }
  const row = await repo.updateSurvey(db, orgId, id, {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.active === undefined ? {} : { active: body.active }),
    ...(body.rules === undefined ? {} : { rules: { ...current.rules, ...body.rules } }),
  });
  return toSurvey(row!);
}

export const DEFAULT_SETTINGS: BudgetSettingsBody = {
  cooldownDays: 30,
  sampleRates: {},
  quietHours: null,
  defaultTimeZone: "UTC",
  followUpTeamId: null,
  followUpDueHours: 48,
};

export async function getSettings(db: Db, orgId: string): Promise<BudgetSettingsBody> {
  const row = await repo.findSettings(db, orgId);
  if (!row) return DEFAULT_SETTINGS;
  return {
    cooldownDays: row.cooldownDays,
    sampleRates: row.sampleRates,
    quietHours: row.quietHours ?? null,
    defaultTimeZone: row.defaultTimeZone,
    followUpTeamId: row.followUpTeamId,
    followUpDueHours: row.followUpDueHours,
  };
}

export async function putSettings(
  db: Db,
  orgId: string,
  body: BudgetSettingsBody,
): Promise<BudgetSettingsBody> {
  if (body.followUpTeamId)
    await checkTeams(db, orgId, [body.followUpTeamId], "body.followUpTeamId");
  await repo.upsertSettings(db, orgId, body);
  return getSettings(db, orgId);
}

export function budgetOf(s: BudgetSettingsBody): BudgetSettings {
  return {
    cooldownDays: s.cooldownDays,
    sampleRates: s.sampleRates as Record<string, number>,
    quietHours: s.quietHours,
    defaultTimeZone: s.defaultTimeZone,
  };
}

import { z } from "@hono/zod-openapi";
import { CHANNELS, SURVEY_TYPES } from "../../db/schema/index.ts";

const uuid = z.uuid({ message: "must be a UUID" });
const locale = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "must be a locale like en or fr-CA");
const localised = z.record(locale, z.string().trim().min(1).max(500));

export const QuestionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_-]{1,40}$/, "must be a short id like q1"),
    kind: z.enum(["rating", "single", "multiple", "text"]),
    min: z.number().int().min(0).max(10).optional(),
    max: z.number().int().min(1).max(10).optional(),
    options: z
      .array(z.strictObject({ id: z.string().regex(/^[a-z0-9_-]{1,40}$/), texts: localised }))
      .max(20)
      .optional(),
    texts: localised,
    required: z.boolean().optional(),
  })
  .refine(
    (q) => q.kind !== "rating" || (q.min !== undefined && q.max !== undefined && q.min < q.max),
    {
      message: "a rating question needs min < max",
    },
  )
  .refine((q) => !["single", "multiple"].includes(q.kind) || (q.options?.length ?? 0) >= 2, {
    message: "a choice question needs at least two options",
  });

export const TriggerSchema = z.discriminatedUnion("event", [
  z.strictObject({
    event: z.literal("conversation_resolved"),
    channels: z.array(z.enum(CHANNELS)).min(1).optional(),
    teams: z.array(uuid).min(1).optional(),
  }),
  z.strictObject({
    event: z.literal("case_closed"),
    /** Only cases of these categories; default every case. */
    categories: z.array(z.string().trim().min(1).max(100)).min(1).max(50).optional(),
  }),
  z.strictObject({ event: z.literal("schedule"), everyDays: z.number().int().min(1).max(365) }),
  z.strictObject({ event: z.literal("manual") }),
]);

export const SurveyRulesSchema = z.strictObject({
  minIntervalDays: z.number().int().min(0).max(3650).default(0),
  sampleRate: z.number().min(0).max(1).default(1),
  linkValidDays: z.number().int().min(1).max(90).default(14),
});

export const CreateSurveyBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    type: z.enum(SURVEY_TYPES),
    trigger: TriggerSchema,
    questions: z
      .array(QuestionSchema)
      .min(1, "a survey needs at least one question")
      .max(20)
      .optional(),
    texts: z
      .record(locale, z.partialRecord(z.enum(["title", "intro", "thanks"]), z.string().max(500)))
      .optional(),
    defaultLocale: locale.optional(),
    rules: SurveyRulesSchema.partial().optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => b.type !== "custom" || b.questions !== undefined, {
    message: "a custom survey needs at least one question",
    path: ["questions"],
  })
  .openapi("CreateSurveyBody");
export type CreateSurveyBody = z.infer<typeof CreateSurveyBodySchema>;

export const UpdateSurveyBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    active: z.boolean().optional(),
    rules: SurveyRulesSchema.partial().optional(),
  })
  .openapi("UpdateSurveyBody");
export type UpdateSurveyBody = z.infer<typeof UpdateSurveyBodySchema>;

export const SurveySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(SURVEY_TYPES),
    active: z.boolean(),
    defaultLocale: z.string(),
    questions: z.array(z.record(z.string(), z.unknown())),
    texts: z.record(z.string(), z.record(z.string(), z.string())),
    trigger: z.record(z.string(), z.unknown()),
    rules: z.object({
      minIntervalDays: z.number(),
      sampleRate: z.number(),
      linkValidDays: z.number(),
    }),
    createdAt: z.string(),
  })
  .openapi("Survey");
export type Survey = z.infer<typeof SurveySchema>;

export const SurveyListSchema = z.object({ items: z.array(SurveySchema) }).openapi("SurveyList");

export const BudgetSettingsSchema = z
  .strictObject({
    cooldownDays: z.number().int().min(0).max(3650),
    sampleRates: z.partialRecord(z.enum(CHANNELS), z.number().min(0).max(1)),
    quietHours: z
      .strictObject({
        start: z.number().int().min(0).max(23),
        end: z.number().int().min(0).max(23),
      })
      .nullable(),
    defaultTimeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone like Europe/Paris"),
    followUpTeamId: uuid.nullable(),
    followUpDueHours: z.number().int().min(1).max(720),
  })
  .openapi("SurveyBudgetSettings");
export type BudgetSettingsBody = z.infer<typeof BudgetSettingsSchema>;

export const ListInvitationsQuerySchema = z.object({ conversationId: uuid });

export const ChatPromptSchema = z
  .object({
    text: z.string(),
    url: z.string(),
    options: z.array(z.object({ label: z.string(), value: z.number(), url: z.string() })),
  })
  .openapi("SurveyChatPrompt");

export const InvitationSchema = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    surveyName: z.string(),
    conversationId: z.string(),
    channel: z.string(),
    status: z.enum(["queued", "sent", "suppressed"]),
    reason: z.string().optional(),
    url: z.string().optional(),
    chatPrompt: ChatPromptSchema.optional(),
    sendAt: z.string().nullable(),
    sentAt: z.string().nullable(),
    expiresAt: z.string(),
    createdAt: z.string(),
    response: z.object({ score: z.number().nullable(), comment: z.string().nullable() }).nullable(),
  })
  .openapi("SurveyInvitation");
export type Invitation = z.infer<typeof InvitationSchema>;
export const InvitationListSchema = z
  .object({ items: z.array(InvitationSchema) })
  .openapi("SurveyInvitationList");

export const SendSurveyBodySchema = z.strictObject({ surveyId: uuid }).openapi("SendSurveyBody");

export const ExclusionSchema = z
  .object({ conversationId: z.string(), excluded: z.boolean() })
  .openapi("SurveyExclusion");

/** What a respondent sends: the main score, an optional comment and answers to other questions. */
export const RespondBodySchema = z.strictObject({
  score: z.number().int().optional(),
  comment: z.string().max(2000, "must be at most 2000 characters").optional(),
  answers: z
    .record(
      z.string().max(40),
      z.union([z.number().int(), z.string().max(2000), z.array(z.string().max(40)).max(20)]),
    )
    .optional(),
});
export type RespondBody = z.infer<typeof RespondBodySchema>;

export const FOLLOW_UP_ACTIONS = [
  "called_back",
  "fixed",
  "refunded",
  "explained",
  "other",
] as const;

export const FollowUpSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    responseId: z.string(),
    status: z.enum(["open", "closed"]),
    dueAt: z.string(),
    escalated: z.boolean(),
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    ownerUserId: z.string().nullable(),
    ownerName: z.string().nullable(),
    surveyName: z.string(),
    score: z.number().nullable(),
    comment: z.string().nullable(),
    action: z.string().nullable(),
    outcome: z.string().nullable(),
    closedAt: z.string().nullable(),
    notifyCustomer: z.boolean(),
    customerNotifiedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("FollowUp");
export type FollowUp = z.infer<typeof FollowUpSchema>;
export const FollowUpListSchema = z
  .object({
    items: z.array(FollowUpSchema),
    /** The next page's cursor; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .openapi("FollowUpList");

export const ListFollowUpsQuerySchema = z.object({
  conversationId: uuid.optional(),
  status: z.enum(["open", "closed"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
  cursor: z.string().max(200).optional(),
});

export const CloseFollowUpBodySchema = z
  .strictObject({
    action: z.enum(FOLLOW_UP_ACTIONS),
    outcome: z.string().trim().min(1).max(2000),
    notifyCustomer: z.boolean().default(true),
  })
  .openapi("CloseFollowUpBody");
export type CloseFollowUpBody = z.infer<typeof CloseFollowUpBodySchema>;

/** The complaint case a follow-up was turned into (see the cases domain for the whole case). */
export const FollowUpCaseSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.string(),
    escalationLevel: z.string(),
  })
  .openapi("FollowUpCase");

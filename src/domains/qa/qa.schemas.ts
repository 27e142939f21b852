import { z } from "@hono/zod-openapi";
import { DATE_RANGE_MESSAGE, isSaneDate } from "../../lib/input-hygiene.ts";
import { CriterionSchema, DefinitionSchema, SectionSchema } from "./definition.ts";

export { DefinitionSchema };

export const ScorecardCriterionSchema = CriterionSchema.extend({
  /** Whether an automatic rule answers this criterion. */
  auto: z.boolean(),
  section: z.string(),
  /** For automatic criteria: measured agreement with reviewers (Krippendorff's alpha, nominal). */
  agreement: z
    .object({ alpha: z.number().nullable(), pairs: z.number().int(), suggested: z.boolean() })
    .optional(),
}).openapi("QaScorecardCriterion");

export const ScorecardSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.number().int(),
    status: z.enum(["draft", "published", "retired"]),
    channels: z.array(z.string()),
    criteria: z.array(ScorecardCriterionSchema),
    sections: z.array(SectionSchema),
    publishedAt: z.string().nullable(),
    /** The draft being edited, when there is one (its version is the next number). */
    draft: z
      .object({ version: z.number().int(), definition: DefinitionSchema })
      .nullable()
      .optional(),
    backfill: z
      .object({ total: z.number().int(), done: z.number().int(), finished: z.boolean() })
      .nullable()
      .optional(),
  })
  .openapi("QaScorecard");
export type Scorecard = z.infer<typeof ScorecardSchema>;

export const ScorecardListSchema = z
  .object({ items: z.array(ScorecardSchema) })
  .openapi("QaScorecardList");

export const ScorecardVersionParamSchema = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "version", in: "path" }, type: "integer" }),
});

export const EvidenceSchema = z
  .object({
    messageId: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    text: z.string(),
  })
  .openapi("QaEvidence");

const AnswerValueSchema = z.enum(["pass", "fail", "na", "pending"]);

export const AnswerSchema = z
  .object({
    key: z.string(),
    answer: AnswerValueSchema,
    value: z.number().int().optional(),
    confidence: z.number().optional(),
    evidence: z.array(EvidenceSchema),
    agentId: z.string().nullable(),
    original: z
      .object({ answer: z.enum(["pass", "fail", "na"]), confidence: z.number().optional() })
      .optional(),
    note: z.string().optional(),
    /** Agent-facing only: the rule's agreement with reviewers is below the threshold, so it is left out of the score. */
    suggested: z.boolean().optional(),
  })
  .openapi("QaAnswer");

export const EvaluationSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    scorecardId: z.string(),
    version: z.number().int(),
    kind: z.enum(["auto", "human"]),
    score: z.number().nullable(),
    criteria: z.array(AnswerSchema),
    reviewerUserId: z.string().nullable(),
    agentId: z.string().nullable(),
    comments: z.array(z.object({ messageId: z.string(), text: z.string() })),
    acknowledgedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("QaEvaluation");
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** Who holds a review assignment: the reviewer who claimed it (name null when their account is gone). */
export const ClaimFields = {
  assignee: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  claimedAt: z.string().nullable(),
  claimLapsesAt: z.string().nullable().openapi({
    description:
      "When the claim goes back to the queue unless reviewed (settings.qa.claimLapseHours after a reviewer claimed it themselves); null when nobody holds it, it was handed to them, or claims never lapse",
  }),
};
export const ClaimSchema = z.object({ id: z.string(), ...ClaimFields }).openapi("QaReviewClaim");

/** Most conversations one bulk hand-out takes; most reviewers it spreads them among. */
export const MAX_BULK_IDS = 200;
export const MAX_SPREAD = 50;
const uniqueIds = (ids: readonly string[]) => new Set(ids).size === ids.length;

export const BulkAssignBodySchema = z
  .strictObject({
    ids: z
      .array(z.uuid())
      .min(1)
      .max(MAX_BULK_IDS)
      .refine(uniqueIds, "must not repeat an id")
      .openapi({ description: `Review assignment ids (1 to ${MAX_BULK_IDS})` }),
    userId: z.uuid().nullable().optional().openapi({
      description: "One reviewer for all of them, or null to give them back to the queue",
    }),
    spread: z
      .array(z.uuid())
      .min(1)
      .max(MAX_SPREAD)
      .refine(uniqueIds, "must not repeat a reviewer")
      .optional()
      .openapi({
        description:
          "Deal them out evenly among these reviewers, the one holding the fewest first (instead of userId)",
      }),
  })
  .superRefine((b, ctx) => {
    if ((b.userId === undefined) === (b.spread === undefined))
      ctx.addIssue({
        code: "custom",
        path: [b.userId === undefined ? "userId" : "spread"],
        message: "give either userId or spread, not both and not neither",
      });
  })
  .openapi("QaBulkAssign");
export type BulkAssignBody = z.infer<typeof BulkAssignBodySchema>;

export const BulkAssignResultSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        outcome: z.enum(["assigned", "unchanged", "not_found", "reviewed"]).openapi({
          description:
            "assigned: handed over now; unchanged: already theirs; not_found: no such assignment in the caller's scope (another organization's or team's); reviewed: already reviewed, left alone",
        }),
        ...ClaimFields,
      }),
    ),
  })
  .openapi("QaBulkAssignResult");

export const QaSettingsSchema = z
  .object({
    claimLapseHours: z.number().int().nullable().openapi({
      description:
        "Hours a claim a reviewer made themselves lasts without a review before it goes back to the queue; 0 or null: never",
    }),
    agreementThreshold: z.number().openapi({
      description: "Krippendorff's alpha below which an automatic rule is suggested, not trusted",
    }),
  })
  .openapi("QaSettings");
export const QaSettingsBodySchema = z
  .strictObject({
    claimLapseHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 90)
      .nullable(),
  })
  .openapi("QaSettingsUpdate");
export type QaSettingsBody = z.infer<typeof QaSettingsBodySchema>;
export const AssignReviewBodySchema = z
  .strictObject({
    userId: z.uuid().nullable().openapi({
      description:
        "The reviewer (an admin, or a leader or QA analyst of the conversation's team or of none); null gives it back to the queue",
    }),
  })
  .openapi("QaReviewAssign");

export const EvaluationListSchema = z
  .object({
    items: z.array(EvaluationSchema),
    queued: z
      .object({ id: z.string(), reason: z.string(), teamId: z.string().nullable(), ...ClaimFields })
      .nullable()
      .openapi({
        description:
          "Its review assignment while it waits in the queue (why, for which team, and who claimed it); null when it does not wait, and for agents and executives",
      }),
  })
  .openapi("QaEvaluationList");

export const HumanAnswerInputSchema = z.strictObject({
  key: z.string().min(1).max(63),
  answer: z.enum(["pass", "fail", "na"]).optional(),
  value: z.number().int().min(1).max(5).optional(),
  note: z.string().max(2000).optional(),
});

export const SubmitReviewBodySchema = z
  .strictObject({
    scorecardId: z.uuid(),
    /** Defaults to the published version. */
    version: z.number().int().min(1).optional(),
    answers: z.array(HumanAnswerInputSchema).min(1).max(100),
    comments: z
      .array(z.strictObject({ messageId: z.uuid(), text: z.string().trim().min(1).max(4000) }))
      .max(100)
      .default([]),
  })
  .openapi("QaSubmitReview");
export type SubmitReviewBody = z.infer<typeof SubmitReviewBodySchema>;

export const DisputeBodySchema = z
  .strictObject({
    reason: z.string().trim().min(3).max(4000),
    /** Empty or absent: the whole evaluation. */
    criterionKeys: z.array(z.string().min(1).max(63)).max(100).default([]),
  })
  .openapi("QaDisputeBody");

export const ResolveDisputeBodySchema = z
  .strictObject({
    outcome: z.enum(["upheld", "partly", "overturned"]),
    note: z.string().trim().min(1).max(4000),
    /** For "partly": the answers accepted (overturned); the others stand. */
    criterionKeys: z.array(z.string().min(1).max(63)).max(100).default([]),
  })
  .openapi("QaResolveDispute");

export const DisputeSchema = z
  .object({
    id: z.string(),
    evaluationId: z.string(),
    conversationId: z.string(),
    agentId: z.string(),
    criterionKeys: z.array(z.string()),
    reason: z.string(),
    status: z.enum(["open", "upheld", "partly", "overturned"]),
    dueAt: z.string(),
    resolvedBy: z.string().nullable(),
    resolution: z.string().nullable(),
  })
  .openapi("QaDispute");
export const DisputeListSchema = z
  .object({ items: z.array(DisputeSchema) })
  .openapi("QaDisputeList");

export const CreateCalibrationBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    scorecardId: z.uuid(),
    conversationIds: z.array(z.uuid()).min(1).max(50),
    reviewerUserIds: z.array(z.uuid()).min(2, "a calibration needs at least two reviewers").max(20),
    dueAt: z.iso.datetime({ offset: true }).optional(),
  })
  .openapi("QaCreateCalibration");

export const ListCalibrationsQuerySchema = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: "nextCursor of the page before" }),
    awaitingMe: z.enum(["true", "false"]).optional().openapi({
      description: "true: only sessions the caller reviews and has not answered in full",
    }),
  })
  .openapi("QaListCalibrationsQuery");

export const CalibrationSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    conversations: z.number().int(),
    reviewers: z.array(z.object({ userId: z.string(), submitted: z.number().int() })),
    complete: z.boolean(),
    awaitingMe: z.boolean(),
    dueAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("QaCalibrationSummary");
export const CalibrationListSchema = z
  .object({ items: z.array(CalibrationSummarySchema), nextCursor: z.string().nullable() })
  .openapi("QaCalibrationList");

export const CoachingBodySchema = z
  .strictObject({
    goal: z.string().trim().min(1).max(1000),
    note: z.string().max(4000).default(""),
    messageIds: z.array(z.uuid()).max(50).default([]),
    followUpOn: z.iso.date().optional(),
  })
  .openapi("QaCoachingBody");

/** A calendar date PostgreSQL can store and a report can mean (years 1900–9999). */
const ReportDate = z.iso
  .date()
  .refine((d) => isSaneDate(new Date(`${d}T00:00:00Z`)), DATE_RANGE_MESSAGE);

export const ReportQuerySchema = z.object({
  groupBy: z.enum(["agent", "team", "channel", "criterion", "week"]).default("week"),
  from: ReportDate.optional(),
  to: ReportDate.optional(),
  teamId: z.uuid().optional(),
});

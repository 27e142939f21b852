import { z } from "@hono/zod-openapi";
import {
  CASE_SEVERITIES,
  CASE_SOURCES,
  CASE_STATUSES,
  CHANNELS,
  ESCALATION_LEVELS,
} from "../../db/schema/index.ts";
import { MILESTONES } from "./regulatory.ts";

/** Longest free text a case accepts (title 300, notes and reviews 10,000 characters). */
export const TEXT_MAX = 10_000;
const Text = z.string().trim().min(1).max(TEXT_MAX);

export const CaseSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    title: z.string(),
    source: z.enum(CASE_SOURCES),
    status: z.enum(CASE_STATUSES),
    severity: z.enum(CASE_SEVERITIES),
    escalationLevel: z.enum(ESCALATION_LEVELS),
    version: z.number().int(),
    channel: z.enum(CHANNELS).nullable(),
    category: z.string().nullable(),
    segment: z.string().nullable(),
    rootCauseId: z.string().nullable(),
    customerId: z.string().nullable(),
    requesterName: z.string().nullable(),
    conversationId: z.string().nullable(),
    ownerUserId: z.string().nullable(),
    teamId: z.string().nullable(),
    slaPolicyId: z.string().nullable(),
    openedAt: z.string(),
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    sla: z.object({
      firstResponseDueAt: z.string().nullable(),
      resolutionDueAt: z.string().nullable(),
      firstRespondedAt: z.string().nullable(),
      atRiskAt: z.string().nullable(),
      breachedAt: z.string().nullable(),
      nextResponseDueAt: z.string().nullable().openapi({
        description: "While a next-response cycle runs (the customer wrote again): when it is due",
      }),
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Case");
export type CaseView = z.infer<typeof CaseSchema>;

export const CaseListSchema = z
  .object({ items: z.array(CaseSchema), nextCursor: z.string().nullable() })
  .openapi("CaseList");

export const CaseListQuerySchema = z.object({
  conversationId: z.uuid().optional(),
  reference: z.string().max(40).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  escalationLevel: z.enum(ESCALATION_LEVELS).optional(),
  source: z.enum(CASE_SOURCES).optional(),
  open: z.enum(["true", "false"]).optional(),
  // Drill-down from the case reports.
  teamId: z.uuid().optional(),
  channel: z.enum(CHANNELS).optional(),
  category: z.string().max(100).optional(),
  reasonId: z.uuid().optional().openapi({
    description: "Contact reason of the case's conversation (insights: conversation_reasons)",
  }),
  breached: z.enum(["true", "false"]).optional(),
  authorityOption: z.string().max(60).optional(),
  openedFrom: z.iso.datetime({ offset: true }).optional(),
  openedTo: z.iso.datetime({ offset: true }).optional(),
  resolvedFrom: z.iso.datetime({ offset: true }).optional(),
  /** With minutesFrom/minutesTo: cases whose time to first response or resolution (business minutes) falls in the range. */
  timeTo: z.enum(["firstResponse", "resolution"]).optional(),
  minutesFrom: z.coerce.number().int().min(0).max(10_000_000).optional(),
  minutesTo: z.coerce.number().int().min(0).max(10_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

export const ClockSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    kind: z.enum(["sla", "regulatory"]),
    state: z.enum(["running", "paused", "met", "breached"]),
    targetMinutes: z.number().nullable(),
    elapsedMinutes: z.number(),
    dueAt: z.string().nullable(),
    atRiskAt: z.string().nullable(),
    breachedAt: z.string().nullable(),
    stoppedAt: z.string().nullable(),
    segments: z.array(
      z.object({
        from: z.string(),
        to: z.string().nullable(),
        state: z.enum(["running", "paused"]),
        countedMinutes: z.number().nullable().openapi({
          description:
            "Business minutes this running segment counted towards an SLA target (0 outside business hours); null for paused segments and regulatory clocks",
        }),
      }),
    ),
  })
  .openapi("CaseClock");

export const CaseEventSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    type: z.string(),
    at: z.string(),
    actorUserId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi("CaseEvent");

export const CaseReviewSchema = z
  .object({
    whatHappened: z.string(),
    rootCauseId: z.string().nullable(),
    whatWillChange: z.string(),
    ownerUserId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("CaseReview");

export const CaseDetailSchema = z
  .object({
    case: CaseSchema,
    clocks: z.array(ClockSchema),
    events: z.array(CaseEventSchema),
    conversationIds: z.array(z.string()),
    review: CaseReviewSchema.nullable(),
    reviewRequired: z.boolean(),
    allowedTransitions: z.array(z.enum(CASE_STATUSES)),
  })
  .openapi("CaseDetail");

export const CreateCaseBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    description: Text.optional(),
    severity: z.enum(CASE_SEVERITIES).default("medium"),
    channel: z.enum(CHANNELS).optional(),
    category: z.string().trim().min(1).max(100).optional(),
    segment: z.string().trim().min(1).max(100).optional(),
    customerId: z.uuid().optional(),
    conversationId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    ownerUserId: z.uuid().optional(),
    openedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .openapi("CreateCaseBody");
export type CreateCaseBody = z.infer<typeof CreateCaseBodySchema>;

export const PatchCaseBodySchema = z
  .strictObject({
    version: z.int().min(1),
    status: z.enum(CASE_STATUSES).optional(),
    severity: z.enum(CASE_SEVERITIES).optional(),
    escalationLevel: z.enum(ESCALATION_LEVELS).optional(),
    title: z.string().trim().min(1).max(300).optional(),
    category: z.string().trim().min(1).max(100).nullable().optional(),
    rootCauseId: z.uuid().nullable().optional(),
    ownerUserId: z.uuid().nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .openapi("PatchCaseBody");
export type PatchCaseBody = z.infer<typeof PatchCaseBodySchema>;

export const NoteBodySchema = z.strictObject({ text: Text }).openapi("CaseNoteBody");
export const MilestoneBodySchema = z
  .strictObject({ milestone: z.enum(MILESTONES), at: z.iso.datetime({ offset: true }).optional() })
  .openapi("CaseMilestoneBody");
export const ResponseBodySchema = z
  .strictObject({ at: z.iso.datetime({ offset: true }).optional() })
  .openapi("CaseResponseBody");

export const ReviewBodySchema = z
  .strictObject({
    whatHappened: Text,
    rootCauseId: z.uuid().nullable().optional(),
    whatWillChange: Text,
    ownerUserId: z.uuid().nullable().optional(),
  })
  .openapi("CaseReviewBody");
export type ReviewBody = z.infer<typeof ReviewBodySchema>;

export const PublicEscalationBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    message: z.string().trim().min(1).max(TEXT_MAX),
    reference: z.string().trim().max(40).optional(),
    /** The organization's slug; default the installation's first organization. */
    org: z.string().trim().min(1).max(100).optional(),
    /** Honeypot: hidden from people; anything here marks a bot. */
    website: z.string().max(2000).optional(),
  })
  .openapi("PublicEscalationBody");
export type PublicEscalationBody = z.infer<typeof PublicEscalationBodySchema>;

export const PublicEscalationSchema = z
  .object({ reference: z.string(), respondBy: z.string() })
  .openapi("PublicEscalation");

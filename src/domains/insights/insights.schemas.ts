import { z } from "@hono/zod-openapi";
import { isSaneDate } from "../../lib/input-hygiene.ts";

const uuid = z.uuid({ message: "must be a UUID" });
const Interval = z.tuple([z.number(), z.number()]).nullable();

export const WeekSchema = z.object({
  week: z.string().openapi({ description: "Monday (UTC) starting the week, YYYY-MM-DD" }),
  count: z.number().int(),
  expected: z.number(),
  upperLimit: z.number().openapi({ description: "Control limit: expected + 3σ" }),
  spike: z.boolean(),
});

export const ReasonSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ description: "The leader's name, else the machine label" }),
    label: z.string(),
    renamed: z.boolean(),
    terms: z.array(z.string()),
    pinned: z.boolean(),
    ownerUserId: z.string().nullable(),
    conversations: z.number().int(),
    trend: z.array(WeekSchema),
    spike: z.boolean().openapi({ description: "This or last week is above the control limit" }),
  })
  .openapi("ContactReason");

export const ReasonDetailSchema = ReasonSchema.extend({
  examples: z.array(z.object({ id: z.string(), startedAt: z.string(), text: z.string() })),
}).openapi("ContactReasonDetail");

export const ReasonsQuerySchema = z.object({
  weeks: z.coerce.number().int().min(1).max(52).default(12),
});

export const ReasonPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).nullable().optional(),
    pinned: z.boolean().optional(),
    ownerUserId: uuid.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, "send name, pinned or ownerUserId");

export const ConversationReasonBodySchema = z
  .strictObject({
    reasonId: uuid.nullable().openapi({
      description:
        "The contact reason a person chose; null hands the conversation back to the model",
    }),
  })
  .openapi("ConversationReasonBody");

export const MergeBodySchema = z.strictObject({
  reasonIds: z.array(uuid).min(1).max(50).openapi({ description: "Reasons merged into this one" }),
});

export const ReclusterBodySchema = z.strictObject({
  k: z.number().int().min(2).max(100).optional(),
});

const isoDate = z
  .string()
  .max(40)
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}/.test(s) && isSaneDate(new Date(s)),
    "must be an ISO-8601 timestamp",
  );

export const FixTargetSchema = z
  .strictObject({
    search: z.string().trim().min(1).max(200).optional().openapi({
      description: "A saved full-text search over message text (as the conversations search)",
    }),
    reasonId: uuid.optional(),
    rootCauseCode: z.string().trim().min(1).max(100).optional(),
  })
  .refine(
    (t) => t.search || t.reasonId || t.rootCauseCode,
    "give search, reasonId or rootCauseCode",
  );

export const CreateFixBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  shippedAt: isoDate,
  target: FixTargetSchema,
});

export const UpdateFixBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(5000).nullable().optional(),
    shippedAt: isoDate.optional(),
    target: FixTargetSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "give at least one field to change");

export const FixSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    shippedAt: z.string(),
    target: z.object({
      search: z.string().optional(),
      reasonId: z.string().optional(),
      rootCauseCode: z.string().optional(),
    }),
    targetReason: z.object({ id: z.string(), name: z.string() }).nullable().openapi({
      description:
        "The contact reason target.reasonId names as it is now: the reason it was merged into, if it was; null when the fix targets none or it is gone",
    }),
    createdByUserId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Fix");

export const ImpactQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(365).default(28),
});

const Estimate = z.object({ value: z.number().nullable(), ci95: Interval, n: z.number().int() });
const BeforeAfter = z.object({ before: Estimate, after: Estimate, difference: Estimate });
const Period = z.object({
  ratePer1000: z.number().nullable(),
  conversations: z.number().int().openapi({ description: "Targeted conversations" }),
  totalConversations: z.number().int(),
});

export const FixImpactSchema = z
  .object({
    fixId: z.string(),
    days: z.number().int(),
    shippedAt: z.string(),
    before: Period,
    after: Period,
    rateRatio: z.number().nullable(),
    ci95: Interval,
    repeatContacts: BeforeAfter,
    complaintRate: BeforeAfter,
    predictedSatisfaction: BeforeAfter,
    surveySatisfaction: BeforeAfter,
    differenceInDifferences: z.object({ ratio: z.number().nullable(), ci95: Interval }),
    verdict: z.enum(["worked", "did_not_work", "inconclusive"]),
    weeks: z.array(
      z.object({
        weekStart: z.string(),
        ratePer1000: z.number(),
        conversations: z.number().int(),
        after: z.boolean(),
      }),
    ),
  })
  .openapi("FixImpact");

export const DigestSchema = z
  .object({
    weekStart: z.string(),
    generatedAt: z.string(),
    risingReasons: z.array(
      z.object({
        reasonId: z.string(),
        name: z.string(),
        lastWeek: z.number().int(),
        weeklyAverageBefore: z.number(),
        spike: z.boolean(),
      }),
    ),
    fixes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        shippedAt: z.string(),
        rateRatio: z.number().nullable(),
        ci95: Interval,
        verdict: z.enum(["worked", "did_not_work", "inconclusive"]),
      }),
    ),
  })
  .openapi("InsightsDigest");

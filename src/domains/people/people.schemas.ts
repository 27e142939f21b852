import { z } from "@hono/zod-openapi";
import { DATE_RANGE_MESSAGE, isSaneDate } from "../../lib/input-hygiene.ts";
import { METRIC_KEYS } from "./metrics.ts";

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine((s) => isSaneDate(new Date(`${s}T00:00:00Z`)), DATE_RANGE_MESSAGE);
const Interval = z.tuple([z.number(), z.number()]).nullable();
const Rank = z.object({ best: z.number().int(), worst: z.number().int() }).nullable();

export const PeriodQuerySchema = z.object({
  from: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: "First day (YYYY-MM-DD); default 90 days before `to`" }),
  to: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: "Last day (YYYY-MM-DD); default today" }),
});

const PeriodSchema = z.object({
  from: z.string(),
  to: z.string(),
  fromWeek: z.string(),
  toWeek: z.string(),
});

export const MetricSchema = z
  .object({
    key: z.enum(METRIC_KEYS),
    label: z.string(),
    higherIsBetter: z.boolean(),
    scale: z.tuple([z.number(), z.number().nullable()]).openapi({
      description: "The values the metric can take: [least, most]; most null when unbounded",
    }),
    value: z.number().nullable(),
    expected: z.number().nullable(),
    adjusted: z.number().nullable(),
    n: z.number().int(),
    ci95: Interval,
    adjustedCi95: Interval,
    orgMean: z.number().nullable(),
    significance: z.enum(["better", "worse", "as_expected", "too_few"]),
  })
  .openapi("ScorecardMetric");

const OverallSchema = z.object({
  role: z.string(),
  points: z.number().nullable(),
  ci95: Interval,
  n: z.number().int(),
});

const TrendSchema = z.array(
  z.object({
    week: z.string(),
    conversations: z.number().int(),
    metrics: z.array(
      z.object({
        key: z.enum(METRIC_KEYS),
        value: z.number().nullable(),
        adjusted: z.number().nullable(),
        n: z.number().int(),
        adjustedCi95: Interval,
      }),
    ),
  }),
);

export const AgentScorecardSchema = z
  .object({
    agentId: z.string(),
    name: z.string(),
    teamId: z.string().nullable(),
    period: PeriodSchema,
    conversations: z.number().int(),
    overall: OverallSchema,
    metrics: z.array(MetricSchema),
    trend: TrendSchema,
  })
  .openapi("AgentScorecard");

const RankedAgentSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  conversations: z.number().int(),
  overall: OverallSchema.extend({ rank: Rank }),
  metrics: z.array(MetricSchema.extend({ rank: Rank })),
});

const GroupFiguresSchema = z.object({
  conversations: z.number().int(),
  overall: OverallSchema,
  metrics: z.array(MetricSchema),
});

export const TeamScorecardsSchema = z
  .object({
    teamId: z.string(),
    name: z.string(),
    period: PeriodSchema,
    team: GroupFiguresSchema,
    agents: z.array(RankedAgentSchema),
    trend: TrendSchema,
  })
  .openapi("TeamScorecards");

export const OrgScorecardsSchema = z
  .object({
    period: PeriodSchema,
    org: GroupFiguresSchema,
    teams: z.array(GroupFiguresSchema.extend({ teamId: z.string(), name: z.string() })),
    trend: TrendSchema,
  })
  .openapi("OrgScorecards");

export const LeaderboardSchema = z
  .object({
    period: PeriodSchema,
    items: z.array(
      z.object({
        agentId: z.string(),
        name: z.string(),
        conversations: z.number().int(),
        overall: OverallSchema.extend({ rank: Rank }),
      }),
    ),
  })
  .openapi("Leaderboard");

const WeightsSchema = z.partialRecord(z.enum(METRIC_KEYS), z.number().min(0).max(1));

export const PeopleSettingsBodySchema = z
  .strictObject({
    weights: z
      .record(z.string().trim().min(1).max(60), WeightsSchema)
      .refine((w) => Object.keys(w).length <= 50, "at most 50 roles"),
    teamRoles: z.record(z.uuid(), z.string().trim().min(1).max(60)).default({}),
    agentsSeeOthers: z.boolean().default(false),
    leaderboards: z.boolean().default(false),
  })
  .openapi("PeopleSettingsBody");

export const PeopleSettingsSchema = z
  .object({
    weights: z.record(z.string(), WeightsSchema),
    teamRoles: z.record(z.string(), z.string()),
    agentsSeeOthers: z.boolean(),
    leaderboards: z.boolean(),
    metrics: z.array(
      z.object({ key: z.enum(METRIC_KEYS), label: z.string(), higherIsBetter: z.boolean() }),
    ),
  })
  .openapi("PeopleSettings");

export const CreateGoalBodySchema = z
  .strictObject({
    scope: z.enum(["agent", "team", "org"]),
    subjectId: z.uuid().nullable().optional(),
    /** Checked against the scorecard metrics in the service (a clear message names the known ones). */
    metric: z.string().trim().min(1).max(60),
    target: z.number().min(-1_000_000).max(1_000_000),
    startsOn: Day.optional(),
    dueOn: Day,
    note: z.string().max(2000).optional(),
  })
  .openapi("CreateGoalBody");

const MeasuredSchema = z.object({
  value: z.number().nullable(),
  ci95: Interval,
  n: z.number().int(),
});

export const GoalSchema = z
  .object({
    id: z.string(),
    scope: z.string(),
    subjectId: z.string().nullable(),
    metric: z.enum(METRIC_KEYS),
    label: z.string(),
    target: z.number(),
    startValue: z.number().nullable(),
    startsOn: z.string(),
    dueOn: z.string(),
    note: z.string(),
    current: MeasuredSchema,
    progress: z.number().nullable(),
    status: z.enum(["met_confidently", "met", "on_track", "behind", "no_data"]),
  })
  .openapi("Goal");

export const GoalListQuerySchema = z.object({
  agentId: z.uuid().optional(),
  teamId: z.uuid().optional(),
});

const ExampleSchema = z.object({
  conversationId: z.string(),
  startedAt: z.string(),
  subject: z.string().nullable(),
  /** The customer's first message (else the first message), up to 160 characters. */
  preview: z.string().nullable(),
  value: z.number(),
  expected: z.number().nullable(),
});

const ComparisonSchema = z.object({
  difference: z.number(),
  ci95: z.tuple([z.number(), z.number()]),
  z: z.number(),
  pWorse: z.number(),
});

export const AlertsSchema = z
  .object({
    criterion: z.object({
      recentWeeks: z.number(),
      baselineWeeks: z.number(),
      minN: z.number(),
      pValue: z.number(),
      test: z.string(),
    }),
    windows: z.object({ baselineFrom: z.string(), recentFrom: z.string(), to: z.string() }),
    items: z.array(
      z.object({
        agentId: z.string(),
        name: z.string(),
        metric: z.enum(METRIC_KEYS),
        label: z.string(),
        comparison: ComparisonSchema,
        before: z.object({ n: z.number().int() }),
        after: z.object({ n: z.number().int() }),
        examples: z.array(ExampleSchema),
      }),
    ),
  })
  .openapi("PeopleAlerts");

const QaNoteSchema = z.object({
  id: z.string(),
  evaluationId: z.string(),
  goal: z.string(),
  note: z.string(),
  followUpOn: z.string().nullable(),
  createdAt: z.string(),
});

export const AgendaDraftBodySchema = z
  .strictObject({ agentId: z.uuid(), from: Day.optional(), to: Day.optional() })
  .openapi("AgendaDraftBody");

export const AgendaSchema = z
  .object({
    agentId: z.string(),
    period: PeriodSchema,
    items: z.array(
      MetricSchema.extend({
        gapPoints: z.number(),
        best: z.array(ExampleSchema),
        worst: z.array(ExampleSchema),
      }),
    ),
    qaCoachingNotes: z.array(QaNoteSchema),
  })
  .openapi("CoachingAgenda");

const Commitments = z.array(z.string().trim().min(1).max(500)).max(20);

export const CreateCoachingBodySchema = z
  .strictObject({
    agentId: z.uuid(),
    metric: z.string().trim().min(1).max(60),
    heldOn: Day.optional(),
    followUpOn: Day.nullable().optional(),
    notes: z.string().max(10_000).optional(),
    commitments: Commitments.optional(),
    qaCoachingNoteIds: z.array(z.uuid()).max(20).optional(),
    agenda: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  })
  .openapi("CreateCoachingBody");

export const PatchCoachingBodySchema = z
  .strictObject({
    notes: z.string().max(10_000).optional(),
    commitments: Commitments.optional(),
    followUpOn: Day.nullable().optional(),
  })
  .openapi("PatchCoachingBody");

const SideSchema = z.object({
  from: z.string(),
  to: z.string(),
  adjusted: z.number().nullable(),
  ci95: Interval,
  n: z.number().int(),
});

export const CoachingSchema = z
  .object({
    id: z.string(),
    agentId: z.string(),
    agentName: z.string(),
    coachUserId: z.string().nullable(),
    metric: z.string(),
    label: z.string(),
    heldOn: z.string(),
    followUpOn: z.string().nullable(),
    agenda: z.array(z.record(z.string(), z.unknown())),
    notes: z.string(),
    commitments: z.array(z.string()),
    qaCoachingNoteIds: z.array(z.string()),
    effect: z.object({
      metric: z.enum(METRIC_KEYS),
      before: SideSchema,
      after: SideSchema,
      difference: z.number().nullable(),
      differenceCi95: Interval,
      verdict: z.enum(["improved", "worsened", "no_clear_change", "too_early"]),
    }),
  })
  .openapi("CoachingSession");

export const CoachingListQuerySchema = z.object({
  agentId: z.uuid().optional(),
  mine: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});

export const AgentHomeSchema = z
  .object({
    agent: z.object({ id: z.string(), name: z.string(), teamId: z.string().nullable() }).nullable(),
    scorecard: AgentScorecardSchema.nullable(),
    goals: z.array(GoalSchema),
    coaching: z.array(CoachingSchema),
    qaCoachingNotes: z.array(QaNoteSchema),
    settings: z.object({ agentsSeeOthers: z.boolean(), leaderboards: z.boolean() }),
  })
  .openapi("AgentHome");

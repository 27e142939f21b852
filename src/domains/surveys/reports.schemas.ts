import { z } from "@hono/zod-openapi";

const num = z.number().nullable();

export const ReportQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(3650).default(90),
  surveyId: z.uuid({ message: "must be a UUID" }).optional(),
});

export const BudgetReportSchema = z
  .object({
    invited: z.number(),
    suppressed: z.array(z.object({ reason: z.string(), count: z.number() })),
  })
  .openapi("SurveyBudgetReport");

const Accuracy = { n: z.number(), mae: num, spearman: num };

export const PredictedVsActualSchema = z
  .object({
    overall: z.object(Accuracy),
    calibration: z.array(z.object({ predicted: z.number(), meanActual: num, count: z.number() })),
    byChannel: z.array(z.object({ channel: z.string(), ...Accuracy })),
    byMonth: z.array(z.object({ month: z.string(), ...Accuracy })),
  })
  .openapi("PredictedVsActualReport");

const Rate = { invited: z.number(), responded: z.number(), rate: num };
const Shares = { lowShare: num, highShare: num, lowCount: z.number(), highCount: z.number() };

export const SurveyOverviewSchema = z
  .object({
    responseRate: z.object({
      invited: z.number(),
      responded: z.number(),
      byChannel: z.array(z.object({ channel: z.string(), ...Rate })),
      /** By the conversation's team (null: no team). */
      byTeam: z.array(z.object({ team: z.string().nullable(), ...Rate })),
      /** By the conversation's contact reason (topic; null: not yet assigned one). */
      byReason: z.array(z.object({ reason: z.string().nullable(), ...Rate })),
    }),
    score: z.object({ raw: num, nonResponseWeighted: num }),
    trend: z.array(z.object({ week: z.string(), n: z.number(), mean: num, low: num, high: num })),
    loopClosure: z.array(
      z.object({
        team: z.string().nullable(),
        opened: z.number(),
        closed: z.number(),
        closureRate: num,
        medianHoursToClose: num,
      }),
    ),
    /** Comment signals: share of low (detractor) and high (promoter) answers with each. */
    drivers: z.array(z.object({ signal: z.string(), ...Shares })),
    /** Contact reasons of the answered conversations, likewise. */
    topicDrivers: z.array(z.object({ reasonId: z.string(), topic: z.string(), ...Shares })),
  })
  .openapi("SurveyOverviewReport");

import type { Db } from "../../db/client.ts";
import { groupBy } from "../../lib/group-by.ts";
import { SUPPRESSION_REASONS } from "./budget.ts";
import * as repo from "./reports.repo.ts";
import { mean, meanAbsoluteError, meanWithCi, round, spearman } from "./stats.ts";

const DAY_MS = 86_400_000;
const fromDays = (days: number) => new Date(Date.now() - days * DAY_MS);

/** How many invitations each contact-pressure rule suppressed, beside those sent. */
export async function budgetReport(db: Db, orgId: string, days = 90) {
  const rows = await repo.countDecisionsByReason(db, orgId, fromDays(days));
  const count = (reason: string) => rows.find((r) => r.reason === reason)?.count ?? 0;
  return {
    invited: count("invited") + count("manual"),
    suppressed: SUPPRESSION_REASONS.map((reason) => ({ reason, count: count(reason) })),
  };
}

function accuracy(pairs: [number, number][]) {
  return {
    n: pairs.length,
    mae: round(meanAbsoluteError(pairs)),
    spearman: round(spearman(pairs)),
  };
}

/**
 * Predicted satisfaction (1–5) against the CSAT answer of the same conversation: a calibration
 * table (mean answer per predicted score), and MAE and Spearman overall, per channel and per month.
 */
export async function predictedVsActual(db: Db, orgId: string, days = 365) {
  const rows = (await repo.findPredictedVsActual(db, orgId, fromDays(days))).map((r) => ({
    ...r,
    predicted: Number(r.predicted),
    actual: Number(r.actual),
  }));
  const pairs = (rs: typeof rows) => rs.map((r) => [r.predicted, r.actual] as [number, number]);
  const calibration = [1, 2, 3, 4, 5].map((bucket) => {
    const inBucket = rows.filter(
      (r) => Math.min(5, Math.max(1, Math.round(r.predicted))) === bucket,
    );
    return {
      predicted: bucket,
      meanActual: round(mean(inBucket.map((r) => r.actual))),
      count: inBucket.length,
    };
  });
  return {
    overall: accuracy(pairs(rows)),
    calibration,
    byChannel: [...groupBy(rows, (r) => r.channel)].map(([channel, rs]) => ({
      channel,
      ...accuracy(pairs(rs)),
    })),
    byMonth: [...groupBy(rows, (r) => r.month)]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, rs]) => ({ month, ...accuracy(pairs(rs)) })),
  };
}

const rateOf = (r: { invited: number; responded: number }) => ({
  invited: r.invited,
  responded: r.responded,
  rate: round(r.invited ? r.responded / r.invited : null),
});

/**
 * What separates low answers (detractors) from high ones (promoters): for each key, the share of
 * each band's answers that has it, the 10 largest differences first.
 */
function separating<T extends { low: boolean; count: number; total: number }>(
  rows: readonly T[],
  keyOf: (r: T) => string,
) {
  return [...groupBy(rows, keyOf)]
    .map(([key, rs]) => {
      const band = (low: boolean) => rs.find((x) => x.low === low);
      const share = (low: boolean) => {
        const r = band(low);
        return r && r.total ? r.count / r.total : 0;
      };
      return {
        key,
        first: rs[0]!,
        lowShare: round(share(true)),
        highShare: round(share(false)),
        lowCount: band(true)?.count ?? 0,
        highCount: band(false)?.count ?? 0,
        difference: share(true) - share(false),
      };
    })
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))
    .slice(0, 10);
}

const shares = (d: ReturnType<typeof separating>[number]) => ({
  lowShare: d.lowShare,
  highShare: d.highShare,
  lowCount: d.lowCount,
  highCount: d.highCount,
});

/**
 * Response rate per channel, the weekly score trend with 95 % confidence intervals, the raw mean
 * beside a non-response-weighted one (each channel's mean weighted by its share of invitations,
 * not of answers), loop closure by team, and the comment signals and conversation topics that
 * separate low from high scores.
 */
export async function overviewReport(db: Db, orgId: string, days = 90, surveyId?: string) {
  const from = fromDays(days);
  const rates = await repo.countResponseRates(db, orgId, from, surveyId);
  const invited = rates.reduce((a, r) => a + r.invited, 0);
  const scored = rates.reduce((a, r) => a + r.scored, 0);
  const raw = scored ? rates.reduce((a, r) => a + (r.score_sum ?? 0), 0) / scored : NaN;
  const withScores = rates.filter((r) => r.scored > 0);
  const weightBase = withScores.reduce((a, r) => a + r.invited, 0);
  const weighted = weightBase
    ? withScores.reduce((a, r) => a + (r.invited / weightBase) * ((r.score_sum ?? 0) / r.scored), 0)
    : NaN;
  const weeks = await repo.findScoresByWeek(db, orgId, from, surveyId);
  const closure = await repo.findLoopClosure(db, orgId, from);
  const byTeam = await repo.countResponseRates(db, orgId, from, surveyId, "team");
  const byReason = await repo.countResponseRates(db, orgId, from, surveyId, "reason");
  const signals = await repo.findCommentSignals(db, orgId, from);
  const topics = await repo.findResponseTopics(db, orgId, from);
  return {
    responseRate: {
      invited,
      responded: rates.reduce((a, r) => a + r.responded, 0),
      byChannel: rates.map((r) => ({ channel: r.key ?? "", ...rateOf(r) })),
      byTeam: byTeam.map((r) => ({ team: r.key, ...rateOf(r) })),
      byReason: byReason.map((r) => ({ reason: r.key, ...rateOf(r) })),
    },
    score: { raw: round(raw), nonResponseWeighted: round(weighted) },
    trend: weeks.map((w) => {
      const ci = meanWithCi(w.scores.map(Number));
      return {
        week: w.week,
        n: w.scores.length,
        mean: round(ci.mean),
        low: round(ci.low),
        high: round(ci.high),
      };
    }),
    loopClosure: closure.map((c) => {
      const hours = (c.hours ?? []).map(Number).sort((a, b) => a - b);
      return {
        team: c.team,
        opened: c.opened,
        closed: c.closed,
        closureRate: round(c.opened ? c.closed / c.opened : null),
        medianHoursToClose: round(hours.length ? hours[Math.floor(hours.length / 2)]! : null, 1),
      };
    }),
    drivers: separating(signals, (r) => r.signal).map((d) => ({ signal: d.key, ...shares(d) })),
    topicDrivers: separating(topics, (r) => r.reason_id).map((d) => ({
      reasonId: d.key,
      topic: d.first.topic,
      ...shares(d),
    })),
  };
}

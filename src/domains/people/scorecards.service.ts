import type { Db } from "../../db/client.ts";
import { METRIC_KEYS, METRICS, type MetricKey } from "./metrics.ts";
import type { Period } from "./period.ts";
import { sumRollups, type SumRow } from "./rollups.repo.ts";
import { weightsFor, type PeopleSettings } from "./settings.ts";
import { EMPTY_SUMS, estimate, MIN_VERDICT_N, type Interval, type MetricSums } from "./stats.ts";

export type Significance = "better" | "worse" | "as_expected" | "too_few";

export interface MetricView {
  key: MetricKey;
  label: string;
  higherIsBetter: boolean;
  /** The values the metric can take, [least, most]; most is null when unbounded (minutes). */
  scale: [number, number | null];
  value: number | null;
  expected: number | null;
  adjusted: number | null;
  n: number;
  /** 95 % interval of the observed value (t for means, Wilson for shares). */
  ci95: Interval | null;
  /** 95 % interval of the adjusted value: what comparisons and ranks rest on. */
  adjustedCi95: Interval | null;
  orgMean: number | null;
  /** Whether the adjusted interval lies wholly on one side of the org's mean. */
  significance: Significance;
}

export interface Overall {
  role: string;
  /** Weighted 0–100 points of the adjusted values, over the metrics with data. */
  points: number | null;
  ci95: Interval | null;
  n: number;
}

export type SumsByMetric = Map<string, MetricSums>;

/** Groups rollup rows by key (agent, team or week) and metric. */
export function groupSums(rows: SumRow[], by: "key" | "week"): Map<string, SumsByMetric> {
  const out = new Map<string, SumsByMetric>();
  for (const r of rows) {
    const k = (by === "key" ? r.key : r.week) ?? "";
    let m = out.get(k);
    if (!m) out.set(k, (m = new Map()));
    m.set(r.metric, {
      n: r.n,
      sum: r.sum,
      sumSq: r.sumSq,
      sumExpected: r.sumExpected,
      sumResidualSq: r.sumResidualSq,
    });
  }
  return out;
}

/** The org's mean of each metric over the period (the centre adjusted values are placed around). */
export async function orgMeans(
  db: Db,
  orgId: string,
  period: Period,
): Promise<Map<string, number>> {
  const rows = await sumRollups(db, { orgId, ...period, subject: { org: true }, groupBy: "none" });
  return new Map(rows.filter((r) => r.n > 0).map((r) => [r.metric, r.sum / r.n]));
}

export function buildMetricViews(sums: SumsByMetric, means: Map<string, number>): MetricView[] {
  return METRIC_KEYS.map((key) => {
    const def = METRICS[key];
    const orgMean = means.get(key) ?? null;
    const e = estimate(sums.get(key) ?? EMPTY_SUMS, orgMean, def.binary, def.range);
    return {
      key,
      label: def.label,
      higherIsBetter: def.higherIsBetter,
      scale: [def.range[0], Number.isFinite(def.range[1]) ? def.range[1] : null],
      value: e.value,
      expected: e.expected,
      adjusted: e.adjusted,
      n: e.n,
      ci95: e.ci95,
      adjustedCi95: e.adjustedCi95,
      orgMean,
      significance: significanceOf(e.n, e.adjustedCi95, orgMean, def.higherIsBetter),
    };
  });
}

function significanceOf(
  n: number,
  ci: Interval | null,
  mean: number | null,
  higher: boolean,
): Significance {
  if (!ci || mean === null || n < MIN_VERDICT_N) return "too_few";
  if (ci[0] > mean) return higher ? "better" : "worse";
  if (ci[1] < mean) return higher ? "worse" : "better";
  return "as_expected";
}

/**
 * The weighted overall score in 0–100 points. Each metric's adjusted value and interval ends are
 * mapped onto points; the interval's half-width combines the metrics' as if independent.
 */
export function overallOf(
  metrics: MetricView[],
  settings: PeopleSettings,
  teamId: string | null,
): Overall {
  const { role, weights } = weightsFor(settings, teamId);
  let total = 0;
  let points = 0;
  let variance = 0;
  let n = 0;
  for (const m of metrics) {
    const w = weights[m.key] ?? 0;
    if (w <= 0 || m.adjusted === null || m.orgMean === null) continue;
    const toPoints = (v: number) => METRICS[m.key].points(v, m.orgMean ?? v);
    total += w;
    points += w * toPoints(m.adjusted);
    const half = m.adjustedCi95
      ? Math.abs(toPoints(m.adjustedCi95[1]) - toPoints(m.adjustedCi95[0])) / 2
      : 50;
    variance += w * w * half * half;
    n = Math.max(n, m.n);
  }
  if (total === 0) return { role, points: null, ci95: null, n: 0 };
  const p = points / total;
  const half = Math.sqrt(variance) / total;
  return { role, points: p, ci95: [Math.max(0, p - half), Math.min(100, p + half)], n };
}

/** The conversation count of a sums map (the `conversations` pseudo-metric). */
export function conversationsOf(sums: SumsByMetric | undefined): number {
  return sums?.get("conversations")?.n ?? 0;
}

import type { Db } from "../../db/client.ts";
import { METRICS, type MetricKey } from "./metrics.ts";
import { listAgentsOf } from "./people.repo.ts";
import type { Period } from "./period.ts";
import { sumRollups } from "./rollups.repo.ts";
import { orgMeans } from "./scorecards.service.ts";
import { EMPTY_SUMS, estimate, type Interval, type MetricSums } from "./stats.ts";

export type Subject =
  { scope: "agent"; agentId: string } | { scope: "team"; teamId: string } | { scope: "org" };

export interface Measured {
  /** Adjusted for an agent (case mix), observed for a team or the org. */
  value: number | null;
  ci95: Interval | null;
  n: number;
}

/** Summed rollups of one metric for a subject over a period. */
export async function sumsOf(
  db: Db,
  orgId: string,
  subject: Subject,
  metric: MetricKey,
  period: Period,
) {
  const base = {
    orgId,
    fromWeek: period.fromWeek,
    toWeek: period.toWeek,
    groupBy: "none" as const,
  };
  const agentIds =
    subject.scope === "agent"
      ? [subject.agentId]
      : subject.scope === "team"
        ? (await listAgentsOf(db, orgId, subject.teamId)).map((a) => a.id)
        : null;
  const rows = await sumRollups(db, {
    ...base,
    subject: agentIds ? { agentIds } : { org: true },
  });
  const row = rows.find((r) => r.metric === metric);
  return row ? ({ ...row } satisfies MetricSums) : EMPTY_SUMS;
}

/** The figure a goal or a coaching effect is judged on. */
export async function measure(
  db: Db,
  orgId: string,
  subject: Subject,
  metric: MetricKey,
  period: Period,
): Promise<Measured> {
  const [sums, means] = await Promise.all([
    sumsOf(db, orgId, subject, metric, period),
    orgMeans(db, orgId, period),
  ]);
  const { binary, range } = METRICS[metric];
  const e = estimate(sums, means.get(metric) ?? null, binary, range);
  return subject.scope === "agent"
    ? { value: e.adjusted, ci95: e.adjustedCi95, n: e.n }
    : { value: e.value, ci95: e.ci95, n: e.n };
}

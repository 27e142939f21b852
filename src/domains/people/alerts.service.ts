import type { Db } from "../../db/client.ts";
import type { Principal } from "../../lib/principal.ts";
import { assertCanSeeOthers } from "./access.ts";
import { METRIC_KEYS, METRICS, type MetricKey } from "./metrics.ts";
import { findExamples, listAgentsOf, type ExampleConversation } from "./people.repo.ts";
import { addDays, weekOf } from "./period.ts";
import { sumRollups } from "./rollups.repo.ts";
import { readPeopleSettings } from "./settings.ts";
import {
  addSums,
  compareMeans,
  EMPTY_SUMS,
  MIN_VERDICT_N,
  type Comparison,
  type MetricSums,
} from "./stats.ts";

/** The test behind an alert, stated once: the API returns it with every alert. */
export const ALERT_CRITERION = {
  recentWeeks: 4,
  baselineWeeks: 8,
  minN: MIN_VERDICT_N,
  pValue: 0.01,
  test:
    "Welch z-test on the case-mix residuals (observed − expected): the mean of the last 4 whole " +
    "weeks against the 8 weeks before, one-sided (worse), alert when p < 0.01 and each side has " +
    "at least 10 conversations with the metric.",
} as const;

export interface Alert {
  agentId: string;
  name: string;
  metric: MetricKey;
  label: string;
  comparison: Comparison;
  before: { n: number };
  after: { n: number };
  examples: ExampleConversation[];
}

/** Agents whose adjusted metric dropped significantly lately, with conversations to coach on. */
export async function listAlerts(
  db: Db,
  p: Principal,
  q: { teamId?: string | undefined },
  now = new Date(),
) {
  assertCanSeeOthers(p, await readPeopleSettings(db, p.orgId));
  const c = ALERT_CRITERION;
  // Whole weeks only: the current, partial week is left out of both windows.
  const thisWeek = weekOf(now);
  const recentFrom = addDays(thisWeek, -7 * c.recentWeeks);
  const baseFrom = addDays(recentFrom, -7 * c.baselineWeeks);
  const lastWeek = addDays(thisWeek, -7);
  const agents = await listAgentsOf(db, p.orgId, q.teamId);
  const rows = await sumRollups(db, {
    orgId: p.orgId,
    fromWeek: baseFrom,
    toWeek: lastWeek,
    subject: { agentIds: agents.map((a) => a.id) },
    groupBy: "agent",
    byWeek: true,
  });
  const split = new Map<
    string,
    { before: Map<string, MetricSums>; after: Map<string, MetricSums> }
  >();
  for (const r of rows) {
    if (!r.key || !r.week) continue;
    let s = split.get(r.key);
    if (!s) split.set(r.key, (s = { before: new Map(), after: new Map() }));
    const side = r.week >= recentFrom ? s.after : s.before;
    side.set(r.metric, addSums(side.get(r.metric) ?? EMPTY_SUMS, r));
  }
  const alerts: Alert[] = [];
  for (const a of agents) {
    const s = split.get(a.id);
    if (!s) continue;
    for (const metric of METRIC_KEYS) {
      const before = s.before.get(metric) ?? EMPTY_SUMS;
      const after = s.after.get(metric) ?? EMPTY_SUMS;
      if (before.n < c.minN || after.n < c.minN) continue;
      const comparison = compareMeans(before, after, METRICS[metric].higherIsBetter);
      if (!comparison || comparison.pWorse >= c.pValue) continue;
      const examples = await findExamples(db, {
        orgId: p.orgId,
        agentId: a.id,
        column: METRICS[metric].column,
        from: recentFrom,
        to: addDays(thisWeek, -1),
        best: !METRICS[metric].higherIsBetter,
        limit: 3,
      });
      alerts.push({
        agentId: a.id,
        name: a.name,
        metric,
        label: METRICS[metric].label,
        comparison,
        before: { n: before.n },
        after: { n: after.n },
        examples,
      });
    }
  }
  alerts.sort((x, y) => x.comparison.pWorse - y.comparison.pWorse);
  return {
    criterion: ALERT_CRITERION,
    windows: { baselineFrom: baseFrom, recentFrom, to: addDays(thisWeek, -1) },
    items: alerts,
  };
}

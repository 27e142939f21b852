import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { assertCanSeeAgent, assertCanSeeOthers } from "./access.ts";
import { METRICS, type MetricKey } from "./metrics.ts";
import { findAgent, listAgentsOf, listTeamNames } from "./people.repo.ts";
import { resolvePeriod, type Period } from "./period.ts";
import { sumRollups, sumTeamRollups } from "./rollups.repo.ts";
import {
  buildMetricViews,
  conversationsOf,
  groupSums,
  orgMeans,
  overallOf,
  type MetricView,
  type Overall,
  type SumsByMetric,
} from "./scorecards.service.ts";
import { readPeopleSettings, type PeopleSettings } from "./settings.ts";
import { addSums, rankRanges, type MetricSums } from "./stats.ts";

export interface PeriodQuery {
  from?: string | undefined;
  to?: string | undefined;
}

export interface WeekPoint {
  week: string;
  conversations: number;
  metrics: Pick<MetricView, "key" | "value" | "adjusted" | "n" | "adjustedCi95">[];
}

function trendOf(byWeek: Map<string, SumsByMetric>, means: Map<string, number>): WeekPoint[] {
  return [...byWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, sums]) => ({
      week,
      conversations: conversationsOf(sums),
      metrics: buildMetricViews(sums, means)
        .filter((m) => m.n > 0)
        .map(({ key, value, adjusted, n, adjustedCi95 }) => ({
          key,
          value,
          adjusted,
          n,
          adjustedCi95,
        })),
    }));
}

/** One agent's scorecard over a period: every metric observed, expected, adjusted, n, 95 % intervals. */
export async function getAgentScorecard(db: Db, p: Principal, agentId: string, q: PeriodQuery) {
  const settings = await readPeopleSettings(db, p.orgId);
  const agent = await findAgent(db, p.orgId, agentId);
  if (!agent) throw new AppError("NOT_FOUND", { message: "No such agent in this organization" });
  await assertCanSeeAgent(db, p, agentId, settings);
  const period = resolvePeriod(q.from, q.to);
  return buildAgentScorecard(db, p.orgId, agent, period, settings);
}

/** The scorecard of an agent already known visible (the agent home reuses it). */
export async function buildAgentScorecard(
  db: Db,
  orgId: string,
  agent: { id: string; name: string; teamId: string | null },
  period: Period,
  settings: PeopleSettings,
) {
  const filter = { orgId, ...period, subject: { agentIds: [agent.id] } };
  const [rows, weekly, means] = await Promise.all([
    sumRollups(db, { ...filter, groupBy: "none" }),
    sumRollups(db, { ...filter, groupBy: "none", byWeek: true }),
    orgMeans(db, orgId, period),
  ]);
  const sums = groupSums(rows, "key").get("") ?? new Map();
  const metrics = buildMetricViews(sums, means);
  return {
    agentId: agent.id,
    name: agent.name,
    teamId: agent.teamId,
    period,
    conversations: conversationsOf(sums),
    overall: overallOf(metrics, settings, agent.teamId),
    metrics,
    trend: trendOf(groupSums(weekly, "week"), means),
  };
}

export interface RankedAgent {
  agentId: string;
  name: string;
  conversations: number;
  overall: Overall & { rank: { best: number; worst: number } | null };
  metrics: (MetricView & { rank: { best: number; worst: number } | null })[];
}

/** Ranks that the intervals support, on the overall points and on each metric's adjusted value. */
function rankAgents(
  agents: { id: string; name: string; teamId: string | null }[],
  sumsByAgent: Map<string, SumsByMetric>,
  means: Map<string, number>,
  settings: PeopleSettings,
): RankedAgent[] {
  const views = agents.map((a) => {
    const sums = sumsByAgent.get(a.id) ?? new Map<string, MetricSums>();
    const metrics = buildMetricViews(sums, means);
    return { a, sums, metrics, overall: overallOf(metrics, settings, a.teamId) };
  });
  const overallRanks = rankRanges(
    views
      .filter((v) => v.overall.points !== null)
      .map((v) => ({ id: v.a.id, interval: v.overall.ci95 })),
    true,
  );
  const metricRanks = new Map<MetricKey, ReturnType<typeof rankRanges>>();
  for (const key of Object.keys(METRICS) as MetricKey[]) {
    const items = views.flatMap((v) => {
      const m = v.metrics.find((x) => x.key === key);
      return m && m.adjusted !== null ? [{ id: v.a.id, interval: m.adjustedCi95 }] : [];
    });
    metricRanks.set(key, rankRanges(items, METRICS[key].higherIsBetter));
  }
  return views
    .map((v) => ({
      agentId: v.a.id,
      name: v.a.name,
      conversations: conversationsOf(v.sums),
      overall: { ...v.overall, rank: overallRanks.get(v.a.id) ?? null },
      metrics: v.metrics.map((m) => ({ ...m, rank: metricRanks.get(m.key)?.get(v.a.id) ?? null })),
    }))
    .sort(
      (x, y) => (y.overall.points ?? -1) - (x.overall.points ?? -1) || x.name.localeCompare(y.name),
    );
}

function totalOf(sumsByKey: Map<string, SumsByMetric>): SumsByMetric {
  const out: SumsByMetric = new Map();
  for (const sums of sumsByKey.values()) {
    for (const [metric, s] of sums)
      out.set(metric, out.has(metric) ? addSums(out.get(metric)!, s) : s);
  }
  return out;
}

/** A team's scorecards: the team's own figures, its weekly trend, and each agent's ranked figures. */
export async function getTeamScorecards(db: Db, p: Principal, teamId: string, q: PeriodQuery) {
  const settings = await readPeopleSettings(db, p.orgId);
  assertCanSeeOthers(p, settings);
  const team = (await listTeamNames(db, p.orgId)).find((t) => t.id === teamId);
  if (!team) throw new AppError("TEAM_NOT_FOUND", { message: "No such team in this organization" });
  const period = resolvePeriod(q.from, q.to);
  const agents = await listAgentsOf(db, p.orgId, teamId);
  // The team's rows (conversations handled in this team), per agent and per week in one scan.
  const [rows, means] = await Promise.all([
    sumTeamRollups(db, { orgId: p.orgId, teamId, ...period }),
    orgMeans(db, p.orgId, period),
  ]);
  const weekly = rows.filter((r) => r.key === null);
  const byAgent = groupSums(
    rows.filter((r) => r.key !== null),
    "key",
  );
  const teamSums = totalOf(byAgent);
  const teamMetrics = buildMetricViews(teamSums, means);
  return {
    teamId,
    name: team.name,
    period,
    team: {
      conversations: conversationsOf(teamSums),
      overall: overallOf(teamMetrics, settings, teamId),
      metrics: teamMetrics,
    },
    agents: rankAgents(agents, byAgent, means, settings),
    trend: trendOf(groupSums(weekly, "week"), means),
  };
}

/** The org view: each team's figures and the org's own, with the weekly trend. */
export async function getOrgScorecards(db: Db, p: Principal, q: PeriodQuery) {
  const settings = await readPeopleSettings(db, p.orgId);
  assertCanSeeOthers(p, settings);
  const period = resolvePeriod(q.from, q.to);
  const [rows, orgRows, weekly, means, teams] = await Promise.all([
    sumRollups(db, { orgId: p.orgId, ...period, subject: { allAgents: true }, groupBy: "team" }),
    sumRollups(db, { orgId: p.orgId, ...period, subject: { org: true }, groupBy: "none" }),
    sumRollups(db, {
      orgId: p.orgId,
      ...period,
      subject: { org: true },
      groupBy: "none",
      byWeek: true,
    }),
    orgMeans(db, p.orgId, period),
    listTeamNames(db, p.orgId),
  ]);
  const byTeam = groupSums(rows, "key");
  const orgSums = groupSums(orgRows, "key").get("") ?? new Map();
  const orgMetrics = buildMetricViews(orgSums, means);
  return {
    period,
    org: {
      conversations: conversationsOf(orgSums),
      overall: overallOf(orgMetrics, settings, null),
      metrics: orgMetrics,
    },
    teams: teams.map((t) => {
      const sums = byTeam.get(t.id) ?? new Map();
      const metrics = buildMetricViews(sums, means);
      return {
        teamId: t.id,
        name: t.name,
        conversations: conversationsOf(sums),
        overall: overallOf(metrics, settings, t.id),
        metrics,
      };
    }),
    trend: trendOf(groupSums(weekly, "week"), means),
  };
}

/** The opt-in leaderboard: every agent's overall adjusted points with the rank range it supports. */
export async function getLeaderboard(db: Db, p: Principal, q: PeriodQuery) {
  const settings = await readPeopleSettings(db, p.orgId);
  if (!settings.leaderboards) {
    throw new AppError("FORBIDDEN", {
      message: "This organization has not turned leaderboards on",
    });
  }
  const period = resolvePeriod(q.from, q.to);
  const agents = await listAgentsOf(db, p.orgId);
  const [rows, means] = await Promise.all([
    sumRollups(db, { orgId: p.orgId, ...period, subject: { allAgents: true }, groupBy: "agent" }),
    orgMeans(db, p.orgId, period),
  ]);
  const ranked = rankAgents(agents, groupSums(rows, "key"), means, settings);
  return {
    period,
    items: ranked
      .filter((a) => a.overall.points !== null)
      .map((a) => ({
        agentId: a.agentId,
        name: a.name,
        conversations: a.conversations,
        overall: a.overall,
      })),
  };
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen";

type Schemas = components["schemas"];
export type AgentScorecard = Schemas["AgentScorecard"];
export type TeamScorecards = Schemas["TeamScorecards"];
export type ScorecardMetric = Schemas["ScorecardMetric"];
export type Goal = Schemas["Goal"];
export type CreateGoalBody = Schemas["CreateGoalBody"];
export type CoachingSession = Schemas["CoachingSession"];
export type CoachingAgenda = Schemas["CoachingAgenda"];
export type CreateCoachingBody = Schemas["CreateCoachingBody"];
export type AgentHome = Schemas["AgentHome"];
export type PeopleAlerts = Schemas["PeopleAlerts"];
export type PeopleSettings = Schemas["PeopleSettings"];

export function useTeamScorecards(teamId: string | null) {
  return useQuery({
    queryKey: ["team-scorecards", teamId],
    enabled: !!teamId,
    queryFn: ({ signal }) =>
      api.get<TeamScorecards>(
        `/teams/${encodeURIComponent(teamId ?? "")}/scorecards`,
        undefined,
        signal,
      ),
  });
}

export function usePeopleSettings() {
  return useQuery({
    queryKey: ["people-settings"],
    queryFn: ({ signal }) => api.get<PeopleSettings>("/people/settings", undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useGoals(filter: { teamId?: string | undefined; agentId?: string | undefined }) {
  return useQuery({
    queryKey: ["people-goals", filter],
    queryFn: ({ signal }) => api.get<{ items: Goal[] }>("/people/goals", filter, signal),
  });
}

export function useCreateGoal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateGoalBody) => api.post<Goal>("/people/goals", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["people-goals"] }),
  });
}

export function useAlerts(teamId: string | null) {
  return useQuery({
    queryKey: ["people-alerts", teamId],
    enabled: !!teamId,
    queryFn: ({ signal }) =>
      api.get<PeopleAlerts>("/people/alerts", { teamId: teamId ?? undefined }, signal),
  });
}

export function useCoachingSessions(filter: { agentId?: string | undefined }) {
  return useQuery({
    queryKey: ["coaching-sessions", filter],
    queryFn: ({ signal }) =>
      api.get<{ items: CoachingSession[] }>("/people/coaching-sessions", filter, signal),
  });
}

export function useDraftAgenda() {
  return useMutation({
    mutationFn: (agentId: string) =>
      api.post<CoachingAgenda>("/people/coaching/agenda", { agentId }),
  });
}

export function useCreateCoaching() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCoachingBody) =>
      api.post<CoachingSession>("/people/coaching-sessions", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["coaching-sessions"] }),
  });
}

export function useAgentHome() {
  return useQuery({
    queryKey: ["me-home"],
    queryFn: ({ signal }) => api.get<AgentHome>("/me/home", undefined, signal),
  });
}

/** A figure for display: shares as percentages, the rest with one or two decimals. */
/** Metrics that are shares (0–1), shown as percentages. */
const SHARES = ["fcr", "sla_compliance", "complaint_rate", "complaint_resolved", "promises_kept"];

export function formatFigure(key: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (SHARES.includes(key)) return `${(v * 100).toFixed(1)} %`;
  return Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function formatInterval(
  key: string,
  ci: readonly [number, number] | null | undefined,
): string {
  if (!ci) return "too few to say";
  return `${formatFigure(key, ci[0])} – ${formatFigure(key, ci[1])}`;
}

/**
 * A metric's value axis: its whole scale as the API gives it (a 1–5 score on 1–5, not on an axis up
 * to 8), a share's ticks as percentages like the table; undefined when unbounded (minutes: fitted to
 * the data from 0).
 */
export function metricAxis(
  metric: Pick<ScorecardMetric, "key" | "scale">,
): { domain: [number, number]; tick: (v: number) => string } | undefined {
  const [least, most] = metric.scale;
  if (most === null) return undefined;
  const tick = SHARES.includes(metric.key) ? (v: number) => `${Math.round(v * 100)} %` : String;
  return { domain: [least, most], tick };
}

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
 * A metric's whole scale (RANGES in src/domains/people/metrics.ts) for a chart's value axis;
 * undefined for minutes (fitted to the data from 0). A 1–5 score is drawn on 1–5, not on an axis
 * up to 8, and a share as a percentage like the table beside it.
 */
export function metricScale(
  key: string,
): { domain: [number, number]; tick: (v: number) => string } | undefined {
  if (key === "qa_auto" || key === "qa_human") return { domain: [0, 100], tick: String };
  if (key === "predicted_satisfaction" || key === "csat") return { domain: [1, 5], tick: String };
  if (key === "ces") return { domain: [1, 7], tick: String };
  if (key === "nps") return { domain: [-100, 100], tick: String };
  if (SHARES.includes(key)) return { domain: [0, 1], tick: (v) => `${Math.round(v * 100)} %` };
  return undefined;
}

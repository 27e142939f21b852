import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen";

type Schemas = components["schemas"];
export type AssistResult = Schemas["AssistResult"];
export type AssistMessage = Schemas["AssistBody"]["messages"][number];
export type Wallboard = Schemas["AssistWallboard"];
export type AssistRule = Schemas["AssistRule"];
export type AssistRewrite = Schemas["AssistRewrite"];
export type RuleReport = Schemas["AssistRuleReport"];

export const ALERT_LABELS: Record<AssistResult["alerts"][number]["name"], string> = {
  escalation_risk: "Escalation risk",
  churn_threat: "Churn threat",
  vulnerability: "Vulnerable customer",
  legal_threat: "Legal threat",
  complaint_unacknowledged: "Complaint not yet acknowledged",
  promise_without_time: "Promise without a time",
};

export const SIGNAL_LABELS: Record<AssistResult["nudges"][number]["signal"], string> = {
  policy_framing: "Policy framing",
  negative_framing: "Negative framing",
  jargon: "Jargon",
  blame_shifting: "Blame shifting",
};

/** Assist for the conversation so far; re-asked whenever a message arrives. */
export function useAssist(
  ref: string,
  messages: AssistMessage[],
  customerExternalId: string | undefined,
) {
  return useQuery({
    queryKey: ["assist", ref, messages.length, customerExternalId],
    queryFn: () =>
      api.post<AssistResult>("/assist", {
        messages: messages.slice(-200),
        ...(customerExternalId ? { customer: { externalId: customerExternalId } } : {}),
      }),
    enabled: messages.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useDecideSuggestion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["AssistSuggestionBody"]) =>
      api.post<Schemas["AssistSuggestion"]>("/assist/suggestions", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["assist-report"] }),
  });
}

export function useJoinRequests(ref: string) {
  return useQuery({
    queryKey: ["join-requests", ref],
    queryFn: ({ signal }) =>
      api.get<Schemas["AssistJoinRequestList"]>(
        `/assist/conversations/${encodeURIComponent(ref)}/join-requests`,
        undefined,
        signal,
      ),
    refetchInterval: 5_000,
  });
}

export function useWallboard() {
  return useQuery({
    queryKey: ["wallboard"],
    queryFn: ({ signal }) => api.get<Wallboard>("/assist/wallboard", undefined, signal),
    refetchInterval: 5_000,
  });
}

export function useRequestJoin() {
  return useMutation({
    mutationFn: (ref: string) =>
      api.post<Schemas["AssistJoinRequest"]>(
        `/assist/conversations/${encodeURIComponent(ref)}/join-requests`,
        {},
      ),
  });
}

export function useRules() {
  return useQuery({
    queryKey: ["assist-rules"],
    queryFn: ({ signal }) => api.get<{ items: AssistRule[] }>("/assist/rules", undefined, signal),
  });
}

export function useRuleReport() {
  return useQuery({
    queryKey: ["assist-report"],
    queryFn: ({ signal }) => api.get<RuleReport>("/assist/rules/report", undefined, signal),
  });
}

export function usePatchRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & Schemas["PatchAssistRuleBody"]) =>
      api.patch<AssistRule>(`/assist/rules/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["assist-rules"] }),
  });
}

export function useRewrites() {
  return useQuery({
    queryKey: ["assist-rewrites"],
    queryFn: ({ signal }) =>
      api.get<Schemas["AssistRewriteList"]>("/assist/rewrites", undefined, signal),
  });
}

export function useAdoptCurated() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Schemas["AssistRewriteList"]>("/assist/rewrites/curated"),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["assist-rewrites"] }),
  });
}

export function usePatchRewrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & Schemas["PatchAssistRewriteBody"]) =>
      api.patch<AssistRewrite>(`/assist/rewrites/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["assist-rewrites"] }),
  });
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { ListResponse, PulseResults, PulseSurvey } from "../../lib/types";

const PULSE_KEY = ["pulse-surveys"] as const;

export function usePulses() {
  return useQuery({
    queryKey: PULSE_KEY,
    queryFn: ({ signal }) =>
      api.get<ListResponse<PulseSurvey>>("/pulse-surveys", undefined, signal),
    select: (data) => data.items,
  });
}

export function useCreatePulse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; anonymous: boolean }) =>
      api.post<PulseSurvey>("/pulse-surveys", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PULSE_KEY }),
  });
}

export function useClosePulse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.patch<PulseSurvey>(`/pulse-surveys/${encodeURIComponent(id)}`, { closed: true }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PULSE_KEY }),
  });
}

export function useAnswerPulse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, score, comment }: { id: string; score: number; comment: string }) =>
      api.post<{ recorded: true }>(`/pulse-surveys/${encodeURIComponent(id)}/responses`, {
        score,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PULSE_KEY }),
  });
}

export function usePulseResults(id: string | null) {
  return useQuery({
    queryKey: [...PULSE_KEY, id, "results"],
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api.get<PulseResults>(`/pulse-surveys/${encodeURIComponent(id!)}/results`, undefined, signal),
  });
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { RetentionRun, RetentionSettings } from "../../lib/types";

const RETENTION_KEY = ["settings", "retention"] as const;

export function useRetentionSettings() {
  return useQuery({
    queryKey: RETENTION_KEY,
    queryFn: ({ signal }) => api.get<RetentionSettings>("/settings/retention", undefined, signal),
  });
}

export function useSaveRetentionSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RetentionSettings) =>
      api.put<RetentionSettings>("/settings/retention", body),
    onSuccess: (saved) => queryClient.setQueryData(RETENTION_KEY, saved),
  });
}

export function useApplyRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RetentionRun>("/settings/retention/apply", {}),
    // Transcripts shown from cache may have just lost their text.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["conversations"] }),
  });
}

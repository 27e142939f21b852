import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { Overview, VolumeStats } from "../../lib/types";

export function useVolume(days: number) {
  return useQuery({
    queryKey: ["stats", "volume", days],
    queryFn: ({ signal }) => api.get<VolumeStats>("/stats/volume", { days }, signal),
    staleTime: 5 * 60_000,
  });
}

export function useOverview(days: number) {
  return useQuery({
    queryKey: ["stats", "overview", days],
    queryFn: ({ signal }) => api.get<Overview>("/stats/overview", { days }, signal),
    staleTime: 5 * 60_000,
  });
}

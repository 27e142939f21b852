import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen.ts";

type Schemas = components["schemas"];
export type CultureView = Schemas["CultureDisrespectView"];
export type CulturePrivacy = Schemas["CulturePrivacy"];

const KEY = ["culture"] as const;

export function useCultureView(weeks: number) {
  return useQuery({
    queryKey: [...KEY, weeks],
    queryFn: ({ signal }) => api.get<CultureView>("/culture/disrespect", { weeks }, signal),
  });
}

export function useSetCulturePrivacy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CulturePrivacy) => api.put<CulturePrivacy>("/culture/privacy", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

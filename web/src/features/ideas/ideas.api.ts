import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen.ts";

type Schemas = components["schemas"];
export type Idea = Schemas["Idea"];
export type IdeaDetail = Schemas["IdeaDetail"];
export type IdeaStatus = Idea["status"];
export const IDEA_STATUSES: IdeaStatus[] = ["new", "reviewing", "planned", "done", "declined"];

const KEY = ["ideas"] as const;

export function useIdeas() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) =>
      api.get<{ items: Idea[] }>("/ideas", { limit: 200 }, signal).then((d) => d.items),
  });
}

export function useIdea(id: string | null) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: ({ signal }) => api.get<IdeaDetail>(`/ideas/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

function useIdeaMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export const useSubmitIdea = () =>
  useIdeaMutation((body: { title: string; body: string }) => api.post<Idea>("/ideas", body));
export const useVote = () => useIdeaMutation((id: string) => api.post(`/ideas/${id}/votes`));
export const useComment = () =>
  useIdeaMutation(({ id, body }: { id: string; body: string }) =>
    api.post<IdeaDetail>(`/ideas/${id}/comments`, { body }),
  );
export const usePatchIdea = () =>
  useIdeaMutation(
    ({
      id,
      ...body
    }: {
      id: string;
      status?: IdeaStatus;
      declineReason?: string;
      fixId?: string | null;
    }) => api.patch<Idea>(`/ideas/${id}`, body),
  );

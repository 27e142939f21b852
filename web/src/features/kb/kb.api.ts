import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen";

type Schemas = components["schemas"];
export type Article = Schemas["KbArticle"];

export function useArticles(q: string) {
  return useQuery({
    queryKey: ["kb-articles", q],
    queryFn: ({ signal }) =>
      api.get<Schemas["KbArticleList"]>("/kb/articles", { q, limit: 100 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSaveArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id?: string; title: string; body: string; tags: string[] }) =>
      id ? api.patch<Article>(`/kb/articles/${id}`, body) : api.post<Article>("/kb/articles", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["kb-articles"] }),
  });
}

export function useDeleteArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/kb/articles/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["kb-articles"] }),
  });
}

export function useImportArticles() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["KbImportBody"]) =>
      api.post<Schemas["KbImportResult"]>("/kb/import", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["kb-articles"] }),
  });
}

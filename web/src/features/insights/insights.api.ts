import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen";

type Schemas = components["schemas"];
export type ContactReason = Schemas["ContactReason"];
export type ContactReasonDetail = Schemas["ContactReasonDetail"];
export type Fix = Schemas["Fix"];
export type FixImpact = Schemas["FixImpact"];

export function useReasons(weeks = 12, enabled = true) {
  return useQuery({
    queryKey: ["insights", "reasons", weeks],
    enabled,
    queryFn: ({ signal }) =>
      api.get<{ items: ContactReason[] }>("/insights/reasons", { weeks }, signal),
  });
}

export function useReason(id: string | null) {
  return useQuery({
    queryKey: ["insights", "reason", id],
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api.get<ContactReasonDetail>(`/insights/reasons/${id}`, undefined, signal),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["insights"] });
}

export function useRenameReason() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; name?: string; pinned?: boolean }) =>
      api.patch<{ id: string }>(`/insights/reasons/${v.id}`, {
        ...(v.name !== undefined ? { name: v.name } : {}),
        ...(v.pinned !== undefined ? { pinned: v.pinned } : {}),
      }),
    onSuccess: invalidate,
  });
}

export function useMergeReasons() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; reasonIds: string[] }) =>
      api.post<{ id: string }>(`/insights/reasons/${v.id}/merge`, { reasonIds: v.reasonIds }),
    onSuccess: invalidate,
  });
}

export function useSplitReason() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ids: string[] }>(`/insights/reasons/${id}/split`),
    onSuccess: invalidate,
  });
}

export function useFixes() {
  return useQuery({
    queryKey: ["insights", "fixes"],
    queryFn: ({ signal }) => api.get<{ items: Fix[] }>("/fixes", undefined, signal),
  });
}

export function useFixImpact(id: string | null) {
  return useQuery({
    queryKey: ["insights", "impact", id],
    enabled: id !== null,
    queryFn: ({ signal }) => api.get<FixImpact>(`/fixes/${id}/impact`, undefined, signal),
  });
}

export function useCreateFix() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: {
      title: string;
      shippedAt: string;
      target: { search?: string; reasonId?: string };
    }) => api.post<Fix>("/fixes", body),
    onSuccess: invalidate,
  });
}

export interface FixChanges {
  title?: string;
  description?: string | null;
  shippedAt?: string;
  target?: Fix["target"];
}

export function useUpdateFix() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: FixChanges & { id: string }) =>
      api.patch<Fix>(`/fixes/${encodeURIComponent(id)}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteFix() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/fixes/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}

export const VERDICT_LABELS: Record<FixImpact["verdict"], string> = {
  worked: "Worked",
  did_not_work: "Did not work",
  inconclusive: "Inconclusive",
};

/** A leader's reason for one conversation; null hands it back to the model. */
export function useSetConversationReason(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reasonId: string | null) =>
      api.put<{ contactReason: Schemas["ContactReasonRef"] | null }>(
        `/conversations/${encodeURIComponent(conversationId)}/contact-reason`,
        { reasonId },
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["conversation", conversationId] }),
        queryClient.invalidateQueries({ queryKey: ["insights"] }),
      ]),
  });
}

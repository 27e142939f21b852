import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type {
  CreatedWebhookSource,
  CreateMailboxBody,
  ListResponse,
  Mailbox,
  RedactionSettings,
  WebhookSource,
} from "../../lib/types";

const REDACTION_KEY = ["settings", "redaction"] as const;
const MAILBOXES_KEY = ["mailboxes"] as const;
const WEBHOOK_SOURCES_KEY = ["webhook-sources"] as const;

export function useRedactionSettings() {
  return useQuery({
    queryKey: REDACTION_KEY,
    queryFn: ({ signal }) => api.get<RedactionSettings>("/settings/redaction", undefined, signal),
  });
}

export function useSaveRedactionSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RedactionSettings) =>
      api.put<RedactionSettings>("/settings/redaction", body),
    onSuccess: (saved) => queryClient.setQueryData(REDACTION_KEY, saved),
  });
}

export function useMailboxes() {
  return useQuery({
    queryKey: MAILBOXES_KEY,
    queryFn: ({ signal }) => api.get<ListResponse<Mailbox>>("/mailboxes", undefined, signal),
    select: (data) => data.items,
  });
}

export function useCreateMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMailboxBody) => api.post<Mailbox>("/mailboxes", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY }),
  });
}

/** Renames a mailbox, stores a new password, or pauses/resumes polling. */
export function useUpdateMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      name?: string;
      password?: string;
      enabled?: boolean;
    }) => api.patch<Mailbox>(`/mailboxes/${encodeURIComponent(id)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY }),
  });
}

export function useDeleteMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/mailboxes/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY }),
  });
}

/** Queues a poll; the list refreshes a few seconds later to show the new lastPolledAt / lastError. */
export function usePollMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ queued: boolean }>(`/mailboxes/${encodeURIComponent(id)}/poll`),
    onSuccess: () => {
      for (const ms of [3_000, 10_000]) {
        setTimeout(() => void queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY }), ms);
      }
    },
  });
}

export function useWebhookSources() {
  return useQuery({
    queryKey: WEBHOOK_SOURCES_KEY,
    queryFn: ({ signal }) =>
      api.get<ListResponse<WebhookSource>>("/webhook-sources", undefined, signal),
    select: (data) => data.items,
  });
}

export function useCreateWebhookSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; source: string; mapping: unknown }) =>
      api.post<CreatedWebhookSource>("/webhook-sources", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WEBHOOK_SOURCES_KEY }),
  });
}

/** Pauses (refuses deliveries) or resumes a source; its URL and secret stay. */
export function useSetWebhookSourceEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      api.patch<WebhookSource>(`/webhook-sources/${encodeURIComponent(id)}`, { enabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WEBHOOK_SOURCES_KEY }),
  });
}

export function useDeleteWebhookSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/webhook-sources/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WEBHOOK_SOURCES_KEY }),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen";

type Schemas = components["schemas"];
export type InboxChat = Schemas["InboxChat"];
export type InboxItem = Schemas["InboxList"]["items"][number];
export type WidgetSettings = Schemas["WidgetSettings"];
export type HandoffReport = Schemas["HandoffReport"];

/** How often the inbox looks for new chats and messages (ms): a chat is a live conversation. */
const LIVE_MS = 3000;

export const REASON_LABELS: Record<string, string> = {
  requested: "Customer asked for a person",
  low_confidence: "Bot did not know",
  alert: "Alert",
};

export function useInbox(view: string, queue: string) {
  const query = { view, queue };
  return useQuery({
    queryKey: ["inbox", query],
    queryFn: ({ signal }) => api.get<Schemas["InboxList"]>("/inbox", query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });
}

export function useInboxChat(id: string | null) {
  return useQuery({
    queryKey: ["inbox-chat", id],
    queryFn: ({ signal }) =>
      api.get<InboxChat>(`/inbox/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: LIVE_MS,
  });
}

function useChatMutation<T>(id: string, send: (arg: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["inbox-chat", id] });
      await queryClient.invalidateQueries({ queryKey: ["inbox"] });
    },
  });
}

export const useTakeChat = (id: string) =>
  useChatMutation(id, () => api.post<InboxChat>(`/inbox/${encodeURIComponent(id)}/take`));
export const useAssignChat = (id: string) =>
  useChatMutation(id, (userId: string) =>
    api.post<InboxChat>(`/inbox/${encodeURIComponent(id)}/assign`, { userId }),
  );
export const useReplyToChat = (id: string) =>
  useChatMutation(id, (text: string) =>
    api.post(`/inbox/${encodeURIComponent(id)}/replies`, { text }),
  );
export const useCloseChat = (id: string) =>
  useChatMutation(id, () => api.post(`/inbox/${encodeURIComponent(id)}/close`));

export function useHandoffReport(days: number) {
  return useQuery({
    queryKey: ["handoff-quality", days],
    queryFn: ({ signal }) => api.get<HandoffReport>("/handoff-quality", { days }, signal),
  });
}

export function useWidgetSettings() {
  return useQuery({
    queryKey: ["widget-settings"],
    queryFn: ({ signal }) => api.get<WidgetSettings>("/widget-settings", undefined, signal),
  });
}

export function useSaveWidgetSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["WidgetSettingsBody"]) =>
      api.put<WidgetSettings>("/widget-settings", body),
    onSuccess: (saved) => queryClient.setQueryData(["widget-settings"], saved),
  });
}

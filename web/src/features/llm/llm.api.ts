import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen.ts";

type Schemas = components["schemas"];
export type LlmSettings = Schemas["LlmSettings"];
export type LlmSettingsBody = Schemas["LlmSettingsBody"];
export type ConversationSummaryText = Schemas["ConversationSummaryText"];

const LLM_KEY = ["settings", "llm"] as const;

export function useLlmSettings() {
  return useQuery({
    queryKey: LLM_KEY,
    queryFn: ({ signal }) => api.get<LlmSettings>("/settings/llm", undefined, signal),
  });
}

export function useSaveLlmSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LlmSettingsBody) => api.put<LlmSettings>("/settings/llm", body),
    onSuccess: (saved) => queryClient.setQueryData(LLM_KEY, saved),
  });
}

/** A wrap-up summary: asked for on demand, since it may call the language model. */
export function useSummarise(conversationId: string) {
  return useMutation({
    mutationFn: () =>
      api.post<ConversationSummaryText>(
        `/conversations/${encodeURIComponent(conversationId)}/summary`,
        {},
      ),
  });
}

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { ConversationDetail, ConversationPage } from "../../lib/types";
import type { ConversationFilters } from "./conversation-filters";

export const PAGE_SIZE = 50;

/** Local calendar day "YYYY-MM-DD" → ISO instant at its start (or end) in the viewer's time zone. */
export function dayToIso(day: string, edge: "start" | "end"): string | undefined {
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return undefined;
  const date =
    edge === "start" ? new Date(y, m - 1, d, 0, 0, 0, 0) : new Date(y, m - 1, d, 23, 59, 59, 999);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function useConversations(filters: ConversationFilters) {
  const query = {
    channel: filters.channel ?? undefined,
    teamId: filters.teamId ?? undefined,
    agentId: filters.agentId ?? undefined,
    from: filters.from ? dayToIso(filters.from, "start") : undefined,
    to: filters.to ? dayToIso(filters.to, "end") : undefined,
    q: filters.q ?? undefined,
    sentiment: filters.sentiment ?? undefined,
    signal: filters.signal ?? undefined,
    minSatisfaction: filters.minSatisfaction ?? undefined,
    maxSatisfaction: filters.maxSatisfaction ?? undefined,
    reasonId: filters.reasonId ?? undefined,
    cursor: filters.cursor ?? undefined,
    limit: PAGE_SIZE,
  };
  return useQuery({
    queryKey: ["conversations", query],
    queryFn: ({ signal }) => api.get<ConversationPage>("/conversations", query, signal),
    // Keep the current page on screen while the next one loads, so paging does not flash a spinner.
    placeholderData: keepPreviousData,
    // The server analyses new conversations in the background: refresh until every row on screen has its scores.
    refetchInterval: (q) => (q.state.data?.items.some((c) => c.analysis === null) ? 5_000 : false),
  });
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: ["conversation", id],
    queryFn: ({ signal }) =>
      api.get<ConversationDetail>(`/conversations/${encodeURIComponent(id)}`, undefined, signal),
    refetchInterval: (q) =>
      q.state.data && q.state.data.conversation.analysisDetail === null ? 5_000 : false,
  });
}

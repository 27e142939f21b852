import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, cursorPages } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen";
import type {
  FollowUpCase,
  CloseFollowUpBody,
  ConversationStatus,
  CreateSurveyBody,
  FollowUp,
  ListResponse,
  PredictedVsActualReport,
  Survey,
  SurveyBudgetReport,
  SurveyBudgetSettings,
  SurveyInvitation,
  SurveyOverviewReport,
} from "../../lib/types";

const SURVEYS_KEY = ["surveys"] as const;
const FOLLOW_UPS_KEY = ["follow-ups"] as const;

export function useSurveys() {
  return useQuery({
    queryKey: SURVEYS_KEY,
    queryFn: ({ signal }) => api.get<ListResponse<Survey>>("/surveys", undefined, signal),
    select: (data) => data.items,
  });
}

export function useCreateSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSurveyBody) => api.post<Survey>("/surveys", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SURVEYS_KEY }),
  });
}

export function useSetSurveyActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.patch<Survey>(`/surveys/${encodeURIComponent(id)}`, { active }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SURVEYS_KEY }),
  });
}

export function useBudgetSettings() {
  return useQuery({
    queryKey: ["survey-settings"],
    queryFn: ({ signal }) => api.get<SurveyBudgetSettings>("/survey-settings", undefined, signal),
  });
}

export function useSaveBudgetSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyBudgetSettings) =>
      api.put<SurveyBudgetSettings>("/survey-settings", body),
    onSuccess: (saved) => queryClient.setQueryData(["survey-settings"], saved),
  });
}

/** Invitations of a conversation; polls while a decision or delivery may still be on its way. */
export function useInvitations(conversationId: string, poll: boolean) {
  return useQuery({
    queryKey: ["survey-invitations", conversationId],
    queryFn: ({ signal }) =>
      api.get<{ items: SurveyInvitation[]; excluded?: boolean }>(
        "/survey-invitations",
        { conversationId },
        signal,
      ),
    refetchInterval: poll ? 2000 : false,
  });
}

function useInvalidateConversation(conversationId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["conversation", conversationId] }),
      queryClient.invalidateQueries({ queryKey: ["survey-invitations", conversationId] }),
    ]);
}

export function useSetConversationStatus(conversationId: string) {
  const invalidate = useInvalidateConversation(conversationId);
  return useMutation({
    mutationFn: (status: ConversationStatus) =>
      api.patch(`/conversations/${encodeURIComponent(conversationId)}`, { status }),
    onSuccess: invalidate,
  });
}

export function useSendSurvey(conversationId: string) {
  const invalidate = useInvalidateConversation(conversationId);
  return useMutation({
    mutationFn: (surveyId: string) =>
      api.post(`/conversations/${encodeURIComponent(conversationId)}/survey-invitations`, {
        surveyId,
      }),
    onSuccess: invalidate,
  });
}

export function useSetExclusion(conversationId: string) {
  const invalidate = useInvalidateConversation(conversationId);
  return useMutation({
    mutationFn: (excluded: boolean) =>
      api.put(`/conversations/${encodeURIComponent(conversationId)}/survey-exclusion`, {
        excluded,
      }),
    onSuccess: invalidate,
  });
}

/** Follow-ups a page holds; "Load more" fetches the next. */
export const FOLLOW_UPS_PAGE = 100;

/** Follow-ups (open ones by urgency, then closed), a page at a time, as one list. */
export function useFollowUps(status?: "open" | "closed") {
  return useInfiniteQuery({
    queryKey: [...FOLLOW_UPS_KEY, status ?? "all"],
    ...cursorPages<components["schemas"]["FollowUpList"]>("/follow-ups", {
      status,
      limit: FOLLOW_UPS_PAGE,
    }),
    select: (data) => data.pages.flatMap((page) => page.items),
    refetchInterval: 5000,
  });
}

export function useCloseFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CloseFollowUpBody & { id: string }) =>
      api.post<FollowUp>(`/follow-ups/${encodeURIComponent(id)}/close`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: FOLLOW_UPS_KEY }),
  });
}

/** Turns a follow-up into a complaint case (or returns the one opened before). */
export function useOpenCaseFromFollowUp() {
  return useMutation({
    mutationFn: (id: string) =>
      api.post<FollowUpCase>(`/follow-ups/${encodeURIComponent(id)}/case`, {}),
  });
}

export function useBudgetReport() {
  return useQuery({
    queryKey: ["survey-reports", "budget"],
    queryFn: ({ signal }) =>
      api.get<SurveyBudgetReport>("/survey-reports/budget", undefined, signal),
  });
}

export function usePredictedVsActual() {
  return useQuery({
    queryKey: ["survey-reports", "predicted-vs-actual"],
    queryFn: ({ signal }) =>
      api.get<PredictedVsActualReport>("/survey-reports/predicted-vs-actual", undefined, signal),
  });
}

export function useSurveyOverview() {
  return useQuery({
    queryKey: ["survey-reports", "overview"],
    queryFn: ({ signal }) =>
      api.get<SurveyOverviewReport>("/survey-reports/overview", undefined, signal),
  });
}

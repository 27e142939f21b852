import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, cursorPages } from "../../lib/api";
import type {
  QaBacktest,
  QaBulkAssignResult,
  QaCoachingNote,
  QaCoachingNotes,
  QaDefinition,
  QaDispute,
  QaEvaluation,
  QaEvaluationList,
  QaReviewQueue,
  QaScorecard,
  QaSettings,
} from "../../lib/types";

export interface HumanAnswer {
  key: string;
  answer?: "pass" | "fail" | "na";
  value?: number;
}

export interface CalibrationSummary {
  id: string;
  name: string;
  conversations: number;
  reviewers: { userId: string; submitted: number }[];
  complete: boolean;
  awaitingMe: boolean;
  dueAt: string | null;
  createdAt: string;
}

export interface CalibrationDetail {
  id: string;
  name: string;
  scorecardId: string;
  version: number;
  conversationIds: string[];
  reviewerUserIds: string[];
  revealed: boolean;
  complete: boolean;
  evaluations: QaEvaluation[];
  agreement: {
    criteria: { key: string; level: string; alpha: number | null; autoAlpha: number | null }[];
    reviewers: { reviewerUserId: string; agreement: number | null; answers: number }[];
  } | null;
}

export interface QaReportRow {
  key: string | null;
  label: string;
  kind: "auto" | "human";
  evaluations: number;
  score: number | null;
  passed: number;
  failed: number;
}

export function useScorecards() {
  return useQuery({
    queryKey: ["qa", "scorecards"],
    queryFn: ({ signal }) => api.get<{ items: QaScorecard[] }>("/scorecards", undefined, signal),
  });
}

export function useConversationQa(id: string) {
  return useQuery({
    queryKey: ["qa", "conversation", id],
    queryFn: ({ signal }) =>
      api.get<QaEvaluationList>(`/conversations/${id}/qa`, undefined, signal),
    // Automatic QA runs right after analysis: poll until the first result arrives.
    refetchInterval: (q) => (q.state.data && q.state.data.items.length === 0 ? 3_000 : false),
  });
}

/** Conversations a page holds in the review queue; "Load more" fetches the next. */
export const QUEUE_PAGE = 50;

/** The review queue, one reason's or all, a page at a time (newest conversations first). */
/** What the review queue is narrowed to; null (or left out) means any. */
export interface QueueFilters {
  reason?: string | null;
  contactReasonId?: string | null;
  agentId?: string | null;
  /** The caller's claims, or those nobody has claimed. */
  assignee?: "me" | "unclaimed" | null;
  /** Newest conversations first (the default), or lowest automatic score first. */
  sort?: "newest" | "score";
}

export function useReviewQueue(filters: QueueFilters = {}) {
  const query = {
    reason: filters.reason ?? null,
    contactReasonId: filters.contactReasonId ?? null,
    agentId: filters.agentId ?? null,
    assignee: filters.assignee ?? null,
    sort: filters.sort ?? "newest",
    limit: QUEUE_PAGE,
  };
  return useInfiniteQuery({
    queryKey: ["qa", "queue", query],
    ...cursorPages<QaReviewQueue>("/qa/queue", query),
    placeholderData: keepPreviousData,
  });
}

export function useDisputes() {
  return useQuery({
    queryKey: ["qa", "disputes"],
    queryFn: ({ signal }) => api.get<{ items: QaDispute[] }>("/qa/disputes", undefined, signal),
  });
}

const CALIBRATION_PAGE = 25;

/** Calibration sessions, newest first, a page at a time; `awaitingMe`: only those the caller owes answers. */
export function useCalibrations(awaitingMe: boolean) {
  const query = { awaitingMe: awaitingMe ? "true" : null, limit: CALIBRATION_PAGE };
  return useInfiniteQuery({
    queryKey: ["qa", "calibrations", query],
    ...cursorPages<{ items: CalibrationSummary[]; nextCursor: string | null }>(
      "/qa/calibrations",
      query,
    ),
    placeholderData: keepPreviousData,
  });
}

export function useCalibration(id: string | null) {
  return useQuery({
    queryKey: ["qa", "calibration", id],
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api.get<CalibrationDetail>(`/qa/calibrations/${id}`, undefined, signal),
  });
}

export function useQaReport(groupBy: string) {
  return useQuery({
    queryKey: ["qa", "report", groupBy],
    queryFn: ({ signal }) =>
      api.get<{ items: QaReportRow[] }>(
        "/qa/reports/scores",
        { groupBy, from: new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10) },
        signal,
      ),
  });
}

/** Every QA mutation refreshes every QA query: they are small and few. */
function useQaMutation<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ["qa"] }),
  });
}

export const useSaveDraft = () =>
  useQaMutation(({ card, definition }: { card: QaScorecard; definition: QaDefinition }) =>
    card.draft
      ? api.put<QaScorecard>(`/scorecards/${card.id}/versions/${card.draft.version}`, definition)
      : api.post<QaScorecard>(`/scorecards/${card.id}/versions`, definition),
  );

/** Claims a queued conversation for the signed-in reviewer, or gives it back (`release`). */
export const useClaimReview = () =>
  useQaMutation(({ id, release }: { id: string; release: boolean }) =>
    // The queue and the conversation's QA are refetched after, so the answer itself is not read.
    release ? api.delete(`/qa/queue/${id}/claim`) : api.post<void>(`/qa/queue/${id}/claim`),
  );

/** Hands a queued conversation to a reviewer, or back to the queue (`userId` null): leaders, admins. */
export const useAssignReview = () =>
  useQaMutation(({ id, userId }: { id: string; userId: string | null }) =>
    api.put<void>(`/qa/queue/${id}/assignee`, { userId }),
  );

/**
 * Hands several queued conversations out at once: to one reviewer (`userId`, null: back to the
 * queue) or dealt evenly among `spread`. The answer has an outcome per id.
 */
export const useBulkAssignReviews = () =>
  useQaMutation((a: { ids: string[] } & ({ userId: string | null } | { spread: string[] })) =>
    api.post<QaBulkAssignResult>("/qa/queue/assignments", a),
  );

/** The organization's QA settings (how long a reviewer's own claim lasts). */
export function useQaSettings() {
  return useQuery({
    queryKey: ["qa", "settings"],
    queryFn: ({ signal }) => api.get<QaSettings>("/qa/settings", undefined, signal),
  });
}

export const useSaveQaSettings = () =>
  useQaMutation((a: { claimLapseHours: number | null }) => api.put<QaSettings>("/qa/settings", a));

export const useBacktest = () =>
  useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.get<QaBacktest>(`/scorecards/${id}/versions/${version}/backtest`),
  });

export const usePublish = () =>
  useQaMutation(({ id, version }: { id: string; version: number }) =>
    api.post<QaScorecard>(`/scorecards/${id}/versions/${version}/publish`),
  );

/** Coaching notes a page holds; "Load more" fetches the next. */
export const COACHING_PAGE = 50;

/** Coaching notes, newest first, a page at a time (agents: their own). */
export function useCoachingNotes() {
  return useInfiniteQuery({
    queryKey: ["qa", "coaching"],
    ...cursorPages<QaCoachingNotes>("/qa/coaching", { limit: COACHING_PAGE }),
  });
}

export const useCreateCoachingNote = () =>
  useQaMutation((a: { evaluationId: string; goal: string; followUpOn?: string }) =>
    api.post<QaCoachingNote>(`/qa/evaluations/${a.evaluationId}/coaching`, {
      goal: a.goal,
      ...(a.followUpOn ? { followUpOn: a.followUpOn } : {}),
    }),
  );

export const useSubmitReview = () =>
  useQaMutation(
    (a: {
      conversationId: string;
      scorecardId: string;
      answers: HumanAnswer[];
      calibrationId?: string;
      comments?: { messageId: string; text: string }[];
    }) =>
      a.calibrationId
        ? api.post<QaEvaluation>(`/qa/calibrations/${a.calibrationId}/reviews`, {
            conversationId: a.conversationId,
            answers: a.answers,
          })
        : api.post<QaEvaluation>(`/conversations/${a.conversationId}/qa/reviews`, {
            scorecardId: a.scorecardId,
            answers: a.answers,
            comments: a.comments ?? [],
          }),
  );

export const useAcknowledge = () =>
  useQaMutation((id: string) => api.post<QaEvaluation>(`/qa/evaluations/${id}/acknowledge`));

export const useDispute = () =>
  useQaMutation((a: { id: string; reason: string; criterionKeys: string[] }) =>
    api.post<QaDispute>(`/qa/evaluations/${a.id}/disputes`, {
      reason: a.reason,
      criterionKeys: a.criterionKeys,
    }),
  );

export const useResolveDispute = () =>
  useQaMutation((a: { id: string; outcome: string; note: string }) =>
    api.post<QaDispute>(`/qa/disputes/${a.id}/resolve`, { outcome: a.outcome, note: a.note }),
  );

export const useCreateCalibration = () =>
  useQaMutation(
    (a: {
      name: string;
      scorecardId: string;
      conversationIds: string[];
      reviewerUserIds: string[];
    }) => api.post<CalibrationDetail>("/qa/calibrations", a),
  );

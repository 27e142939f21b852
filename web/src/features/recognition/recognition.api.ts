import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen.ts";

type Schemas = components["schemas"];
export type WowStory = Schemas["WowStory"];
export type Kudos = Schemas["Kudos"];
export type MyRecognition = Schemas["MyRecognition"];
export type WowDigest = Schemas["WowDigest"];
export type BestPracticeLibrary = Schemas["BestPracticeLibrary"];
export type BestPracticeCandidates = Schemas["BestPracticeCandidates"];
export type RecognitionSchedule = Schemas["RecognitionScheduleView"];

const WOW_KEY = ["wow-stories"] as const;
const KUDOS_KEY = ["kudos"] as const;
const BP_KEY = ["best-practices"] as const;

export function useWowFeed(limit = 20) {
  return useQuery({
    queryKey: [...WOW_KEY, "feed", limit],
    queryFn: ({ signal }) =>
      api.get<{ items: WowStory[] }>("/wow-stories", { limit }, signal).then((d) => d.items),
  });
}

export function useWowCandidates(enabled: boolean) {
  return useQuery({
    queryKey: [...WOW_KEY, "candidates"],
    queryFn: ({ signal }) =>
      api
        .get<{ items: WowStory[] }>("/wow-stories/candidates", undefined, signal)
        .then((d) => d.items),
    enabled,
  });
}

export function useWowDigest(enabled: boolean) {
  return useQuery({
    queryKey: [...WOW_KEY, "digest"],
    queryFn: ({ signal }) => api.get<WowDigest>("/wow-stories/digest", undefined, signal),
    enabled,
  });
}

export function useRecognitionSchedule(enabled: boolean) {
  return useQuery({
    queryKey: ["recognition-schedule"],
    queryFn: ({ signal }) =>
      api.get<RecognitionSchedule>("/recognition/schedule", undefined, signal),
    enabled,
  });
}

export function useCollectCandidates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (days: number) => api.post<{ collected: number }>("/wow-stories/collect", { days }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WOW_KEY }),
  });
}

export function usePreviewStory() {
  return useMutation({
    mutationFn: ({ id, draft }: { id: string; draft: string }) =>
      api.post<Schemas["WowStoryPreview"]>(`/wow-stories/${id}/preview`, { draft }),
  });
}

export function usePublishStory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title, story }: { id: string; title: string; story: string }) =>
      api.post<WowStory>(`/wow-stories/${id}/publish`, { title, story }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WOW_KEY }),
  });
}

export function useDismissStory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WowStory>(`/wow-stories/${id}/dismiss`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WOW_KEY }),
  });
}

export function useSendDigest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Schemas["WowDigestSent"]>("/wow-stories/digest"),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WOW_KEY }),
  });
}

export function useMyRecognition() {
  return useQuery({
    queryKey: [...KUDOS_KEY, "me"],
    queryFn: ({ signal }) => api.get<MyRecognition>("/recognition/me", undefined, signal),
  });
}

export function useColleagues() {
  return useQuery({
    queryKey: [...KUDOS_KEY, "colleagues"],
    queryFn: ({ signal }) =>
      api
        .get<{ items: { userId: string; name: string }[] }>("/kudos/colleagues", undefined, signal)
        .then((d) => d.items),
  });
}

export function useKudos(box: "received" | "given" | "all") {
  return useQuery({
    queryKey: [...KUDOS_KEY, box],
    queryFn: ({ signal }) =>
      api.get<{ items: Kudos[] }>("/kudos", { box }, signal).then((d) => d.items),
  });
}

export function useGiveKudos() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { toUserId: string; conversationId: string; message: string }) =>
      api.post<Kudos>("/kudos", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KUDOS_KEY }),
  });
}

export function useBestPractices(criterion: string | null) {
  return useQuery({
    queryKey: [...BP_KEY, criterion],
    queryFn: ({ signal }) => api.get<BestPracticeLibrary>("/best-practices", { criterion }, signal),
  });
}

export function useBestPracticeCandidates(criterion: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...BP_KEY, "candidates", criterion],
    queryFn: ({ signal }) =>
      api.get<BestPracticeCandidates>("/best-practices/candidates", { criterion }, signal),
    enabled: enabled && criterion !== null,
  });
}

export function useAddBestPractice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { conversationId: string; criterionKey: string; note: string }) =>
      api.post<Schemas["BestPractice"]>("/best-practices", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: BP_KEY }),
  });
}

export function useRemoveBestPractice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/best-practices/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: BP_KEY }),
  });
}

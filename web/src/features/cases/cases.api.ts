import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, cursorPages } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen";

type Schemas = components["schemas"];
export type Case = Schemas["Case"];
export type CaseDetail = Schemas["CaseDetail"];
export type CaseClock = Schemas["CaseClock"];
export type SlaPolicy = Schemas["SlaPolicy"];
export type SlaPolicyBody = Schemas["SlaPolicyBody"];
export type SlaPreview = Schemas["SlaPreview"];
export type CaseStatus = Case["status"];
export type AuthorityResult = Schemas["AuthorityResult"];

export const STATUS_LABELS: Record<CaseStatus, string> = {
  new: "New",
  in_progress: "In progress",
  waiting_on_customer: "Waiting on customer",
  waiting_on_third_party: "Waiting on third party",
  resolved: "Resolved",
  closed: "Closed",
  reopened: "Reopened",
};

export const LEVEL_LABELS: Record<Case["escalationLevel"], string> = {
  agent: "Agent",
  team_lead: "Team lead",
  manager: "Manager",
  executive: "Executive",
};

export interface CaseListFilters {
  status?: string | null;
  escalationLevel?: string | null;
  source?: string | null;
  /** Contact reason of the case's conversation (insights). */
  reasonId?: string | null;
  open?: boolean;
  /** A report's drill-down (see DRILL_PARAMS), passed through as query parameters. */
  drill?: Record<string, string>;
}

/** The query parameters a case report's chart may link to /cases with. */
export const DRILL_PARAMS = [
  "teamId",
  "channel",
  "category",
  "breached",
  "authorityOption",
  "openedFrom",
  "openedTo",
  "resolvedFrom",
  "timeTo",
  "minutesFrom",
  "minutesTo",
] as const;

/** Cases a page holds; "Load more" fetches the next. */
export const CASES_PAGE = 100;

/** Cases newest first, a page at a time. */
export function useCases(filters: CaseListFilters) {
  const query = {
    ...filters.drill,
    status: filters.status ?? undefined,
    escalationLevel: filters.escalationLevel ?? undefined,
    source: filters.source ?? undefined,
    reasonId: filters.reasonId ?? undefined,
    open: filters.open ? "true" : undefined,
    limit: CASES_PAGE,
  };
  return useInfiniteQuery({
    queryKey: ["cases", query],
    ...cursorPages<Schemas["CaseList"]>("/cases", query),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: ["case", id],
    queryFn: ({ signal }) =>
      api.get<CaseDetail>(`/cases/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** Any change to a case: refreshes the case and the lists. */
function useCaseMutation<B, R>(id: string, send: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    // Also after a failure: a 409 means the case changed meanwhile, and the next try needs its
    // current version.
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ["case", id] });
      await queryClient.invalidateQueries({ queryKey: ["cases"] });
    },
  });
}

export function usePatchCase(id: string) {
  return useCaseMutation(id, (body: Schemas["PatchCaseBody"]) =>
    api.patch<Case>(`/cases/${encodeURIComponent(id)}`, body),
  );
}

export function useAddNote(id: string) {
  return useCaseMutation(id, (text: string) =>
    api.post<Case>(`/cases/${encodeURIComponent(id)}/notes`, { text }),
  );
}

export function useUseAuthority(id: string) {
  return useCaseMutation(id, (body: Schemas["AuthorityBody"]) =>
    api.post<AuthorityResult>(`/cases/${encodeURIComponent(id)}/authority`, body),
  );
}

export function useDecideApproval(id: string) {
  return useCaseMutation(id, ({ seq, approved }: { seq: number; approved: boolean }) =>
    api.post<Case>(`/cases/${encodeURIComponent(id)}/approvals/${seq}`, { approved }),
  );
}

export function useRecordReview(id: string) {
  return useCaseMutation(id, (body: Schemas["CaseReviewBody"]) =>
    api.put<CaseDetail>(`/cases/${encodeURIComponent(id)}/review`, body),
  );
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: ["sla-policies"],
    queryFn: ({ signal }) => api.get<{ items: SlaPolicy[] }>("/sla-policies", undefined, signal),
  });
}

export function useCreateSlaPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SlaPolicyBody) => api.post<SlaPolicy>("/sla-policies", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["sla-policies"] }),
  });
}

export function usePreviewSlaPolicy() {
  return useMutation({
    mutationFn: ({ id, openedAt }: { id: string; openedAt: string }) =>
      api.post<SlaPreview>(`/sla-policies/${encodeURIComponent(id)}/preview`, { openedAt }),
  });
}

export function usePreviewOnCases() {
  return useMutation({
    mutationFn: (body: SlaPolicyBody) =>
      api.post<Schemas["SlaPreviewCases"]>("/sla-policies/preview-cases", { ...body, limit: 20 }),
  });
}

export interface ComplianceRow {
  /** The team id, channel or category; null for cases without one. */
  key: string | null;
  label: string;
  resolved: number;
  breached: number;
  firstResponseCompliance: number | null;
  resolutionCompliance: number | null;
}

export function useCompliance(by: string) {
  return useQuery({
    queryKey: ["case-compliance", by],
    queryFn: ({ signal }) =>
      api.get<{ from: string; items: ComplianceRow[] }>("/case-reports/compliance", { by }, signal),
  });
}

export interface OperationsReport {
  timeToFirstResponse: { label: string; cases: number }[];
  timeToResolution: { label: string; cases: number }[];
  backlog: { label: string; cases: number; breached: number }[];
  breaches: {
    id: string;
    reference: string;
    title: string;
    severity: string;
    breachedAt: string;
  }[];
  authority: {
    option: string;
    approved: string;
    uses: number;
    amount: number;
    reopenRate: number | null;
    answeredAfter: number;
    satisfiedAfterRate: number | null;
  }[];
}

export function useOperationsReport() {
  return useQuery({
    queryKey: ["case-operations"],
    queryFn: ({ signal }) =>
      api.get<OperationsReport>("/case-reports/operations", undefined, signal),
  });
}

/** Instants as the viewer's local date and time, e.g. "Mon 2 Nov, 13:05". */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
}

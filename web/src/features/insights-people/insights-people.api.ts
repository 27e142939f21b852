import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen";
import type { Role } from "../../lib/types";

type Schemas = components["schemas"];
export type KeepRateReport = Schemas["KeepRateReport"];
export type ResponseTimesReport = Schemas["ResponseTimesReport"];
export type Vendor = Schemas["Vendor"];
export type VendorStatement = Schemas["VendorStatement"];
export type VendorComparison = Schemas["VendorComparison"];
export type VendorImportResult = Schemas["VendorImportResult"];
export type PersonaCard = Schemas["PersonaCard"];

/** Who sees promise-keeping and vendor statements (the API's read rule for these routes). */
export const CAN_VIEW_PROMISES_VENDORS: readonly Role[] = ["admin", "leader", "qa", "exec"];

export function useKeepRate(by: string) {
  return useQuery({
    queryKey: ["promises", "keep-rate", by],
    queryFn: ({ signal }) => api.get<KeepRateReport>("/promises/keep-rate", { by }, signal),
  });
}

export function useResponseTimes() {
  return useQuery({
    queryKey: ["promises", "response-times"],
    queryFn: ({ signal }) => api.get<ResponseTimesReport>("/promises/response-times", {}, signal),
  });
}

export function useVendors() {
  return useQuery({
    queryKey: ["vendors"],
    queryFn: ({ signal }) => api.get<{ items: Vendor[] }>("/vendors", {}, signal),
  });
}

export function useVendorComparison(month: string) {
  return useQuery({
    queryKey: ["vendors", "compare", month],
    queryFn: ({ signal }) => api.get<VendorComparison>("/vendors/compare", { month }, signal),
  });
}

export function useImportVendorMetrics(vendorId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) =>
      api.post<VendorImportResult>(`/vendors/${vendorId}/metrics/import`, { csv }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["vendors"] }),
  });
}

export function usePersonas() {
  return useQuery({
    queryKey: ["personas"],
    queryFn: ({ signal }) => api.get<{ items: PersonaCard[] }>("/personas", {}, signal),
  });
}

/** The last `n` months as YYYY-MM, newest first (UTC, as the statements are). */
export function recentMonths(n: number, now = new Date()): string[] {
  return Array.from({ length: n }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7),
  );
}

export const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? "—" : `${Math.round(x * 1000) / 10}%`;

export function minutesLabel(m: number | null | undefined): string {
  if (m === null || m === undefined) return "—";
  if (m < 60) return `${Math.round(m)} min`;
  if (m < 48 * 60) return `${Math.round((m / 60) * 10) / 10} h`;
  return `${Math.round((m / 1440) * 10) / 10} days`;
}

import { useMutation, useQuery } from "@tanstack/react-query";
import { api, ApiError, toApiError } from "../../lib/api";

export interface RestoreResult {
  tables: number;
  rows: number;
}

/** Whether the signed-in admin operates the instance (may download a backup of every org). */
export function useInstanceAccess() {
  return useQuery({
    queryKey: ["instance"],
    queryFn: ({ signal }) => api.get<{ operator: boolean }>("/instance", undefined, signal),
  });
}

/** Whether the instance has no organization yet (the sign-in page then offers a restore). */
export function useSetupStatus() {
  return useQuery({
    queryKey: ["setup"],
    queryFn: ({ signal }) => api.get<{ needsSetup: boolean }>("/setup", undefined, signal),
    retry: false,
  });
}

/** Uploads the backup file as the raw body: it may be far larger than any JSON request. */
export function useRestoreBackup() {
  return useMutation({
    mutationFn: async ({ file, token }: { file: File; token: string }) => {
      let res: Response;
      try {
        res = await fetch("/api/v1/setup/restore", {
          method: "POST",
          headers: { "Content-Type": "application/octet-stream", "X-Setup-Token": token.trim() },
          body: file,
        });
      } catch {
        throw new ApiError(0, "NETWORK_ERROR", "Cannot reach the server. Check your connection.");
      }
      if (!res.ok) throw await toApiError(res);
      return (await res.json()) as RestoreResult;
    },
  });
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, setCsrfToken } from "../../lib/api";
import type { Session } from "../../lib/types";

export const SESSION_KEY = ["session"] as const;

/** The signed-in user, or `null` when there is no session (401 from /auth/me). */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>("/auth/me");
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

/** For components rendered under the authenticated layout, where a session is guaranteed. */
export function useSession(): Session {
  const { data } = useSessionQuery();
  if (!data) throw new Error("useSession called outside an authenticated route");
  return data;
}

export interface LoginBody {
  email: string;
  password: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<Session>("/auth/login", body),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      // Drop anything cached for a previous user before the new one sees a screen.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>("/auth/logout"),
    onSettled: () => {
      // Even if the server call failed, forget the session locally so the user is not stuck.
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}

export interface ChangePasswordBody {
  currentPassword: string;
  newPassword: string;
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<void>("/auth/password", body),
  });
}

/**
 * Typed fetch wrapper for /api/v1. Same-origin cookie session; every non-GET request carries the CSRF token
 * the server handed out at login or /auth/me. Errors come back as `{ error: { code, message, details? },
 * requestId }` and are rethrown as {@link ApiError} so screens can branch on `code`.
 */

const BASE = "/api/v1";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

let csrfToken: string | null = null;

/** Remembers the token from login or /auth/me; cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// Auth endpoints answer 401 as part of their normal flow (bad password, no session yet): never redirect on them.
const NO_REDIRECT_PATHS = ["/auth/login", "/auth/me", "/auth/logout"];

function redirectToLogin(): void {
  const { pathname, search } = window.location;
  if (pathname === "/login") return;
  const next = encodeURIComponent(pathname + search);
  window.location.assign(`/login?next=${next}`);
}

export type Query = Record<string, string | number | null | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ""}`;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
  requestId?: unknown;
}

export async function toApiError(res: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not JSON (proxy error page, server down): fall through to a generic message.
  }
  const code = typeof body?.error?.code === "string" ? body.error.code : `HTTP_${res.status}`;
  const message =
    typeof body?.error?.message === "string"
      ? body.error.message
      : res.status >= 500 || res.status === 0
        ? "The server is unavailable. Try again in a moment."
        : `Request failed (${res.status})`;
  const requestId = typeof body?.requestId === "string" ? body.requestId : undefined;
  return new ApiError(res.status, code, message, body?.error?.details, requestId);
}

/** Calls the API and returns the parsed JSON body (`undefined` for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "NETWORK_ERROR", "Cannot reach the server. Check your connection.");
  }

  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !NO_REDIRECT_PATHS.includes(path)) redirectToLogin();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: "POST", body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PATCH", body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PUT", body }),
  delete: (path: string) => apiRequest<void>(path, { method: "DELETE" }),
};

/**
 * useInfiniteQuery's fetching options for a list the API pages with `cursor` and answers with
 * `nextCursor` (null on the last page): each page asks for the one after the page before.
 */
export function cursorPages<T extends { nextCursor: string | null }>(path: string, query: Query) {
  return {
    queryFn: ({ signal, pageParam }: { signal: AbortSignal; pageParam: string | null }) =>
      api.get<T>(path, { ...query, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: T) => last.nextCursor,
  };
}

/** Per-field problems of a VALIDATION_FAILED answer: `{ path: "body.mapping.messages.text", message }`. */
export function validationIssues(err: unknown): { path: string; message: string }[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details.flatMap((d: unknown) => {
    if (!d || typeof d !== "object") return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    return typeof message === "string"
      ? [{ path: typeof path === "string" ? path : "", message }]
      : [];
  });
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return "Something went wrong.";
}

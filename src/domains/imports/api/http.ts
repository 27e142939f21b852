/**
 * The HTTP side of direct API imports: GET JSON with the vendor's auth header, waiting out rate
 * limits (429, or 503 with Retry-After) as the vendor asks, and following pagination.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "../../../lib/errors.ts";

/** At most this many waits for one request before giving up. */
const MAX_RATE_LIMIT_WAITS = 20;
/** A Retry-After longer than this is cut to it; without one, this is the wait. */
const MAX_WAIT_SECONDS = 120;
const DEFAULT_WAIT_SECONDS = 10;

export interface ApiClient {
  /** GET a URL (absolute, or a path on the base URL) and parse its JSON. */
  get(url: string): Promise<{ body: unknown; headers: Headers }>;
}

export interface ApiClientOptions {
  baseUrl: string;
  headers: Record<string, string>;
  /** Told about each rate-limit wait (seconds). */
  onWait?: (seconds: number) => void;
  signal?: AbortSignal;
}

export function createApiClient(opts: ApiClientOptions): ApiClient {
  const base = opts.baseUrl.replace(/\/+$/, "");
  return {
    async get(url) {
      const target = /^https?:\/\//.test(url)
        ? url
        : `${base}${url.startsWith("/") ? "" : "/"}${url}`;
      for (let attempt = 0; ; attempt++) {
        let res: Response;
        try {
          res = await fetch(target, {
            headers: { accept: "application/json", ...opts.headers },
            ...(opts.signal ? { signal: opts.signal } : {}),
          });
        } catch (err) {
          throw new AppError("IMPORT_FILE_INVALID", {
            message: `cannot reach ${new URL(target).host}`,
            cause: err,
          });
        }
        const limited =
          res.status === 429 || (res.status === 503 && res.headers.has("retry-after"));
        if (limited && attempt < MAX_RATE_LIMIT_WAITS) {
          await res.body?.cancel();
          const seconds = retryAfterSeconds(res.headers.get("retry-after"));
          opts.onWait?.(seconds);
          await sleep(seconds * 1000, undefined, opts.signal ? { signal: opts.signal } : {});
          continue;
        }
        if (!res.ok) {
          await res.body?.cancel();
          // The path only: query strings can hold filters, never the token (it is a header).
          throw new AppError("IMPORT_FILE_INVALID", {
            message: `${new URL(target).pathname}: the API answered ${res.status}${res.status === 401 || res.status === 403 ? " (check the token and its permissions)" : ""}`,
          });
        }
        try {
          return { body: (await res.json()) as unknown, headers: res.headers };
        } catch (err) {
          throw new AppError("IMPORT_FILE_INVALID", {
            message: `${new URL(target).pathname}: the API answered with something that is not JSON`,
            cause: err,
          });
        }
      }
    },
  };
}

/** Retry-After in seconds (delta-seconds or an HTTP date), bounded. */
export function retryAfterSeconds(value: string | null): number {
  if (value === null || value.trim() === "") return DEFAULT_WAIT_SECONDS;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.min(Math.max(0, n), MAX_WAIT_SECONDS);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return DEFAULT_WAIT_SECONDS;
  return Math.min(Math.max(0, Math.ceil((at - Date.now()) / 1000)), MAX_WAIT_SECONDS);
}

/** The `rel="next"` URL of an RFC 8288 Link header (Freshdesk paginates with it). */
export function nextLink(headers: Headers): string | undefined {
  const link = headers.get("link");
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

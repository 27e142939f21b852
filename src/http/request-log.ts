import type { Logger } from "../logger.ts";

/** Hono's request-id rule: the caller's `x-request-id` when short and plain, else a new UUID. */
export function requestIdFrom(header: string | undefined): string {
  return header && header.length <= 255 && !/[^\w\-=]/.test(header) ? header : crypto.randomUUID();
}

/** The one log line of each request (ids only: never the query string or body). */
export function logRequest(
  logger: Logger,
  request: {
    requestId: string;
    method: string;
    path: string;
    status: number;
    startedAt: number;
    orgId?: string | undefined;
  },
): void {
  logger.info(
    {
      requestId: request.requestId,
      method: request.method,
      path: request.path,
      status: request.status,
      ms: Math.round(performance.now() - request.startedAt),
      orgId: request.orgId,
    },
    "request",
  );
}
